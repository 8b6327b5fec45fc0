import type { Request } from 'express';
import type { AppContext } from '../../context.js';
import { route, type RouteDef } from '../../http/routes.js';
import { pageCache } from '../../http/page-cache.js';
import { parseBody } from '../../http/validation.js';
import { csvExport } from './export.js';
import { myTurns } from './mine.js';
import { monthPage, weekPage, type Viewer } from './pages.js';
import { CsvQuery, MonthQuery, WeekQuery } from './schemas.js';
import { XLSX_TYPE, xlsxExport } from './xlsx.js';

const EVERYONE = ['admin', 'supervisor', 'adviser'] as const;
// EJS's line tracking triples the render time of the large, load-tested roster
// tables; it only improves error messages of templates, which tests exercise.
const FAST = { compileDebug: false } as const;

function viewer(req: Request): Viewer {
  // The route guard has admitted only logged-in users.
  return { role: req.user?.role ?? 'adviser', lang: req.lang, t: req.t };
}

export function rosterViewRoutes(ctx: AppContext): RouteDef[] {
  const cached = pageCache(ctx);
  return [
    // The most read pages: mounted ahead of the route table (see RouteDef.fast).
    {
      ...route('get', '/roster', EVERYONE, (req, res) => {
        cached(req, res, 'roster/week', () => {
          const page = weekPage(ctx, viewer(req), parseBody(WeekQuery, req.query, req.t));
          return { ...FAST, title: req.t('roster.weekTitle', { week: page.week.weekNumber }), page };
        });
      }),
      fast: true,
    },
    {
      ...route('get', '/roster/month', EVERYONE, (req, res) => {
        cached(req, res, 'roster/month', () => {
          const page = monthPage(ctx, viewer(req), parseBody(MonthQuery, req.query, req.t));
          return { ...FAST, title: req.t('roster.monthTitle', { month: page.month.title }), page };
        });
      }),
      fast: true,
    },
    route('get', '/roster/mine', EVERYONE, (req, res) => {
      const mine = myTurns(ctx, req.lang, req.user?.adviserId ?? null);
      res.render('roster/mine', { title: req.t('roster.mineTitle'), mine });
    }),
    route('get', '/roster.csv', EVERYONE, (req, res) => {
      const { filename, body } = csvExport(ctx, viewer(req), parseBody(CsvQuery, req.query, req.t));
      res.set('Content-Type', 'text/csv; charset=utf-8');
      res.set('Content-Disposition', `attachment; filename="${filename}"`);
      res.set('Cache-Control', 'private, no-store');
      res.send(body);
    }),
    route('get', '/roster.xlsx', EVERYONE, async (req, res) => {
      const { filename, body } = await xlsxExport(ctx, viewer(req), parseBody(CsvQuery, req.query, req.t));
      res.set('Content-Type', XLSX_TYPE);
      res.set('Content-Disposition', `attachment; filename="${filename}"`);
      res.set('Cache-Control', 'private, no-store');
      res.send(body);
    }),
  ];
}
