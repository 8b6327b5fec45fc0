import type { Request, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { AppContext } from '../../context.js';
import { HttpError } from '../../http/errors.js';
import { route, type RouteDef } from '../../http/routes.js';
import { id, parseForm, type FieldErrors } from '../../http/validation.js';
import { FEEDBACK_EMAIL, markFeedbackHandled, STATEMENT_REVIEWED_ON, submitFeedback } from './rules.js';
import { FeedbackForm } from './schemas.js';

type FeedbackValues = { message: string; email: string; page: string };

/** The page the visitor came from (same site only), so the feedback says what it is about. */
function refererPath(req: Request, baseUrl: string): string {
  const referer = req.get('referer');
  if (!referer) return '';
  try {
    const url = new URL(referer);
    if (url.origin !== new URL(baseUrl).origin && url.host !== req.get('host')) return '';
    return url.pathname.startsWith('/accessibility') ? '' : url.pathname;
  } catch {
    return '';
  }
}

function renderStatement(ctx: AppContext, req: Request, res: Response, status: number, values: FeedbackValues, errors: FieldErrors = {}) {
  res.status(status).render('accessibility/statement', {
    unhandled: req.user?.role === 'admin' ? ctx.repos.accessibilityFeedback.countUnhandled() : null,
    title: req.t('accessibility.title'),
    reviewedOn: STATEMENT_REVIEWED_ON,
    feedbackEmail: FEEDBACK_EMAIL,
    values,
    errors,
  });
}

export function accessibilityRoutes(ctx: AppContext): RouteDef[] {
  // A public form that writes to the database: limit what one address can send.
  const perIp = rateLimit({
    windowMs: 60 * 60_000,
    limit: 20,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new HttpError(429, 'rate_limited')),
  });

  return [
    route('get', '/accessibility', 'public', (req, res) => {
      renderStatement(ctx, req, res, 200, { message: '', email: '', page: refererPath(req, ctx.config.baseUrl) });
    }),
    route('post', '/accessibility/feedback', 'public', perIp, (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const parsed = parseForm(FeedbackForm, body, req.t);
      if (!parsed.ok) {
        const str = (v: unknown) => (typeof v === 'string' ? v : '');
        return renderStatement(ctx, req, res, 400, { message: str(body.message), email: str(body.email), page: str(body.page) }, parsed.errors);
      }
      submitFeedback(ctx, parsed.data, req.lang, req.user?.id ?? null);
      res.redirect(303, '/accessibility/feedback/thanks');
    }),
    route('get', '/accessibility/feedback/thanks', 'public', (req, res) => {
      res.render('accessibility/thanks', { title: req.t('accessibility.thanksTitle') });
    }),
    route('get', '/accessibility/feedback/received', ['admin'], (req, res) => {
      res.render('accessibility/received', { title: req.t('accessibility.receivedTitle'), feedback: ctx.repos.accessibilityFeedback.recent(200) });
    }),
    route('post', '/accessibility/feedback/:id/handled', ['admin'], (req, res) => {
      const feedbackId = id().safeParse(req.params.id);
      if (!feedbackId.success) throw new HttpError(404, 'not_found');
      markFeedbackHandled(ctx, feedbackId.data);
      req.flash({ type: 'success', text: req.t('accessibility.markedHandled') });
      res.redirect(303, '/accessibility/feedback/received');
    }),
  ];
}
