import type { AppContext } from '../../context.js';
import type { RouteDef } from '../../http/routes.js';

export function absenceRoutes(_ctx: AppContext): RouteDef[] {
  return [];
}
