import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { HttpError } from '../../http/errors.js';
import { route, type RouteDef } from '../../http/routes.js';
import { parseBody } from '../../http/validation.js';
import { translate } from '../../i18n/index.js';
import { idOf, userOf } from '../workflow/route-helpers.js';
import { cancelCover, coversFor, decideCover, offerCover, takeCover } from './cover.js';
import { myMonth } from './month.js';
import { oneTurnIcs } from './one-turn.js';
import { setReminder, setServiceApproval } from './settings.js';
import { ApprovalBody, CoverBody, CoverCancelBody, CoverDecisionBody, CoverTakeBody, ReminderBody } from './schemas.js';
import { MonthQuery } from './month-schema.js';

const ALL = ['admin', 'supervisor', 'adviser'] as const;
const ADVISER = ['adviser'] as const;
const STAFF = ['admin', 'supervisor'] as const;

function renderCovers(ctx: AppContext, req: Request, res: Response, status = 200, problem: string | null = null): void {
  res.status(status).render('my-day/covers', { title: req.t('myDay.coversTitle'), covers: coversFor(ctx, userOf(req), req.lang), problem });
}

/** A page action: done → back to /covers with a note; refused → /covers as it is now with the reason and the refusal's status. */
function fromCoversPage(ctx: AppContext, req: Request, res: Response, action: () => void, done: string): void {
  try {
    action();
  } catch (err) {
    if (!(err instanceof HttpError) || ![400, 403, 404, 409, 422].includes(err.status)) throw err;
    return renderCovers(ctx, req, res, err.status, translate(req.lang, err.messageKey, err.params));
  }
  req.flash({ type: 'success', text: done });
  res.redirect(303, '/covers');
}

/** The adviser's own pages and actions: my month, one turn as .ics, cover offers, reminders, approval per service. */
export function myDayRoutes(ctx: AppContext): RouteDef[] {
  return [
    route('get', '/roster/mine/month', ALL, (req, res) => {
      const q = parseBody(MonthQuery, req.query, req.t);
      res.render('my-day/month', { title: req.t('myDay.myMonthTitle'), page: myMonth(ctx, userOf(req), req.lang, q.month) });
    }),
    route('get', '/roster/mine/turns/:id.ics', ADVISER, (req, res) => {
      const { body, filename } = oneTurnIcs(ctx, userOf(req), idOf(req), req.lang);
      res.set('Content-Type', 'text/calendar; charset=utf-8');
      res.set('Content-Disposition', `attachment; filename="${filename}"`);
      res.set('Cache-Control', 'private, no-store');
      res.send(body);
    }),

    route('get', '/covers', ALL, (req, res) => renderCovers(ctx, req, res)),
    route('get', '/api/v1/covers', ALL, (req, res) => {
      res.json(coversFor(ctx, userOf(req), req.lang));
    }),
    route('post', '/covers', ADVISER, (req, res) => {
      fromCoversPage(
        ctx,
        req,
        res,
        () => {
          const body = parseBody(CoverBody, req.body, req.t);
          offerCover(ctx, userOf(req), body.turnId, body.message);
        },
        req.t('myDay.coverSent'),
      );
    }),
    route('post', '/api/v1/covers', ADVISER, (req, res) => {
      const body = parseBody(CoverBody, req.body, req.t);
      const id = offerCover(ctx, userOf(req), body.turnId, body.message);
      res.status(201).json({ id, status: 'open', version: 1 });
    }),
    route('post', '/covers/:id/take', ADVISER, (req, res) => {
      const id = idOf(req);
      fromCoversPage(
        ctx,
        req,
        res,
        () => void takeCover(ctx, userOf(req), id, parseBody(CoverTakeBody, req.body, req.t).version),
        req.t('myDay.coverTakenDone'),
      );
    }),
    route('post', '/api/v1/covers/:id/take', ADVISER, (req, res) => {
      const id = idOf(req);
      const status = takeCover(ctx, userOf(req), id, parseBody(CoverTakeBody, req.body, req.t).version);
      res.status(201).json({ id, status });
    }),
    route('post', '/covers/:id/decide', STAFF, (req, res) => {
      const id = idOf(req);
      fromCoversPage(
        ctx,
        req,
        res,
        () => {
          const body = parseBody(CoverDecisionBody, req.body, req.t);
          decideCover(ctx, userOf(req), id, body.decision, body.version);
        },
        req.t('workflow.decided'),
      );
    }),
    route('post', '/api/v1/covers/:id/decision', STAFF, (req, res) => {
      const id = idOf(req);
      const body = parseBody(CoverDecisionBody, req.body, req.t);
      res.json({ id, status: decideCover(ctx, userOf(req), id, body.decision, body.version) });
    }),
    route('post', '/covers/:id/cancel', ADVISER, (req, res) => {
      const id = idOf(req);
      fromCoversPage(ctx, req, res, () => cancelCover(ctx, userOf(req), id, parseBody(CoverCancelBody, req.body, req.t).version), req.t('workflow.withdrawn'));
    }),
    route('post', '/api/v1/covers/:id/cancel', ADVISER, (req, res) => {
      const id = idOf(req);
      cancelCover(ctx, userOf(req), id, parseBody(CoverCancelBody, req.body, req.t).version);
      res.json({ id, status: 'cancelled' });
    }),

    route('post', '/profile/reminder', ALL, (req, res) => {
      setReminder(ctx, userOf(req), parseBody(ReminderBody, req.body, req.t).reminder);
      req.flash({ type: 'success', text: req.t('myDay.reminderSaved') });
      res.redirect(303, '/profile');
    }),
    route('put', '/api/v1/profile/reminder', ALL, (req, res) => {
      const { reminder } = parseBody(ReminderBody, req.body, req.t);
      setReminder(ctx, userOf(req), reminder);
      res.json({ reminder });
    }),
    route('post', '/services/:id/approval', ['admin'], (req, res) => {
      const id = idOf(req);
      const body = parseBody(ApprovalBody, req.body, req.t);
      setServiceApproval(ctx, userOf(req), id, body.swapsNeedApproval, body.version);
      req.flash({ type: 'success', text: req.t('myDay.approvalSaved') });
      res.redirect(303, `/services/${id}`);
    }),
    route('put', '/api/v1/services/:id/approval', ['admin'], (req, res) => {
      const id = idOf(req);
      const body = parseBody(ApprovalBody, req.body, req.t);
      const version = setServiceApproval(ctx, userOf(req), id, body.swapsNeedApproval, body.version);
      res.json({ id, swapsNeedApproval: body.swapsNeedApproval, version });
    }),
  ];
}
