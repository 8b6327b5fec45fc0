import type { AppContext } from './context.js';
import { apiDocsRoutes } from './features/api-docs/routes.js';
import { authRoutes } from './features/auth/routes.js';
import { homeRoutes } from './features/home/routes.js';
import type { RouteDef } from './http/routes.js';

/** Every route of the app, in one table: the authorization matrix test walks it. */
export function allRoutes(ctx: AppContext): RouteDef[] {
  return [...authRoutes(ctx), ...homeRoutes(ctx), ...apiDocsRoutes(ctx)];
}
