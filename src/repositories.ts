import type { Db } from './db/connection.js';
import { createCalendarRepository } from './features/calendar/repository.js';
import { createAccessibilityFeedbackRepository } from './features/accessibility/repository.js';
import { createSessionRepository } from './features/auth/sessions.repository.js';
import { createApiTokenRepository } from './features/auth/tokens.repository.js';
import { createLoginThrottleRepository } from './features/auth/throttle.repository.js';
import { createUserRepository } from './features/users/repository.js';
import { createAdviserRepository } from './features/advisers/repository.js';
import { createAbsenceRepository } from './features/absences/repository.js';
import { createClosureRepository } from './features/closures/repository.js';
import { createCityRepository } from './features/cities/repository.js';
import { createServiceRepository } from './features/services/repository.js';
import { createShareRepository } from './features/shares/repository.js';
import { createShareProposalRepository } from './features/shares/proposals.repository.js';
import { createAuditRepository } from './features/audit/repository.js';
import { createNotificationRepository } from './features/notifications/repository.js';
import { createRosterViewRepository } from './features/roster-views/repository.js';
import { createRosterRepository } from './features/rosters/repository.js';
import { createWorkflowRepository } from './features/workflow/repository.js';
import { createOidcRepository } from './features/oidc/repository.js';
import { createOutboxRepository } from './features/outbox/repository.js';
import { createWebhookRepository } from './features/webhooks/repository.js';
import { createInviteRepository } from './features/calendar/invites.repository.js';
import { createMyDayRepository } from './features/my-day/repository.js';
import { createPlanningRepository } from './features/planning/repository.js';

/** Every repository, with its statements prepared once per database. */
export function createRepositories(db: Db) {
  return {
    sessions: createSessionRepository(db),
    calendar: createCalendarRepository(db),
    users: createUserRepository(db),
    advisers: createAdviserRepository(db),
    absences: createAbsenceRepository(db),
    apiTokens: createApiTokenRepository(db),
    loginThrottle: createLoginThrottleRepository(db),
    closures: createClosureRepository(db),
    cities: createCityRepository(db),
    services: createServiceRepository(db),
    shares: createShareRepository(db),
    shareProposals: createShareProposalRepository(db),
    audit: createAuditRepository(db),
    notifications: createNotificationRepository(db),
    rosterViews: createRosterViewRepository(db),
    rosters: createRosterRepository(db),
    workflow: createWorkflowRepository(db),
    planning: createPlanningRepository(db),
    accessibilityFeedback: createAccessibilityFeedbackRepository(db),
    oidc: createOidcRepository(db),
    outbox: createOutboxRepository(db),
    webhooks: createWebhookRepository(db),
    invites: createInviteRepository(db),
    myDay: createMyDayRepository(db),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
