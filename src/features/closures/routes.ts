import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { HttpError, notFound } from '../../http/errors.js';
import { route, type RouteDef } from '../../http/routes.js';
import { parseBody, parseForm, type FieldErrors } from '../../http/validation.js';
import type { Lang } from '../../i18n/index.js';
import { localToday } from '../../time/zone.js';
import { fieldErrors, problemError } from '../cities/outcome.js';
import { addClosure, checkRange, closuresBetween, deleteClosure, type Closure } from './rules.js';
import { ClosureInput, ClosureRange, YearQuery } from './schemas.js';

const EVERYONE = ['admin', 'supervisor', 'adviser'] as const;

const toJson = (c: Closure, lang: Lang) => ({ date: c.date, name: c.name[lang], kind: c.kind, ...(c.id !== null ? { id: c.id } : {}) });

function paramId(req: Request): number {
  const raw = req.params.id;
  if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw)) throw notFound();
  return Number(raw);
}

function renderYear(ctx: AppContext, req: Request, res: Response, year: number, status = 200, errors: FieldErrors = {}, values: Record<string, unknown> = {}) {
  res.status(status).render('closures/index', {
    title: req.t('closures.title', { year }),
    year,
    closures: closuresBetween(ctx, `${year}-01-01`, `${year}-12-31`),
    errors,
    values,
  });
}

export function closureRoutes(ctx: AppContext): RouteDef[] {
  return [
    route('get', '/closures', EVERYONE, (req, res) => {
      const query = YearQuery.safeParse(req.query);
      if (!query.success) throw new HttpError(400, 'validation_failed', 'closures.badYear');
      renderYear(ctx, req, res, query.data.year ?? Number(localToday(ctx.clock.now()).slice(0, 4)));
    }),
    route('post', '/closures', ['admin'], (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const viewYear = () => {
        const y = Number(String(body.date ?? '').slice(0, 4));
        return y >= 1990 && y <= 2100 ? y : Number(localToday(ctx.clock.now()).slice(0, 4));
      };
      const form = parseForm(ClosureInput, body, req.t);
      if (!form.ok) return renderYear(ctx, req, res, viewYear(), 400, form.errors, body);
      const added = addClosure(ctx, form.data, (req.user as { id: number }).id);
      if (!added.ok) return renderYear(ctx, req, res, viewYear(), 400, fieldErrors(added.problems, req.t), body);
      req.flash({ type: 'success', text: req.t('common.saved') });
      res.redirect(303, `/closures?year=${form.data.date.slice(0, 4)}`);
    }),
    route('post', '/closures/:id/delete', ['admin'], (req, res) => {
      const id = paramId(req);
      const closure = ctx.repos.closures.byId(id);
      if (!closure || !deleteClosure(ctx, id)) throw notFound();
      req.flash({ type: 'success', text: req.t('common.deleted') });
      res.redirect(303, `/closures?year=${closure.date.slice(0, 4)}`);
    }),

    route('get', '/api/v1/closures', EVERYONE, (req, res) => {
      const { from, to } = parseBody(ClosureRange, req.query, req.t);
      const problems = checkRange(from, to);
      if (problems.length) throw problemError(400, problems, req.t);
      res.json(closuresBetween(ctx, from, to).map((c) => toJson(c, req.lang)));
    }),
    route('post', '/api/v1/closures', ['admin'], (req, res) => {
      const input = parseBody(ClosureInput, req.body, req.t);
      const added = addClosure(ctx, input, (req.user as { id: number }).id);
      if (!added.ok) throw problemError(added.status, added.problems, req.t);
      res.status(201).json({ ...toJson(added.value, req.lang), names: added.value.name });
    }),
    route('delete', '/api/v1/closures/:id', ['admin'], (req, res) => {
      if (!deleteClosure(ctx, paramId(req))) throw notFound();
      res.status(204).end();
    }),
  ];
}
