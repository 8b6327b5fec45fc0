import type { AppContext } from './context.js';
import { apiDocsRoutes } from './features/api-docs/routes.js';
import { accessibilityRoutes } from './features/accessibility/routes.js';
import { authRoutes } from './features/auth/routes.js';
import { oidcRoutes } from './features/oidc/routes.js';
import { calendarRoutes } from './features/calendar/routes.js';
import { adviserRoutes } from './features/advisers/routes.js';
import { absenceRoutes } from './features/absences/routes.js';
import { userRoutes } from './features/users/routes.js';
import { tokenRoutes } from './features/tokens/routes.js';
import { profileRoutes } from './features/profile/routes.js';
import { homeRoutes } from './features/home/routes.js';
import { onDutyRoutes } from './features/on-duty/routes.js';
import { rosterViewRoutes } from './features/roster-views/routes.js';
import { closureRoutes } from './features/closures/routes.js';
import { cityRoutes } from './features/cities/routes.js';
import { serviceRoutes } from './features/services/routes.js';
import { shareRoutes } from './features/shares/routes.js';
import { changeRoutes } from './features/changes/routes.js';
import { notificationRoutes } from './features/notifications/routes.js';
import { rosterRoutes } from './features/rosters/routes.js';
import { workflowRoutes } from './features/workflow/routes.js';
import { fairnessRoutes } from './features/fairness/routes.js';
import { metricsRoutes } from './features/metrics/routes.js';
import { outboxRoutes } from './features/outbox/routes.js';
import { webhookRoutes } from './features/webhooks/routes.js';
import { myDayRoutes } from './features/my-day/routes.js';
import { planningRoutes } from './features/planning/routes.js';
import type { RouteDef } from './http/routes.js';

/**
 * Every route of the app, in one table: the authorization matrix test walks
 * it. Express tries routes in order, so the most-read pages come first.
 */
export function allRoutes(ctx: AppContext): RouteDef[] {
  return [
    ...rosterViewRoutes(ctx),
    ...myDayRoutes(ctx),
    ...homeRoutes(ctx),
    ...onDutyRoutes(ctx),
    ...calendarRoutes(ctx),
    ...authRoutes(ctx),
    ...oidcRoutes(ctx),
    ...rosterRoutes(ctx),
    ...workflowRoutes(ctx),
    ...fairnessRoutes(ctx),
    ...planningRoutes(ctx),
    ...adviserRoutes(ctx),
    ...absenceRoutes(ctx),
    ...userRoutes(ctx),
    ...tokenRoutes(ctx),
    ...profileRoutes(ctx),
    ...apiDocsRoutes(ctx),
    ...closureRoutes(ctx),
    ...cityRoutes(ctx),
    ...serviceRoutes(ctx),
    ...shareRoutes(ctx),
    ...changeRoutes(ctx),
    ...notificationRoutes(ctx),
    ...accessibilityRoutes(ctx),
    ...metricsRoutes(ctx),
    ...webhookRoutes(ctx),
    ...outboxRoutes(ctx),
  ];
}
