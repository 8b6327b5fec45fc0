import type { Request } from 'express';
import type { AppContext } from '../../context.js';
import { HttpError } from '../../http/errors.js';
import { route, type RouteDef } from '../../http/routes.js';
import type { CurrentUser } from '../../http/types.js';
import { parseForm } from '../../http/validation.js';
import { adviserChanges, CHANGE_KINDS, lastSeenChanges, listChanges, markChangesSeen, unseenChangesCount, type ChangePage } from '../audit/rules.js';
import { changeApiRoutes } from './api.js';
import { kindLabel, presentChanges } from './present.js';
import { ChangeFilterQuery, MinePageQuery } from './schemas.js';

const FILTER_FIELDS = ['from', 'to', 'city', 'adviser', 'kind'] as const;

/** The filter's own fields as strings, for re-showing the form; never the whole query. */
function filterValues(req: Request): Record<string, string> {
  const values: Record<string, string> = {};
  for (const f of FILTER_FIELDS) {
    const v = req.query[f];
    if (typeof v === 'string') values[f] = v.slice(0, 100);
  }
  return values;
}

function filterOptions(ctx: AppContext, req: Request) {
  const kinds = [...new Set([...CHANGE_KINDS, ...ctx.repos.audit.kinds()])].map((code) => ({ code, label: kindLabel(code, req.t) }));
  return {
    cities: ctx.repos.audit.cities().map((c) => ({ id: c.id, name: c[`name_${req.lang}`] })),
    advisers: ctx.repos.audit.advisers(),
    kinds: kinds.sort((a, b) => a.label.localeCompare(b.label, req.lang)),
  };
}

/** Links to other pages keep the filter. */
function pageLinks(base: string, values: Record<string, string>, page: ChangePage) {
  const url = (n: number) => {
    const q = new URLSearchParams(Object.entries(values).filter(([, v]) => v !== ''));
    q.set('page', String(n));
    return `${base}?${q.toString()}`;
  };
  return { prev: page.page > 1 ? url(page.page - 1) : null, next: page.page < page.pages ? url(page.page + 1) : null };
}

export function changeRoutes(ctx: AppContext): RouteDef[] {
  return [
    ...changeApiRoutes(ctx),
    route('get', '/changes', ['admin', 'supervisor'], (req, res) => {
      const values = filterValues(req);
      const parsed = parseForm(ChangeFilterQuery, req.query, req.t);
      const common = { title: req.t('changes.title'), values, options: filterOptions(ctx, req) };
      if (!parsed.ok) {
        // Bad filter: say so beside the fields and list nothing rather than something unfiltered.
        // The page number has no field of its own, so its problem goes to the summary.
        const errors = parsed.errors.page ? { ...parsed.errors, _form: req.t('changes.badFilter') } : parsed.errors;
        return res.status(400).render('changes/index', { ...common, errors, page: null, changes: [], links: null });
      }
      const q = parsed.data;
      const page = listChanges(ctx, { from: q.from, to: q.to, cityId: q.city, adviserId: q.adviser, kind: q.kind }, q.page ?? 1);
      res.render('changes/index', {
        ...common,
        page,
        changes: presentChanges(ctx, page.rows, req.lang, req.t),
        links: pageLinks('/changes', values, page),
      });
    }),

    route('get', '/changes/mine', ['admin', 'supervisor', 'adviser'], (req, res) => {
      const query = MinePageQuery.safeParse(req.query);
      if (!query.success) throw new HttpError(400, 'validation_failed');
      const user = req.user as CurrentUser;
      if (user.adviserId === null) {
        return res.render('changes/mine', { title: req.t('changes.mineTitle'), linked: false, page: null, changes: [], newCount: 0, links: null });
      }
      const seenAt = lastSeenChanges(ctx, user.id);
      const page = adviserChanges(ctx, user.adviserId, query.data.page ?? 1);
      const changes = presentChanges(ctx, page.rows, req.lang, req.t, { seenAt, userId: user.id });
      const newCount = unseenChangesCount(ctx, user.id, user.adviserId);
      markChangesSeen(ctx, user.id);
      res.render('changes/mine', { title: req.t('changes.mineTitle'), linked: true, page, changes, newCount, links: pageLinks('/changes/mine', {}, page) });
    }),
  ];
}
