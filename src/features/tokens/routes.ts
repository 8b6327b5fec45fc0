import type { AppContext } from '../../context.js';
import type { RouteDef } from '../../http/routes.js';

export function tokenRoutes(_ctx: AppContext): RouteDef[] {
  return [];
}
