import type { AppContext } from '../../context.js';
import type { RouteDef } from '../../http/routes.js';

export function userRoutes(_ctx: AppContext): RouteDef[] {
  return [];
}
