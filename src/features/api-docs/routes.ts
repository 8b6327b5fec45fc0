import type { AppContext } from '../../context.js';
import { route, type RouteDef } from '../../http/routes.js';
import { openApiDocument } from './openapi.js';

export function apiDocsRoutes(_ctx: AppContext): RouteDef[] {
  return [
    route('get', '/api/v1/openapi.json', 'public', (_req, res) => {
      res.json(openApiDocument);
    }),
    route('get', '/api-docs', 'public', (req, res) => {
      const paths = Object.entries(openApiDocument.paths).flatMap(([path, ops]) =>
        Object.entries(ops as Record<string, { summary: string }>).map(([method, op]) => ({ method: method.toUpperCase(), path, summary: op.summary })),
      );
      res.render('api-docs/index', { title: req.t('apiDocs.title'), paths });
    }),
  ];
}
