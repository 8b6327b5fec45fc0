import type { AppContext } from '../../context.js';
import type { RouteDef } from '../../http/routes.js';
import { publishRoutes } from './publish-routes.js';
import { replacementRoutes } from './replacement-routes.js';
import { requestRoutes } from './request-routes.js';
import { turnRoutes } from './turn-routes.js';

/** Planning together: hand edits, publication preview, requests, replacements. */
export function workflowRoutes(ctx: AppContext): RouteDef[] {
  return [...turnRoutes(ctx), ...publishRoutes(ctx), ...requestRoutes(ctx), ...replacementRoutes(ctx)];
}
