import type { AppContext } from '../../context.js';
import { forbidden, HttpError, notFound } from '../../http/errors.js';
import { route, type RouteDef } from '../../http/routes.js';
import type { CurrentUser } from '../../http/types.js';
import { toDetails, type Parsed } from '../../http/validation.js';
import type { Translate } from '../../i18n/index.js';
import { managesCity } from './access.js';
import type { Adviser } from './repository.js';
import { adviserAsInput, adviserJson, createAdviser, getAdviser, updateAdviser } from './rules.js';
import { AdviserJson, parseAdviser, versionOf } from './schemas.js';
import { idParam } from './view.js';

const STAFF = ['admin', 'supervisor'] as const;
const EVERYONE = ['admin', 'supervisor', 'adviser'] as const;

function orBadRequest<T>(result: Parsed<T>): T {
  if (!result.ok) throw new HttpError(400, 'validation_failed', 'errors.validation_failed', toDetails(result.errors));
  return result.data;
}

function body(raw: unknown): Record<string, unknown> {
  return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
}

export function adviserApiRoutes(ctx: AppContext): RouteDef[] {
  const parse = (input: unknown, t: Translate) => orBadRequest(parseAdviser(AdviserJson, input, t));
  const respond = (a: Adviser) => adviserJson(a);
  return [
    route('get', '/api/v1/advisers', EVERYONE, (req, res) => {
      const cityId = idParam(req.query.cityId);
      const service = typeof req.query.service === 'string' ? ctx.repos.advisers.services().find((s) => s.code === req.query.service) : undefined;
      if (typeof req.query.service === 'string' && !service) {
        throw new HttpError(400, 'validation_failed', 'errors.validation_failed', [{ field: 'service', message: req.t('errors.unknownId') }]);
      }
      const active = req.query.active === 'true' ? 1 : req.query.active === 'false' ? 0 : null;
      res.json(ctx.repos.advisers.list({ cityId, serviceId: service?.id ?? null, active }).map(respond));
    }),
    route('get', '/api/v1/advisers/:id', EVERYONE, (req, res) => {
      const id = idParam(req.params.id);
      if (id === null) throw notFound();
      const adviser = getAdviser(ctx, id);
      res.set('ETag', `"${adviser.version}"`).json(respond(adviser));
    }),
    route('post', '/api/v1/advisers', STAFF, (req, res) => {
      const input = parse(body(req.body), req.t);
      const adviser = orBadRequest(createAdviser(ctx, req.user as CurrentUser, input, req.t));
      res.status(201).location(`/api/v1/advisers/${adviser.id}`).json(respond(adviser));
    }),
    route('patch', '/api/v1/advisers/:id', STAFF, (req, res) => {
      const id = idParam(req.params.id);
      if (id === null) throw notFound();
      const existing = getAdviser(ctx, id);
      if (!managesCity(req.user as CurrentUser, existing.cityId)) throw forbidden();
      const patch = body(req.body);
      const version = versionOf(patch, req.get('if-match'));
      if (version === null) {
        throw new HttpError(400, 'validation_failed', 'errors.validation_failed', [{ field: 'version', message: req.t('advisers.versionRequired') }]);
      }
      const input = parse({ ...adviserAsInput(existing), ...patch }, req.t);
      const adviser = orBadRequest(updateAdviser(ctx, req.user as CurrentUser, id, version, input, req.t));
      res.set('ETag', `"${adviser.version}"`).json(respond(adviser));
    }),
  ];
}
