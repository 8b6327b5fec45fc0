import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { HttpError, notFound } from '../../http/errors.js';
import { route, type RouteDef } from '../../http/routes.js';
import { parseBody, parseForm, type FieldErrors } from '../../http/validation.js';
import type { Lang } from '../../i18n/index.js';
import { percent } from '../shares/format.js';
import { fieldErrors, problemError, versionFrom } from './outcome.js';
import type { CityRow } from './repository.js';
import { cityOr404, citiesWithTodaysShares, createCity, nameIn, patchCity, setCityActive, updateCity } from './rules.js';
import { ActiveToggle, CityInput, CityPatch, CityUpdate } from './schemas.js';

const EVERYONE = ['admin', 'supervisor', 'adviser'] as const;

/** A numeric :id, or 404 (never a 500 for junk in the URL). */
export function paramId(req: Request, name = 'id'): number {
  const raw = req.params[name];
  if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw)) throw notFound();
  return Number(raw);
}

function cityJson(city: CityRow, lang: Lang, shares?: Record<string, number>) {
  return {
    id: city.id,
    code: city.code,
    name: nameIn(city, lang),
    ...(shares ? { shares } : {}),
    names: { fi: city.name_fi, sv: city.name_sv, en: city.name_en },
    colour: city.colour,
    active: city.active === 1,
    version: city.version,
  };
}

const formValues = (c: CityRow) => ({
  code: c.code,
  nameFi: c.name_fi,
  nameSv: c.name_sv,
  nameEn: c.name_en,
  colour: c.colour,
  active: c.active === 1,
  version: c.version,
});

function renderForm(req: Request, res: Response, city: CityRow | null, values: Record<string, unknown>, errors: FieldErrors = {}, status = 200) {
  res.status(status).render('cities/form', {
    title: city ? req.t('cities.editTitle', { name: nameIn(city, req.lang) }) : req.t('cities.newTitle'),
    city,
    values,
    errors,
  });
}

export function cityRoutes(ctx: AppContext): RouteDef[] {
  return [
    route('get', '/cities', EVERYONE, (req, res) => {
      res.render('cities/index', {
        title: req.t('cities.title'),
        rows: citiesWithTodaysShares(ctx),
        services: ctx.repos.services.all(),
        nameIn,
        percent: (f: number) => percent(f, req.lang),
      });
    }),
    route('get', '/cities/new', ['admin'], (req, res) => renderForm(req, res, null, { colour: '#005a9c' })),
    route('post', '/cities', ['admin'], (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const form = parseForm(CityInput, body, req.t);
      if (!form.ok) return renderForm(req, res, null, body, form.errors, 400);
      const created = createCity(ctx, form.data, req.user?.id ?? null);
      if (!created.ok) return renderForm(req, res, null, body, fieldErrors(created.problems, req.t), 400);
      req.flash({ type: 'success', text: req.t('common.created') });
      res.redirect(303, '/cities');
    }),
    route('get', '/cities/:id/edit', ['admin'], (req, res) => {
      const city = cityOr404(ctx, paramId(req));
      renderForm(req, res, city, formValues(city));
    }),
    route('post', '/cities/:id', ['admin'], (req, res) => {
      const city = cityOr404(ctx, paramId(req));
      const body = (req.body ?? {}) as Record<string, unknown>;
      const form = parseForm(CityUpdate, body, req.t);
      if (!form.ok) return renderForm(req, res, city, { ...body, active: body.active !== undefined }, form.errors, 400);
      const updated = updateCity(ctx, city.id, form.data, req.user?.id ?? null);
      if (!updated.ok) return renderForm(req, res, city, { ...body, active: form.data.active }, fieldErrors(updated.problems, req.t), 400);
      req.flash({ type: 'success', text: req.t('common.saved') });
      res.redirect(303, '/cities');
    }),
    route('post', '/cities/:id/active', ['admin'], (req, res) => {
      const id = paramId(req);
      const form = parseBody(ActiveToggle, req.body, req.t);
      setCityActive(ctx, id, form.active, form.version, req.user?.id ?? null);
      req.flash({ type: 'success', text: req.t(form.active ? 'common.activated' : 'common.deactivated') });
      res.redirect(303, '/cities');
    }),

    route('get', '/api/v1/cities', EVERYONE, (req, res) => {
      res.json(citiesWithTodaysShares(ctx).map(({ city, shares }) => cityJson(city, req.lang, shares)));
    }),
    route('get', '/api/v1/cities/:id', EVERYONE, (req, res) => {
      const id = paramId(req);
      const found = citiesWithTodaysShares(ctx).find((c) => c.city.id === id);
      if (!found) throw notFound();
      res.json(cityJson(found.city, req.lang, found.shares));
    }),
    route('post', '/api/v1/cities', ['admin'], (req, res) => {
      const created = createCity(ctx, parseBody(CityInput, req.body, req.t), req.user?.id ?? null);
      if (!created.ok) throw problemError(created.status, created.problems, req.t);
      res.status(201).json(cityJson(created.value, req.lang));
    }),
    route('patch', '/api/v1/cities/:id', ['admin'], (req, res) => {
      const id = paramId(req);
      cityOr404(ctx, id);
      const version = versionFrom(req.get('if-match'), req.body);
      if (version === undefined) {
        throw new HttpError(400, 'validation_failed', 'errors.validation_failed', [{ field: 'version', message: req.t('errors.fieldRequired') }]);
      }
      const patched = patchCity(ctx, id, parseBody(CityPatch, req.body, req.t), version, req.user?.id ?? null);
      if (!patched.ok) throw problemError(patched.status, patched.problems, req.t);
      res.json(cityJson(patched.value, req.lang));
    }),
  ];
}
