import type { Request } from 'express';
import type { AppContext } from '../../context.js';
import { route, type RouteDef } from '../../http/routes.js';
import type { CurrentUser } from '../../http/types.js';
import { parseBody, parseForm } from '../../http/validation.js';
import type { Lang } from '../../i18n/index.js';
import { loadRange } from '../rosters/load.js';
import { presentViolations, publishErrors } from '../rosters/rules.js';
import { RangeBody } from '../rosters/schemas.js';
import { missingAcceptances } from '../planning/acceptance.js';
import { periodWords } from '../planning/words.js';
import { publishDiff, type AdviserDiff } from './publish-diff.js';
import { nameIn } from './turn-label.js';

/** The preview's changes per city, each with its counts, advisers in name order. */
export interface CityDiff {
  cityId: number | null;
  name: string;
  added: number;
  moved: number;
  removed: number;
  advisers: AdviserDiff[];
}

function byCity(ctx: AppContext, advisers: readonly AdviserDiff[], lang: Lang): CityDiff[] {
  const cities = ctx.repos.rosters.cities();
  const groups = new Map<number | null, AdviserDiff[]>();
  for (const a of advisers) groups.set(a.cityId, [...(groups.get(a.cityId) ?? []), a]);
  return [...groups]
    .map(([cityId, list]) => ({
      cityId,
      name: nameIn(
        cities.find((c) => c.id === cityId),
        lang,
      ),
      advisers: list,
      added: list.reduce((n, a) => n + a.added.length, 0),
      moved: list.reduce((n, a) => n + a.moved.length, 0),
      removed: list.reduce((n, a) => n + a.removed.length, 0),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, lang));
}

const STAFF = ['admin', 'supervisor'] as const;

/** What publishing a range would do: the changes per adviser and the errors that would refuse it. Reads only. */
export function publishPreview(ctx: AppContext, range: { from: string; to: string }, lang: Lang) {
  const diff = publishDiff(ctx, range.from, range.to, lang);
  const loaded = loadRange(ctx, range.from, range.to, { history: false });
  return {
    from: range.from,
    to: range.to,
    words: periodWords(range.from, range.to, lang),
    drafts: diff.turnIds.length,
    fingerprint: diff.fingerprint,
    advisers: diff.advisers,
    cities: byCity(ctx, diff.advisers, lang),
    errors: presentViolations(publishErrors(loaded), loaded, lang),
    acceptanceMissing: missingAcceptances(ctx, range.from, range.to, lang).map((c) => ({ city: c.code, name: c.name })),
    periodId: ctx.repos.planning.periodByRange(range.from, range.to)?.id ?? null,
  };
}

export function publishRoutes(ctx: AppContext): RouteDef[] {
  return [
    route('get', '/rosters/publish', STAFF, (req: Request, res) => {
      const values = { from: String(req.query.from ?? ''), to: String(req.query.to ?? ''), overrideReason: '' };
      const form = parseForm(RangeBody, req.query, req.t);
      if (!form.ok) {
        return res.status(400).render('rosters/generate', { title: req.t('rotation.generateTitle'), values, errors: form.errors });
      }
      const preview = publishPreview(ctx, form.data, req.lang);
      res.render('workflow/publish', {
        title: req.t('planning.previewTitle', { period: preview.words }),
        preview,
        values,
        errors: {},
        isAdmin: (req.user as CurrentUser).role === 'admin',
      });
    }),
    route('get', '/api/v1/rosters/publish-preview', STAFF, (req, res) => {
      res.json(publishPreview(ctx, parseBody(RangeBody, req.query, req.t), req.lang));
    }),
  ];
}
