import type { AppContext } from '../../context.js';
import { HttpError } from '../../http/errors.js';
import { route, type RouteDef } from '../../http/routes.js';
import { parseBody } from '../../http/validation.js';
import { translate } from '../../i18n/index.js';
import { applyReplacement, replacementsFor } from './replacements.js';
import { ReplacementBody } from './schemas.js';
import { STAFF, idOf, userOf } from './route-helpers.js';

export function replacementRoutes(ctx: AppContext): RouteDef[] {
  return [
    route('get', '/absences/:id/replacements', STAFF, (req, res) => {
      const page = replacementsFor(ctx, idOf(req), userOf(req), req.lang);
      res.render('workflow/replacements', { title: req.t('replacements.replacementsTitle', { name: page.adviserName }), page, problem: null });
    }),
    route('post', '/absences/:id/replacements', STAFF, (req, res) => {
      const id = idOf(req);
      const body = parseBody(ReplacementBody, req.body, req.t);
      try {
        applyReplacement(ctx, id, body, userOf(req), req.lang);
      } catch (err) {
        if (!(err instanceof HttpError) || ![409, 422].includes(err.status)) throw err;
        // Shown above the fresh candidates: the roster may have changed under the reader.
        const page = replacementsFor(ctx, id, userOf(req), req.lang);
        const problem = [translate(req.lang, err.messageKey, err.params), ...err.details.map((d) => d.message)].join(' ');
        return res
          .status(err.status)
          .render('workflow/replacements', { title: req.t('replacements.replacementsTitle', { name: page.adviserName }), page, problem });
      }
      req.flash({ type: 'success', text: req.t('replacements.replaced') });
      res.redirect(303, `/absences/${id}/replacements`);
    }),
    route('get', '/api/v1/absences/:id/replacements', STAFF, (req, res) => {
      res.json(replacementsFor(ctx, idOf(req), userOf(req), req.lang));
    }),
    route('post', '/api/v1/absences/:id/replacements', STAFF, (req, res) => {
      const id = idOf(req);
      const body = parseBody(ReplacementBody, req.body, req.t);
      applyReplacement(ctx, id, body, userOf(req), req.lang);
      const turn = ctx.repos.rosters.turnById(body.turnId);
      res.json({ turnId: body.turnId, version: turn?.version ?? null, adviserIds: ctx.repos.rosters.assignmentsOf(body.turnId).map((a) => a.adviser_id) });
    }),
  ];
}
