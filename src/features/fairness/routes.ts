import type { Request } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { route, type RouteDef } from '../../http/routes.js';
import { isoDate, parseBody, parseForm } from '../../http/validation.js';
import { localToday, mondayOf, shiftDate } from '../../time/zone.js';
import { checkRange, FairnessQuery } from '../rosters/schemas.js';
import { deviationChart } from './chart.js';
import { fairness, fairnessJson, nameOf } from './rules.js';

const ALL = ['admin', 'supervisor', 'adviser'] as const;

const PageQuery = z.object({ from: isoDate(), to: isoDate() }).superRefine(checkRange);

/** The last twelve weeks and the next eight: the published past and the planned future. */
function defaults(ctx: AppContext): { from: string; to: string } {
  const monday = mondayOf(localToday(ctx.clock.now()));
  return { from: shiftDate(monday, -84), to: shiftDate(monday, 8 * 7 - 1) };
}

function pageValues(ctx: AppContext, req: Request): { from: string; to: string } {
  const d = defaults(ctx);
  const q = req.query as Record<string, unknown>;
  return { from: typeof q.from === 'string' && q.from ? q.from : d.from, to: typeof q.to === 'string' && q.to ? q.to : d.to };
}

export function fairnessRoutes(ctx: AppContext): RouteDef[] {
  return [
    route('get', '/api/v1/fairness', ALL, (req, res) => {
      res.json(fairnessJson(ctx, parseBody(FairnessQuery, req.query, req.t)));
    }),
    route('get', '/fairness', ALL, (req, res) => {
      const values = pageValues(ctx, req);
      const form = parseForm(PageQuery, values, req.t);
      const title = req.t('rotation.fairnessTitle');
      if (!form.ok) return res.status(400).render('fairness/index', { title, values, errors: form.errors, sections: [] });
      const data = fairness(ctx, form.data);
      const cityName = new Map(data.cities.map((c) => [c.id, nameOf(c, req.lang)]));
      const sections = data.services.map(({ service, report }) => ({
        service: { code: service.code, name: nameOf(service, req.lang) },
        report,
        chart: deviationChart(report, cityName),
      }));
      res.render('fairness/index', { title, values: form.data, errors: {}, sections, cityName, adviserName: data.adviserNames });
    }),
  ];
}
