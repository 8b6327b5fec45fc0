import type { Request } from 'express';
import type { AppContext } from '../../context.js';
import { HttpError } from '../../http/errors.js';
import { route, type RouteDef } from '../../http/routes.js';
import type { CurrentUser } from '../../http/types.js';
import { parseBody, parseForm } from '../../http/validation.js';
import { generateRoster } from '../rosters/rules.js';
import { RangeBody } from '../rosters/schemas.js';
import { acceptPart } from './acceptance.js';
import { periodsInProgress, periodState } from './periods.js';
import { AcceptBody } from './schemas.js';
import { periodWords } from './words.js';

const STAFF = ['admin', 'supervisor'] as const;
const userOf = (req: Request): CurrentUser => req.user as CurrentUser;

function periodOf(ctx: AppContext, req: Request) {
  const raw = String(req.params.id ?? '');
  const row = /^\d{1,15}$/.test(raw) ? ctx.repos.planning.periodById(Number(raw)) : undefined;
  if (!row) throw new HttpError(404, 'not_found');
  return row;
}

export function planningRoutes(ctx: AppContext): RouteDef[] {
  return [
    route('post', '/api/v1/rosters/accept', STAFF, (req, res) => {
      res.json(acceptPart(ctx, parseBody(AcceptBody, req.body, req.t), userOf(req)));
    }),
    route('get', '/planning', STAFF, (req, res) => {
      res.render('planning/list', { title: req.t('planning.listTitle'), periods: periodsInProgress(ctx, req.lang) });
    }),
    // Generates (or regenerates) a range and lands on its planning period.
    route('post', '/planning', STAFF, (req, res) => {
      const form = parseForm(RangeBody, req.body, req.t);
      if (!form.ok) {
        const values = { from: String(req.body?.from ?? ''), to: String(req.body?.to ?? '') };
        return res.status(400).render('rosters/generate', { title: req.t('rotation.generateTitle'), values, errors: form.errors });
      }
      const result = generateRoster(ctx, form.data, userOf(req), req.lang);
      const period = ctx.repos.planning.periodByRange(form.data.from, form.data.to);
      req.flash({ type: 'success', text: req.t('planning.generated', { turns: result.turns, assigned: result.assigned, open: result.open }) });
      res.redirect(303, period ? `/planning/${period.id}` : '/planning');
    }),
    route('get', '/planning/:id', STAFF, (req, res) => {
      const state = periodState(ctx, periodOf(ctx, req), userOf(req), req.lang);
      res.render('planning/period', { title: req.t('planning.title', { period: state.words }), state, me: userOf(req) });
    }),
    route('post', '/planning/:id/accept', STAFF, (req, res) => {
      const row = periodOf(ctx, req);
      const body = parseBody(AcceptBody, { from: row.from_date, to: row.to_date, city: req.body?.city }, req.t);
      acceptPart(ctx, body, userOf(req));
      const city = ctx.repos.rosters.cities().find((c) => c.code === body.city);
      const name = city ? city[`name_${req.lang}`] : body.city;
      req.flash({ type: 'success', text: req.t('planning.acceptDone', { city: name, period: periodWords(row.from_date, row.to_date, req.lang) }) });
      res.redirect(303, `/planning/${row.id}`);
    }),
  ];
}
