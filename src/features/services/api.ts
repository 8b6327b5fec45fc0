import type { AppContext } from '../../context.js';
import { HttpError } from '../../http/errors.js';
import { route, type RouteDef } from '../../http/routes.js';
import { parseBody } from '../../http/validation.js';
import type { Lang, Translate } from '../../i18n/index.js';
import { problemError, versionFrom } from '../cities/outcome.js';
import { nameIn } from '../cities/rules.js';
import { paramId } from '../cities/routes.js';
import { replacePattern } from './pattern.js';
import type { ServiceRow, TemplateRow } from './repository.js';
import { createService, patchService, serviceOr404 } from './rules.js';
import { PatternInput, ServiceInput, ServicePatch } from './schemas.js';

const EVERYONE = ['admin', 'supervisor', 'adviser'] as const;

export const templateJson = (t: TemplateRow) => ({
  id: t.id,
  weekday: t.weekday,
  start: t.start_time,
  end: t.end_time,
  headcount: t.headcount,
  language: t.required_language,
});

function serviceJson(s: ServiceRow, lang: Lang, templates?: TemplateRow[]) {
  return {
    id: s.id,
    code: s.code,
    name: nameIn(s, lang),
    rotationUnit: s.rotation_unit,
    names: { fi: s.name_fi, sv: s.name_sv, en: s.name_en },
    active: s.active === 1,
    version: s.version,
    ...(templates ? { templates: templates.map(templateJson) } : {}),
  };
}

function requiredVersion(ifMatch: string | undefined, body: unknown, t: Translate): number {
  const version = versionFrom(ifMatch, body);
  if (version === undefined)
    throw new HttpError(400, 'validation_failed', 'errors.validation_failed', [{ field: 'version', message: t('errors.fieldRequired') }]);
  return version;
}

export function serviceApiRoutes(ctx: AppContext): RouteDef[] {
  return [
    route('get', '/api/v1/services', EVERYONE, (req, res) => {
      res.json(ctx.repos.services.all().map((s) => serviceJson(s, req.lang)));
    }),
    route('get', '/api/v1/services/:id', EVERYONE, (req, res) => {
      const service = serviceOr404(ctx, paramId(req));
      res.json(serviceJson(service, req.lang, ctx.repos.services.templates(service.id)));
    }),
    route('post', '/api/v1/services', ['admin'], (req, res) => {
      const created = createService(ctx, parseBody(ServiceInput, req.body, req.t), req.user?.id ?? null);
      if (!created.ok) throw problemError(created.status, created.problems, req.t);
      res.status(201).json(serviceJson(created.value, req.lang, []));
    }),
    route('patch', '/api/v1/services/:id', ['admin'], (req, res) => {
      const id = paramId(req);
      serviceOr404(ctx, id);
      const version = requiredVersion(req.get('if-match'), req.body, req.t);
      const patched = patchService(ctx, id, parseBody(ServicePatch, req.body, req.t), version, req.user?.id ?? null);
      if (!patched.ok) throw problemError(patched.status, patched.problems, req.t);
      res.json(serviceJson(patched.value, req.lang, ctx.repos.services.templates(id)));
    }),
    route('put', '/api/v1/services/:id/templates', ['admin'], (req, res) => {
      const id = paramId(req);
      serviceOr404(ctx, id);
      const version = requiredVersion(req.get('if-match'), req.body, req.t);
      const input = parseBody(PatternInput, req.body, req.t);
      const replaced = replacePattern(ctx, id, input.templates, version, req.user?.id ?? null);
      if (!replaced.ok) throw problemError(replaced.status, replaced.problems, req.t);
      res.json(serviceJson(serviceOr404(ctx, id), req.lang, replaced.value));
    }),
  ];
}
