import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { HttpError } from '../../http/errors.js';
import { route, type RouteDef } from '../../http/routes.js';
import type { CurrentUser } from '../../http/types.js';
import { parseBody, parseForm, type FieldErrors } from '../../http/validation.js';
import { localToday, mondayOf, shiftDate } from '../../time/zone.js';
import { translate } from '../../i18n/index.js';
import { versionFrom } from '../cities/outcome.js';
import { periodWords } from '../planning/words.js';
import { publishPreview } from '../workflow/publish-routes.js';
import { generateRoster, publishRoster, type GenerateResult } from './rules.js';
import { AssignmentsBody, PublishBody, RangeBody, TurnsQuery } from './schemas.js';
import { listTurns, setAssignments } from './turns.js';

const STAFF = ['admin', 'supervisor'] as const;
const ALL = ['admin', 'supervisor', 'adviser'] as const;

const userOf = (req: Request): CurrentUser => req.user as CurrentUser;

function turnId(req: Request): number {
  const raw = String(req.params.id ?? '');
  if (!/^\d{1,15}$/.test(raw)) throw new HttpError(404, 'not_found');
  return Number(raw);
}

/** Next Monday and four weeks from it: what a supervisor usually plans. */
function defaultRange(ctx: AppContext): { from: string; to: string } {
  const from = shiftDate(mondayOf(localToday(ctx.clock.now())), 7);
  return { from, to: shiftDate(from, 27) };
}

interface PageState {
  values: Record<string, string>;
  errors: FieldErrors;
  result?: GenerateResult;
  periodId?: number | null;
}

function renderPage(req: Request, res: Response, status: number, state: PageState): void {
  res.status(status).render('rosters/generate', { title: req.t('rotation.generateTitle'), ...state });
}

export function rosterRoutes(ctx: AppContext): RouteDef[] {
  return [
    route('post', '/api/v1/rosters/generate', STAFF, (req, res) => {
      const range = parseBody(RangeBody, req.body, req.t);
      res.json(generateRoster(ctx, range, userOf(req), req.lang));
    }),
    route('post', '/api/v1/rosters/publish', STAFF, (req, res) => {
      const body = parseBody(PublishBody, req.body, req.t);
      res.json(publishRoster(ctx, body, userOf(req), req.lang));
    }),
    route('get', '/api/v1/turns', ALL, (req, res) => {
      res.json(listTurns(ctx, parseBody(TurnsQuery, req.query, req.t)));
    }),
    route('put', '/api/v1/turns/:id/assignments', STAFF, (req, res) => {
      const id = turnId(req);
      const body = parseBody(AssignmentsBody, req.body, req.t);
      const version = body.version ?? versionFrom(req.get('if-match'), undefined);
      res.json(setAssignments(ctx, id, { adviserIds: body.adviserIds, version, overrideReason: body.overrideReason }, userOf(req), req.lang));
    }),

    route('get', '/rosters/generate', STAFF, (req, res) => {
      renderPage(req, res, 200, { values: defaultRange(ctx), errors: {} });
    }),
    route('post', '/rosters/generate', STAFF, (req, res) => {
      const values = { from: String(req.body?.from ?? ''), to: String(req.body?.to ?? '') };
      const form = parseForm(RangeBody, req.body, req.t);
      if (!form.ok) return renderPage(req, res, 400, { values, errors: form.errors });
      const result = generateRoster(ctx, form.data, userOf(req), req.lang);
      renderPage(req, res, 200, {
        values: form.data,
        errors: {},
        result,
        periodId: ctx.repos.planning.periodByRange(form.data.from, form.data.to)?.id ?? null,
      });
    }),
    route('post', '/rosters/publish', STAFF, (req, res) => {
      const values = { from: String(req.body?.from ?? ''), to: String(req.body?.to ?? ''), overrideReason: String(req.body?.overrideReason ?? '') };
      const form = parseForm(PublishBody, req.body, req.t);
      if (!form.ok) return renderPage(req, res, 400, { values, errors: form.errors });
      try {
        const result = publishRoster(ctx, form.data, userOf(req), req.lang);
        const period = ctx.repos.planning.periodByRange(form.data.from, form.data.to);
        req.flash({
          type: 'success',
          text: req.t('planning.publishedConfirm', { count: result.published, period: periodWords(form.data.from, form.data.to, req.lang) }),
        });
        res.redirect(303, period ? `/planning/${period.id}` : '/rosters/generate');
      } catch (err) {
        if (!(err instanceof HttpError) || ![403, 409, 422].includes(err.status)) throw err;
        // Refused: back to the preview, as it is now, with why beside the reason field.
        const message = translate(req.lang, err.messageKey, err.params);
        const preview = publishPreview(ctx, form.data, req.lang);
        res.status(err.status).render('workflow/publish', {
          title: req.t('planning.previewTitle', { period: preview.words }),
          preview,
          values,
          isAdmin: userOf(req).role === 'admin',
          errors: err.status === 422 ? { overrideReason: req.t('rotation.publishRefused') } : { _form: message },
        });
      }
    }),
  ];
}
