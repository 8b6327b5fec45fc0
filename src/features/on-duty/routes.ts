import type { AppContext } from '../../context.js';
import { HttpError } from '../../http/errors.js';
import { route, type RouteDef } from '../../http/routes.js';
import { parseBody } from '../../http/validation.js';
import { toLookups } from '../roster-views/model.js';
import { toTurnJson } from '../roster-views/turn-json.js';
import { instantKey, runningAt } from './rules.js';
import type { z } from 'zod';
import { OnDutyQuery } from './schemas.js';
import { BoundedCache } from '../../db/stamp.js';
import type { Lang, Translate } from '../../i18n/index.js';

export function onDutyRoutes(ctx: AppContext): RouteDef[] {
  // Phone systems poll this every few seconds. The answer is a pure read of
  // published turns: the same for every caller at the same instant (second),
  // language and database stamp, so it is built once and then sent as bytes.
  const answers = new BoundedCache<Buffer>(500);
  const answer = (query: z.infer<typeof OnDutyQuery>, now: Date, lang: Lang, t: Translate): Buffer => {
    const lookups = toLookups(ctx.repos.rosterViews.lookups(), lang);
    const service = lookups.serviceByCode.get(query.service);
    if (!service) {
      throw new HttpError(400, 'validation_failed', 'errors.validation_failed', [{ field: 'service', code: 'unknown', message: t('errors.unknownId') }]);
    }
    const at = query.at ?? now;
    const turn = runningAt(ctx, at, lang, lookups).find((x) => x.serviceId === service.id) ?? null;
    return Buffer.from(
      JSON.stringify({
        service: service.code,
        at: instantKey(at),
        turn: turn ? toTurnJson(turn) : null,
        city: turn?.city?.code ?? null,
        advisers: turn ? turn.advisers.map((a) => ({ id: a.id, name: a.name })) : [],
      }),
    );
  };
  return [
    // Who is on duty for a service at an instant (default now): for phone systems and intranets.
    {
      ...route('get', '/api/v1/on-duty', ['admin', 'supervisor', 'adviser'], (req, res) => {
        // Keyed on the raw query: a hit needs no parsing; a query that does not parse throws on the miss and is never cached.
        const now = ctx.clock.now();
        const query = req.originalUrl.slice(req.originalUrl.indexOf('?') + 1 || req.originalUrl.length);
        const key = `${ctx.stamp()}|${req.lang}|${instantKey(now)}|${query}`;
        let body = answers.get(key);
        if (body === undefined) answers.set(key, (body = answer(parseBody(OnDutyQuery, req.query, req.t), now, req.lang, req.t)));
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.setHeader('Content-Length', body.length);
        res.end(req.method === 'HEAD' ? undefined : body);
      }),
      fast: true,
    },
  ];
}
