import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { HttpError } from '../../http/errors.js';
import { route, type RouteDef } from '../../http/routes.js';
import { parseBody, parseForm, type FieldErrors } from '../../http/validation.js';
import { translate } from '../../i18n/index.js';
import type { ViolationJson } from '../rosters/present.js';
import { previewAssignments, setAssignments } from '../rosters/turns.js';
import { requestCityMove } from './moves.js';
import { MoveBody, TurnForm } from './schemas.js';
import { turnPage } from './turn-page.js';
import { STAFF, idOf, userOf } from './route-helpers.js';

interface FormState {
  checked?: number[];
  version?: number;
  verdict?: ViolationJson[] | null;
  errors?: FieldErrors;
  overrideReason?: string;
  moveErrors?: FieldErrors;
  moveValues?: Record<string, string>;
}

function render(ctx: AppContext, req: Request, res: Response, status: number, s: FormState = {}): void {
  const page = turnPage(ctx, idOf(req), userOf(req), req.lang, s.checked);
  res.status(status).render('workflow/turn', {
    title: req.t('workflow.turnTitle'),
    page,
    version: s.version ?? page.turn.version,
    verdict: s.verdict ?? null,
    errors: s.errors ?? {},
    moveErrors: s.moveErrors ?? {},
    moveValues: s.moveValues ?? { cityId: '', reason: '' },
    isAdmin: userOf(req).role === 'admin',
    overrideReason: s.overrideReason ?? '',
  });
}

/**
 * A refusal from the rule shown on the form instead of an error page: a 409,
 * a 422 with the violations, or the 403 of an override only an admin may give
 * (it carries the violations too).
 */
function formProblem(err: unknown, req: Request): { status: number; errors: FieldErrors; verdict: ViolationJson[] | null } | null {
  if (!(err instanceof HttpError)) return null;
  const overrideRefused = err.status === 403 && err.details.length > 0;
  if (![400, 409, 422].includes(err.status) && !overrideRefused) return null;
  const message = translate(req.lang, err.messageKey, err.params);
  const verdict = (err.status === 422 && err.code === 'rule_violation') || overrideRefused ? (err.details as ViolationJson[]) : null;
  return { status: err.status, errors: { _form: message }, verdict };
}

export function turnRoutes(ctx: AppContext): RouteDef[] {
  return [
    route('get', '/roster/turns/:id', STAFF, (req, res) => render(ctx, req, res, 200)),
    route('post', '/roster/turns/:id', STAFF, (req, res) => {
      const id = idOf(req);
      const form = parseForm(TurnForm, req.body, req.t);
      if (!form.ok) return render(ctx, req, res, 400, { errors: form.errors });
      const { adviserIds, version, action, overrideReason } = form.data;
      const kept = { checked: adviserIds, overrideReason, ...(version ? { version } : {}) };
      if (action === 'check') {
        const verdict = previewAssignments(ctx, id, adviserIds, userOf(req), req.lang);
        return render(ctx, req, res, 200, { ...kept, verdict });
      }
      try {
        setAssignments(ctx, id, { adviserIds, version, overrideReason }, userOf(req), req.lang);
      } catch (err) {
        const problem = formProblem(err, req);
        if (!problem) throw err;
        return render(ctx, req, res, problem.status, { ...kept, verdict: problem.verdict, errors: problem.errors });
      }
      req.flash({ type: 'success', text: req.t('workflow.saved') });
      const date = ctx.repos.rosters.turnById(id)?.date ?? '';
      res.redirect(303, `/roster?week=${date}`);
    }),
    route('post', '/roster/turns/:id/move', STAFF, (req, res) => {
      const id = idOf(req);
      const moveValues = { cityId: String(req.body?.cityId ?? ''), reason: String(req.body?.reason ?? '') };
      const form = parseForm(MoveBody, req.body, req.t);
      if (!form.ok) return render(ctx, req, res, 400, { moveErrors: form.errors, moveValues });
      try {
        requestCityMove(ctx, id, { cityId: form.data.cityId, reason: form.data.reason, version: form.data.version }, userOf(req));
      } catch (err) {
        const problem = formProblem(err, req);
        if (!problem) throw err;
        return render(ctx, req, res, problem.status, { moveErrors: problem.errors, moveValues });
      }
      req.flash({ type: 'success', text: req.t('workflow.moveRequested') });
      res.redirect(303, '/requests');
    }),
    route('post', '/api/v1/turns/:id/city-move', STAFF, (req, res) => {
      const id = idOf(req);
      const body = parseBody(MoveBody, req.body, req.t);
      const version = body.version ?? versionHeader(req);
      const requestId = requestCityMove(ctx, id, { cityId: body.cityId, reason: body.reason, version }, userOf(req));
      res.status(201).json({ id: requestId, turnId: id, cityId: body.cityId, status: 'pending' });
    }),
  ];
}

/** If-Match: "<n>" as the version read. */
export function versionHeader(req: Request): number | undefined {
  const raw = req
    .get('if-match')
    ?.trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');
  return raw && /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
}
