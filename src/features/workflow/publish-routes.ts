import type { Request } from 'express';
import type { AppContext } from '../../context.js';
import { route, type RouteDef } from '../../http/routes.js';
import type { CurrentUser } from '../../http/types.js';
import { parseBody, parseForm } from '../../http/validation.js';
import type { Lang } from '../../i18n/index.js';
import { loadRange } from '../rosters/load.js';
import { presentViolations, publishErrors } from '../rosters/rules.js';
import { RangeBody } from '../rosters/schemas.js';
import { publishDiff } from './publish-diff.js';

const STAFF = ['admin', 'supervisor'] as const;

/** What publishing a range would do: the changes per adviser and the errors that would refuse it. Reads only. */
export function publishPreview(ctx: AppContext, range: { from: string; to: string }, lang: Lang) {
  const diff = publishDiff(ctx, range.from, range.to, lang);
  const loaded = loadRange(ctx, range.from, range.to, { history: false });
  return { from: range.from, to: range.to, drafts: diff.turnIds.length, fingerprint: diff.fingerprint, advisers: diff.advisers,
    errors: presentViolations(publishErrors(loaded), loaded, lang) };
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
        title: req.t('publish.previewTitle', { from: form.data.from, to: form.data.to }), preview, values, errors: {},
        isAdmin: (req.user as CurrentUser).role === 'admin',
      });
    }),
    route('get', '/api/v1/rosters/publish-preview', STAFF, (req, res) => {
      res.json(publishPreview(ctx, parseBody(RangeBody, req.query, req.t), req.lang));
    }),
  ];
}
