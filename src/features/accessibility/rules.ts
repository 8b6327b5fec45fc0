import type { AppContext } from '../../context.js';
import { notFound } from '../../http/errors.js';
import type { Lang } from '../../i18n/index.js';
import type { FeedbackInput } from './schemas.js';

/**
 * The day the statement was last reviewed, shown on the page. Update it
 * together with the statement's list of known gaps after each assessment.
 */
export const STATEMENT_REVIEWED_ON = '2026-11-22';

/** Stores one piece of accessibility feedback; returns its id. */
export function submitFeedback(ctx: AppContext, input: FeedbackInput, lang: Lang, userId: number | null): number {
  return ctx.db
    .transaction(() =>
      ctx.repos.accessibilityFeedback.insert({
        message: input.message,
        email: input.email ?? null,
        page: input.page === '' ? null : input.page,
        language: lang,
        userId,
        createdAt: ctx.clock.now().toISOString(),
      }),
    )
    .immediate();
}

/** Where feedback can also be sent by email, for those who prefer not to use the form. */
export const FEEDBACK_EMAIL = 'saavutettavuus@vuoro.example';

/** Marks feedback as answered; handling it twice changes nothing. */
export function markFeedbackHandled(ctx: AppContext, id: number): void {
  ctx.db
    .transaction(() => {
      if (!ctx.repos.accessibilityFeedback.byId(id)) throw notFound();
      ctx.repos.accessibilityFeedback.markHandled(id, ctx.clock.now().toISOString());
    })
    .immediate();
}
