import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { route, type RouteDef } from '../../http/routes.js';
import { parseBody, parseForm, type FieldErrors } from '../../http/validation.js';
import { fieldErrors } from '../cities/outcome.js';
import { nameIn } from '../cities/rules.js';
import { paramId } from '../cities/routes.js';
import { serviceApiRoutes } from './api.js';
import { addTemplate, removeTemplate } from './pattern.js';
import type { ServiceRow } from './repository.js';
import { createService, serviceOr404, setServiceActive, updateService } from './rules.js';
import { ActiveToggle, ROTATION_UNITS, ServiceInput, ServiceUpdate, TemplateForm, VersionOnly } from './schemas.js';

const EVERYONE = ['admin', 'supervisor', 'adviser'] as const;

const formValues = (s: ServiceRow) => ({
  code: s.code,
  nameFi: s.name_fi,
  nameSv: s.name_sv,
  nameEn: s.name_en,
  rotationUnit: s.rotation_unit,
  active: s.active === 1,
  version: s.version,
});

function weekdayNames(req: Request): string[] {
  return req.t('common.weekdays').split(',');
}

function renderForm(req: Request, res: Response, service: ServiceRow | null, values: Record<string, unknown>, errors: FieldErrors = {}, status = 200) {
  res.status(status).render('services/form', {
    title: service ? req.t('services.editTitle', { name: nameIn(service, req.lang) }) : req.t('services.newTitle'),
    service,
    values,
    errors,
    units: ROTATION_UNITS,
  });
}

function renderShow(
  ctx: AppContext,
  req: Request,
  res: Response,
  service: ServiceRow,
  values: Record<string, unknown> = {},
  errors: FieldErrors = {},
  status = 200,
) {
  res.status(status).render('services/show', {
    title: nameIn(service, req.lang),
    service,
    templates: ctx.repos.services.templates(service.id),
    weekdays: weekdayNames(req),
    values: { headcount: '1', ...values },
    errors,
  });
}

export function serviceRoutes(ctx: AppContext): RouteDef[] {
  return [
    route('get', '/services', EVERYONE, (req, res) => {
      const services = ctx.repos.services.all();
      const counts = new Map<number, number>();
      for (const t of ctx.repos.services.allTemplates()) counts.set(t.service_id, (counts.get(t.service_id) ?? 0) + 1);
      res.render('services/index', { title: req.t('services.title'), services, counts, nameIn });
    }),
    route('get', '/services/new', ['admin'], (req, res) => renderForm(req, res, null, { rotationUnit: 'turn' })),
    route('post', '/services', ['admin'], (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const form = parseForm(ServiceInput, body, req.t);
      if (!form.ok) return renderForm(req, res, null, body, form.errors, 400);
      const created = createService(ctx, form.data, req.user?.id ?? null);
      if (!created.ok) return renderForm(req, res, null, body, fieldErrors(created.problems, req.t), 400);
      req.flash({ type: 'success', text: req.t('common.created') });
      res.redirect(303, `/services/${created.value.id}`);
    }),
    route('get', '/services/:id', EVERYONE, (req, res) => renderShow(ctx, req, res, serviceOr404(ctx, paramId(req)))),
    route('get', '/services/:id/edit', ['admin'], (req, res) => {
      const service = serviceOr404(ctx, paramId(req));
      renderForm(req, res, service, formValues(service));
    }),
    route('post', '/services/:id', ['admin'], (req, res) => {
      const service = serviceOr404(ctx, paramId(req));
      const body = (req.body ?? {}) as Record<string, unknown>;
      const form = parseForm(ServiceUpdate, body, req.t);
      if (!form.ok) return renderForm(req, res, service, { ...body, active: body.active !== undefined }, form.errors, 400);
      const updated = updateService(ctx, service.id, form.data, req.user?.id ?? null);
      if (!updated.ok) return renderForm(req, res, service, { ...body, active: form.data.active }, fieldErrors(updated.problems, req.t), 400);
      req.flash({ type: 'success', text: req.t('common.saved') });
      res.redirect(303, `/services/${service.id}`);
    }),
    route('post', '/services/:id/active', ['admin'], (req, res) => {
      const id = paramId(req);
      const form = parseBody(ActiveToggle, req.body, req.t);
      setServiceActive(ctx, id, form.active, form.version, req.user?.id ?? null);
      req.flash({ type: 'success', text: req.t(form.active ? 'common.activated' : 'common.deactivated') });
      res.redirect(303, '/services');
    }),
    route('post', '/services/:id/templates', ['admin'], (req, res) => {
      const service = serviceOr404(ctx, paramId(req));
      const body = (req.body ?? {}) as Record<string, unknown>;
      const form = parseForm(TemplateForm, body, req.t);
      if (!form.ok) return renderShow(ctx, req, res, service, body, form.errors, 400);
      const { version, ...template } = form.data;
      const added = addTemplate(ctx, service.id, template, version, req.user?.id ?? null);
      if (!added.ok) return renderShow(ctx, req, res, service, body, fieldErrors(added.problems, req.t), 400);
      req.flash({ type: 'success', text: req.t('common.saved') });
      res.redirect(303, `/services/${service.id}#pattern`);
    }),
    route('post', '/services/:id/templates/:templateId/delete', ['admin'], (req, res) => {
      const id = paramId(req);
      const { version } = parseBody(VersionOnly, req.body, req.t);
      removeTemplate(ctx, id, paramId(req, 'templateId'), version, req.user?.id ?? null);
      req.flash({ type: 'success', text: req.t('common.deleted') });
      res.redirect(303, `/services/${id}#pattern`);
    }),
    ...serviceApiRoutes(ctx),
  ];
}
