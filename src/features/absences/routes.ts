import type { Request, Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { forbidden, HttpError, notFound } from '../../http/errors.js';
import { route, type RouteDef } from '../../http/routes.js';
import type { CurrentUser } from '../../http/types.js';
import { optionalIsoDate, parseBody, toDetails, type FieldErrors } from '../../http/validation.js';
import { managesAdviser } from '../advisers/access.js';
import { versionOf } from '../advisers/schemas.js';
import { idParam, localName } from '../advisers/view.js';
import type { AbsenceFilter } from './repository.js';
import { absenceJson, createAbsence, deleteAbsence, getAbsence, mayManageAbsence, updateAbsence, visibleFilter, type AbsenceEffect } from './rules.js';
import { parseAbsence } from './schemas.js';

const EVERYONE = ['admin', 'supervisor', 'adviser'] as const;

const FilterQuery = z.object({ from: optionalIsoDate(), to: optionalIsoDate() });

interface AbsenceFormValues {
  adviserId: string;
  from: string;
  to: string;
  reason: string;
  version: string;
}

function pathId(req: Request): number {
  const id = idParam(req.params.id);
  if (id === null) throw notFound();
  return id;
}

function filterFrom(req: Request, dates: { from?: string | undefined; to?: string | undefined }): AbsenceFilter {
  return visibleFilter(req.user as CurrentUser, {
    adviserId: idParam(req.query.adviserId),
    cityId: idParam(req.query.cityId),
    from: dates.from ?? null,
    to: dates.to ?? null,
  });
}

/** A removal names the version it read, like every other write (API.md). */
function versionRead(req: Request, version: number | null): number {
  if (version === null)
    throw new HttpError(400, 'validation_failed', 'errors.validation_failed', [{ field: 'version', message: req.t('advisers.versionRequired') }]);
  return version;
}

export function absenceRoutes(ctx: AppContext): RouteDef[] {
  const adviserChoices = (actor: CurrentUser) => ctx.repos.advisers.list().filter((a) => managesAdviser(actor, a));

  const renderForm = (req: Request, res: Response, o: { id: number | null; values: AbsenceFormValues; errors?: FieldErrors; status?: number }) => {
    res.status(o.status ?? 200).render('absences/form', {
      title: o.id === null ? req.t('absences.newTitle') : req.t('absences.editTitle'),
      absenceId: o.id,
      values: o.values,
      errors: o.errors ?? {},
      advisers: adviserChoices(req.user as CurrentUser).map((a) => ({ id: a.id, name: a.name })),
    });
  };
  const bodyValues = (body: unknown): AbsenceFormValues => {
    const b = (body ?? {}) as Record<string, unknown>;
    const s = (v: unknown) => (typeof v === 'string' ? v : '');
    return { adviserId: s(b.adviserId), from: s(b.from), to: s(b.to), reason: s(b.reason), version: s(b.version) };
  };
  // Published turns the absence hits need replacements: supervisors go straight to the candidates.
  const afterSave = (req: Request, absence: { id: number; adviser_id: number }, effect: AbsenceEffect) =>
    effect.affectedPublishedTurns > 0 && req.user?.role !== 'adviser' ? `/absences/${absence.id}/replacements` : `/absences?adviserId=${absence.adviser_id}`;
  const effectFlash = (req: Request, effect: AbsenceEffect) => {
    req.flash({ type: 'success', text: req.t('absences.savedEffect', { opened: effect.openedDraftAssignments, published: effect.affectedPublishedTurns }) });
  };

  return [
    route('get', '/absences', EVERYONE, (req, res) => {
      const dates = FilterQuery.safeParse(req.query);
      const filter = filterFrom(req, dates.success ? dates.data : {});
      const actor = req.user as CurrentUser;
      const cities = ctx.repos.advisers.cities();
      const cityName = new Map(cities.map((c) => [c.id, localName(c, req.lang)]));
      const absences = ctx.repos.absences
        .list(filter)
        .map((a) => ({ ...a, cityName: cityName.get(a.city_id) ?? '', canEdit: mayManageAbsence(ctx, actor, a) }));
      res.render('absences/list', {
        title: req.t('common.absences'),
        absences,
        filter: { adviserId: filter.adviserId ?? '', cityId: filter.cityId ?? '', from: filter.from ?? '', to: filter.to ?? '' },
        filterError: dates.success ? null : req.t('errors.fieldDate'),
        advisers: actor.role === 'adviser' ? [] : ctx.repos.advisers.list().map((a) => ({ id: a.id, name: a.name })),
        cities: cities.map((c) => ({ id: c.id, name: localName(c, req.lang) })),
        isAdviser: actor.role === 'adviser',
      });
    }),
    route('get', '/absences/new', EVERYONE, (req, res) => {
      const actor = req.user as CurrentUser;
      const preset = idParam(req.query.adviserId) ?? (actor.role === 'adviser' ? actor.adviserId : null);
      renderForm(req, res, { id: null, values: { adviserId: preset === null ? '' : String(preset), from: '', to: '', reason: '', version: '' } });
    }),
    route('post', '/absences', EVERYONE, (req, res) => {
      const parsed = parseAbsence(req.body, req.t);
      const result = parsed.ok ? createAbsence(ctx, req.user as CurrentUser, parsed.data, req.t) : parsed;
      if (!result.ok) return renderForm(req, res, { id: null, values: bodyValues(req.body), errors: result.errors, status: 400 });
      effectFlash(req, result.data.effect);
      res.redirect(303, afterSave(req, result.data.absence, result.data.effect));
    }),
    route('get', '/absences/:id/edit', EVERYONE, (req, res) => {
      const a = getAbsence(ctx, pathId(req));
      if (!mayManageAbsence(ctx, req.user as CurrentUser, a)) throw forbidden();
      renderForm(req, res, {
        id: a.id,
        values: { adviserId: String(a.adviser_id), from: a.from_date, to: a.to_date, reason: a.reason, version: String(a.version) },
      });
    }),
    route('post', '/absences/:id', EVERYONE, (req, res) => {
      const id = pathId(req);
      const existing = getAbsence(ctx, id);
      if (!mayManageAbsence(ctx, req.user as CurrentUser, existing)) throw forbidden();
      const parsed = parseAbsence(req.body, req.t);
      const result = parsed.ok ? updateAbsence(ctx, req.user as CurrentUser, id, versionOf(req.body, undefined), parsed.data, req.t) : parsed;
      if (!result.ok) return renderForm(req, res, { id, values: bodyValues(req.body), errors: result.errors, status: 400 });
      effectFlash(req, result.data.effect);
      res.redirect(303, afterSave(req, result.data.absence, result.data.effect));
    }),
    route('post', '/absences/:id/delete', EVERYONE, (req, res) => {
      const id = pathId(req);
      const adviserId = getAbsence(ctx, id).adviser_id;
      deleteAbsence(ctx, req.user as CurrentUser, id, versionRead(req, versionOf(req.body, undefined)));
      req.flash({ type: 'success', text: req.t('common.deleted') });
      res.redirect(303, `/absences?adviserId=${adviserId}`);
    }),

    route('get', '/api/v1/absences', EVERYONE, (req, res) => {
      const dates = parseBody(FilterQuery, req.query, req.t);
      res.json(ctx.repos.absences.list(filterFrom(req, dates)).map(absenceJson));
    }),
    route('post', '/api/v1/absences', EVERYONE, (req, res) => {
      const parsed = parseAbsence(req.body ?? {}, req.t);
      const result = parsed.ok ? createAbsence(ctx, req.user as CurrentUser, parsed.data, req.t) : parsed;
      if (!result.ok) throw new HttpError(400, 'validation_failed', 'errors.validation_failed', toDetails(result.errors));
      res
        .status(201)
        .location(`/api/v1/absences/${result.data.absence.id}`)
        .json({ ...absenceJson(result.data.absence), ...result.data.effect });
    }),
    route('delete', '/api/v1/absences/:id', EVERYONE, (req, res) => {
      deleteAbsence(ctx, req.user as CurrentUser, pathId(req), versionRead(req, versionOf(req.body, req.get('if-match'))));
      res.status(204).end();
    }),
  ];
}
