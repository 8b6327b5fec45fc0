import type { AppContext } from '../../context.js';
import { HttpError } from '../../http/errors.js';
import { route, type RouteDef } from '../../http/routes.js';
import { parseBody } from '../../http/validation.js';
import { toLookups } from '../roster-views/model.js';
import { toTurnJson } from '../roster-views/turn-json.js';
import { instantKey, runningAt } from './rules.js';
import { OnDutyQuery } from './schemas.js';

export function onDutyRoutes(ctx: AppContext): RouteDef[] {
  return [
    // Who is on duty for a service at an instant (default now): for phone systems and intranets.
    route('get', '/api/v1/on-duty', ['admin', 'supervisor', 'adviser'], (req, res) => {
      const q = parseBody(OnDutyQuery, req.query, req.t);
      const lookups = toLookups(ctx.repos.rosterViews.lookups(), req.lang);
      const service = lookups.serviceByCode.get(q.service);
      if (!service) {
        throw new HttpError(400, 'validation_failed', 'errors.validation_failed', [{ field: 'service', code: 'unknown', message: req.t('errors.unknownId') }]);
      }
      const at = q.at ?? ctx.clock.now();
      const turn = runningAt(ctx, at, req.lang, lookups).find((t) => t.serviceId === service.id) ?? null;
      res.json({
        service: service.code,
        at: instantKey(at),
        turn: turn ? toTurnJson(turn) : null,
        city: turn?.city?.code ?? null,
        advisers: turn ? turn.advisers.map((a) => ({ id: a.id, name: a.name })) : [],
      });
    }),
  ];
}
