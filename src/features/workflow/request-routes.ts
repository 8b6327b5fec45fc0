import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { HttpError, notFound } from '../../http/errors.js';
import { route, type RouteDef } from '../../http/routes.js';
import { parseBody, parseForm, type FieldErrors } from '../../http/validation.js';
import { translate } from '../../i18n/index.js';
import type { ViolationJson } from '../rosters/present.js';
import { decideCityMove } from './moves.js';
import { requestsFor } from './requests.js';
import { CancelBody, DecisionBody, pathId, SwapBody, SwapDecisionBody, SwapForm, SwapResponseBody } from './schemas.js';
import { parseOffer, swapPage } from './swap-page.js';
import { swapOptions } from './swap-options.js';
import { cancelSwap, checkSwap, decideSwap, requestSwap, respondSwap } from './swaps.js';
import { STAFF, idOf, userOf } from './route-helpers.js';

const ALL = ['admin', 'supervisor', 'adviser'] as const;
const ADVISER = ['adviser'] as const;

interface SwapFormState {
  values: Record<string, string>;
  errors: FieldErrors;
  verdict: ViolationJson[] | null;
}

function renderSwap(ctx: AppContext, req: Request, res: Response, status: number, turnId: number, s: SwapFormState): void {
  res.status(status).render('workflow/swap', { title: req.t('workflow.swapTitle'), page: swapPage(ctx, userOf(req), turnId, req.lang), ...s });
}

/**
 * Runs an action of a /requests button. A refusal (stale, already answered,
 * not allowed, breaking a rule) re-renders /requests as it is now with the
 * reason at the top and the refusal's status, instead of a bare error page.
 */
function fromRequestsPage(ctx: AppContext, req: Request, res: Response, action: () => void, done: string): void {
  try {
    action();
  } catch (err) {
    if (!(err instanceof HttpError) || ![400, 403, 409, 422].includes(err.status)) throw err;
    const problem = { message: translate(req.lang, err.messageKey, err.params), details: err.details.map((d) => d.message) };
    res.status(err.status).render('workflow/requests', { title: req.t('workflow.requestsTitle'), requests: requestsFor(ctx, userOf(req), req.lang), problem });
    return;
  }
  req.flash({ type: 'success', text: done });
  res.redirect(303, '/requests');
}

/** A refusal from the swap rule shown on its form: the validator's violations or the reason. */
function swapProblem(err: unknown, req: Request): { status: number; errors: FieldErrors; verdict: ViolationJson[] | null } | null {
  if (!(err instanceof HttpError) || ![400, 409, 422].includes(err.status)) return null;
  const verdict = err.code === 'rule_violation' && Array.isArray(err.details) && err.details.length > 0 ? (err.details as ViolationJson[]) : null;
  // The chosen option is what failed: the message goes beside that field (the
  // summary links to it) and the validator's list follows once, below.
  return { status: err.status, errors: { offer: translate(req.lang, err.messageKey, err.params) }, verdict };
}

export function requestRoutes(ctx: AppContext): RouteDef[] {
  return [
    route('get', '/requests', ALL, (req, res) => {
      res.render('workflow/requests', { title: req.t('workflow.requestsTitle'), requests: requestsFor(ctx, userOf(req), req.lang), problem: null });
    }),
    route('get', '/api/v1/requests', ALL, (req, res) => {
      res.json(requestsFor(ctx, userOf(req), req.lang));
    }),

    route('post', '/requests/moves/:id', STAFF, (req, res) => {
      const id = idOf(req);
      fromRequestsPage(
        ctx,
        req,
        res,
        () => {
          const body = parseBody(DecisionBody, req.body, req.t);
          decideCityMove(ctx, id, body.decision, body.version, userOf(req));
        },
        req.t('workflow.decided'),
      );
    }),
    route('post', '/api/v1/city-moves/:id/decision', STAFF, (req, res) => {
      const id = idOf(req);
      const body = parseBody(DecisionBody, req.body, req.t);
      decideCityMove(ctx, id, body.decision, body.version, userOf(req));
      res.json({ id, status: body.decision === 'accept' ? 'accepted' : 'declined' });
    }),

    route('get', '/requests/swaps/new', ADVISER, (req, res) => {
      const turnId = pathId(req.query.turnId);
      if (turnId === null) throw notFound();
      renderSwap(ctx, req, res, 200, turnId, { values: { offer: '', message: '' }, errors: {}, verdict: null });
    }),
    route('post', '/requests/swaps', ADVISER, (req, res) => {
      const values = { offer: String(req.body?.offer ?? ''), message: String(req.body?.message ?? '') };
      const turnId = pathId(req.body?.turnId);
      if (turnId === null) throw notFound();
      const form = parseForm(SwapForm, req.body, req.t);
      if (!form.ok) return renderSwap(ctx, req, res, 400, turnId, { values, errors: form.errors, verdict: null });
      const input = { turnId, ...parseOffer(form.data.offer), message: form.data.message };
      try {
        if (form.data.action === 'check') {
          checkSwap(ctx, userOf(req), input, req.lang);
          return renderSwap(ctx, req, res, 200, turnId, { values, errors: {}, verdict: [] });
        }
        requestSwap(ctx, userOf(req), input, req.lang);
      } catch (err) {
        const problem = swapProblem(err, req);
        if (!problem) throw err;
        return renderSwap(ctx, req, res, problem.status, turnId, { values, errors: problem.errors, verdict: problem.verdict });
      }
      req.flash({ type: 'success', text: req.t('workflow.swapSent') });
      res.redirect(303, '/requests');
    }),
    route('get', '/api/v1/turns/:id/swap-options', ADVISER, (req, res) => {
      res.json(swapOptions(ctx, userOf(req), idOf(req), req.lang));
    }),
    route('post', '/api/v1/swaps', ADVISER, (req, res) => {
      const body = parseBody(SwapBody, req.body, req.t);
      const id = requestSwap(ctx, userOf(req), { ...body, otherTurnId: body.otherTurnId ?? null }, req.lang);
      res.status(201).json({ id, status: 'pending' });
    }),

    route('post', '/requests/swaps/:id/respond', ADVISER, (req, res) => {
      const id = idOf(req);
      fromRequestsPage(
        ctx,
        req,
        res,
        () => {
          const body = parseBody(SwapResponseBody, req.body, req.t);
          respondSwap(ctx, id, body.decision, body.version, userOf(req), req.lang);
        },
        req.t('workflow.decided'),
      );
    }),
    route('post', '/api/v1/swaps/:id/response', ADVISER, (req, res) => {
      const id = idOf(req);
      const body = parseBody(SwapResponseBody, req.body, req.t);
      res.json({ id, status: respondSwap(ctx, id, body.decision, body.version, userOf(req), req.lang) });
    }),

    route('post', '/requests/swaps/:id/cancel', ADVISER, (req, res) => {
      const id = idOf(req);
      fromRequestsPage(ctx, req, res, () => cancelSwap(ctx, id, parseBody(CancelBody, req.body, req.t).version, userOf(req)), req.t('workflow.withdrawn'));
    }),
    route('post', '/api/v1/swaps/:id/cancel', ADVISER, (req, res) => {
      const id = idOf(req);
      cancelSwap(ctx, id, parseBody(CancelBody, req.body, req.t).version, userOf(req));
      res.json({ id, status: 'cancelled' });
    }),

    route('post', '/requests/swaps/:id/decide', STAFF, (req, res) => {
      const id = idOf(req);
      fromRequestsPage(
        ctx,
        req,
        res,
        () => {
          const body = parseBody(SwapDecisionBody, req.body, req.t);
          decideSwap(ctx, id, body.decision, body.version, userOf(req), req.lang);
        },
        req.t('workflow.decided'),
      );
    }),
    route('post', '/api/v1/swaps/:id/decision', STAFF, (req, res) => {
      const id = idOf(req);
      const body = parseBody(SwapDecisionBody, req.body, req.t);
      res.json({ id, status: decideSwap(ctx, id, body.decision, body.version, userOf(req), req.lang) });
    }),
  ];
}
