import { z } from 'zod';
import { id, integer, isoDate, isRealDate, optionalText } from '../../http/validation.js';
import { daysBetween } from '../../time/zone.js';

/** The longest range one generation or publication may cover, in days (inclusive). */
export const MAX_RANGE_DAYS = 400;

export function checkRange(r: { from: string; to: string }, ctx: z.RefinementCtx): void {
  // The fields' own checks have already reported a bad date.
  if (!isRealDate(r.from) || !isRealDate(r.to)) return;
  if (r.from > r.to) ctx.addIssue({ code: 'custom', message: 'errors.fromAfterTo', path: ['to'] });
  else if (daysBetween(r.from, r.to) + 1 > MAX_RANGE_DAYS) {
    // too_big carries `maximum`, which the message's {max} is filled from.
    ctx.addIssue({ code: 'too_big', origin: 'number', maximum: MAX_RANGE_DAYS, inclusive: true, message: 'errors.rangeTooLong', path: ['to'], input: r.to });
  }
}

export const RangeBody = z.object({ from: isoDate(), to: isoDate() }).superRefine(checkRange);
export const PublishBody = z
  .object({
    from: isoDate(),
    to: isoDate(),
    overrideReason: optionalText(500),
    // The preview's fingerprint of the drafts: publishing a roster changed since it was previewed is refused.
    previewed: z.string().trim().max(64).optional(),
  })
  .superRefine(checkRange);
export const TurnsQuery = z
  .object({
    from: isoDate(),
    to: isoDate(),
    service: z.string().trim().max(40).optional(),
    city: z.string().trim().max(40).optional(),
  })
  .superRefine(checkRange);
export const FairnessQuery = z
  .object({
    from: isoDate(),
    to: isoDate(),
    service: z.string().trim().min(1, 'errors.fieldRequired').max(40),
  })
  .superRefine(checkRange);

export const AssignmentsBody = z.object({
  adviserIds: z.array(id()).max(50, 'errors.fieldTooBig'),
  version: integer(1, Number.MAX_SAFE_INTEGER).optional(),
  // An admin's written reason to save despite hard errors; ignored when nothing breaks.
  overrideReason: optionalText(500),
});
