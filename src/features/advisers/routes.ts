import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { forbidden, notFound } from '../../http/errors.js';
import { route, type RouteDef } from '../../http/routes.js';
import type { CurrentUser } from '../../http/types.js';
import type { FieldErrors } from '../../http/validation.js';
import { managesCity } from './access.js';
import { adviserApiRoutes } from './api.js';
import { createAdviser, getAdviser, setAdviserActive, updateAdviser } from './rules.js';
import { AdviserForm, parseAdviser, versionOf } from './schemas.js';
import { emptyValues, idParam, localName, valuesFromAdviser, valuesFromBody, type AdviserFormValues } from './view.js';

const STAFF = ['admin', 'supervisor'] as const;
const EVERYONE = ['admin', 'supervisor', 'adviser'] as const;

function pathId(req: Request): number {
  const id = idParam(req.params.id);
  if (id === null) throw notFound();
  return id;
}

/** Cities the actor may place an adviser in: all for an admin, their own for a supervisor. */
function cityChoices(ctx: AppContext, actor: CurrentUser) {
  return ctx.repos.advisers.cities().filter((c) => managesCity(actor, c.id));
}

function renderForm(ctx: AppContext, req: Request, res: Response, o: { id: number | null; values: AdviserFormValues; errors?: FieldErrors; status?: number }) {
  const actor = req.user as CurrentUser;
  const services = ctx.repos.advisers.services().filter((s) => s.active === 1 || o.values.skills.includes(s.code));
  res.status(o.status ?? 200).render('advisers/form', {
    title: o.id === null ? req.t('advisers.newTitle') : req.t('advisers.editTitle'),
    adviserId: o.id,
    values: o.values,
    errors: o.errors ?? {},
    cities: cityChoices(ctx, actor).map((c) => ({ id: c.id, name: localName(c, req.lang) })),
    services: services.map((s) => ({ code: s.code, name: localName(s, req.lang) })),
  });
}

export function adviserPageRoutes(ctx: AppContext): RouteDef[] {
  return [
    route('get', '/advisers', EVERYONE, (req, res) => {
      const q = req.query;
      const cityId = idParam(q.cityId);
      const serviceId = idParam(q.serviceId);
      const active = q.active === '1' ? 1 : q.active === '0' ? 0 : null;
      const cities = ctx.repos.advisers.cities();
      const services = ctx.repos.advisers.services();
      const cityName = new Map(cities.map((c) => [c.id, localName(c, req.lang)]));
      const serviceName = new Map(services.map((s) => [s.code, localName(s, req.lang)]));
      const actor = req.user as CurrentUser;
      const advisers = ctx.repos.advisers.list({ cityId, serviceId, active }).map((a) => ({
        ...a,
        cityName: cityName.get(a.cityId) ?? '',
        skillNames: a.skills.map((code) => serviceName.get(code) ?? code),
        canEdit: managesCity(actor, a.cityId),
      }));
      res.render('advisers/list', {
        title: req.t('common.advisers'),
        advisers,
        filter: { cityId: cityId ?? '', serviceId: serviceId ?? '', active: active === null ? '' : String(active) },
        cities: cities.map((c) => ({ id: c.id, name: localName(c, req.lang) })),
        services: services.map((s) => ({ id: s.id, name: localName(s, req.lang) })),
        canCreate: actor.role !== 'adviser',
      });
    }),
    route('get', '/advisers/new', STAFF, (req, res) => {
      renderForm(ctx, req, res, { id: null, values: emptyValues(req.user?.cityId ?? null) });
    }),
    route('post', '/advisers', STAFF, (req, res) => {
      const values = valuesFromBody(req.body);
      const parsed = parseAdviser(AdviserForm, req.body, req.t);
      const result = parsed.ok ? createAdviser(ctx, req.user as CurrentUser, parsed.data, req.t) : parsed;
      if (!result.ok) return renderForm(ctx, req, res, { id: null, values, errors: result.errors, status: 400 });
      req.flash({ type: 'success', text: req.t('common.created') });
      res.redirect(303, `/advisers/${result.data.id}`);
    }),
    route('get', '/advisers/:id', EVERYONE, (req, res) => {
      const adviser = getAdviser(ctx, pathId(req));
      const city = ctx.repos.advisers.cities().find((c) => c.id === adviser.cityId);
      const services = new Map(ctx.repos.advisers.services().map((s) => [s.code, localName(s, req.lang)]));
      res.render('advisers/show', {
        title: adviser.name,
        adviser,
        cityName: city ? localName(city, req.lang) : '',
        skillNames: adviser.skills.map((c) => services.get(c) ?? c),
        canEdit: managesCity(req.user as CurrentUser, adviser.cityId),
      });
    }),
    route('get', '/advisers/:id/edit', STAFF, (req, res) => {
      const adviser = getAdviser(ctx, pathId(req));
      if (!managesCity(req.user as CurrentUser, adviser.cityId)) throw forbidden();
      renderForm(ctx, req, res, { id: adviser.id, values: valuesFromAdviser(adviser) });
    }),
    route('post', '/advisers/:id', STAFF, (req, res) => {
      const id = pathId(req);
      const values = valuesFromBody(req.body);
      const parsed = parseAdviser(AdviserForm, req.body, req.t);
      const result = parsed.ok ? updateAdviser(ctx, req.user as CurrentUser, id, versionOf(req.body, undefined), parsed.data, req.t) : parsed;
      if (!result.ok) {
        // Authorization before showing the form again, so a forbidden edit never reveals it.
        const existing = getAdviser(ctx, id);
        if (!managesCity(req.user as CurrentUser, existing.cityId)) throw forbidden();
        return renderForm(ctx, req, res, { id, values, errors: result.errors, status: 400 });
      }
      req.flash({ type: 'success', text: req.t('common.saved') });
      res.redirect(303, `/advisers/${id}`);
    }),
    route('post', '/advisers/:id/active', STAFF, (req, res) => {
      const active = (req.body as Record<string, unknown>).active === '1';
      const adviser = setAdviserActive(ctx, req.user as CurrentUser, pathId(req), versionOf(req.body, undefined), active);
      req.flash({ type: 'success', text: req.t(active ? 'common.activated' : 'common.deactivated') });
      res.redirect(303, `/advisers/${adviser.id}`);
    }),
  ];
}

/** The adviser pages and their JSON API, for the route table. */
export function adviserRoutes(ctx: AppContext): RouteDef[] {
  return [...adviserPageRoutes(ctx), ...adviserApiRoutes(ctx)];
}
