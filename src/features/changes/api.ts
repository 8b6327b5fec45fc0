import type { AppContext } from '../../context.js';
import { route, type RouteDef } from '../../http/routes.js';
import { parseBody } from '../../http/validation.js';
import { listChangesAfter } from '../audit/rules.js';
import { presentChanges } from './present.js';
import { ChangesApiQuery } from './schemas.js';

/** GET /api/v1/changes: newest first, paged by an opaque cursor (the last id seen). */
export function changeApiRoutes(ctx: AppContext): RouteDef[] {
  return [
    route('get', '/api/v1/changes', ['admin', 'supervisor'], (req, res) => {
      const q = parseBody(ChangesApiQuery, req.query, req.t);
      const rows = listChangesAfter(ctx, { from: q.from, to: q.to, kind: q.type, userId: q.actor }, q.cursor ?? null, 50);
      const views = presentChanges(ctx, rows.slice(0, 50), req.lang, req.t);
      const items = rows.slice(0, 50).map((row, i) => {
        const v = views[i];
        return {
          id: row.id,
          at: row.at,
          actor: row.user_id === null ? null : { id: row.user_id, name: row.user_name },
          type: row.kind,
          object: { type: row.object_type ?? row.entity, id: row.entity_id, label: v?.object ?? null },
          summary: v?.what ?? row.kind,
          before: v?.diffs.map((d) => ({ field: d.label, value: d.before })) ?? [],
          after: v?.diffs.map((d) => ({ field: d.label, value: d.after })) ?? [],
        };
      });
      res.json({ items, next: rows.length > 50 ? String(rows[49]?.id ?? '') : null });
    }),
  ];
}
