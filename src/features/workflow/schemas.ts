import { z } from 'zod';
import { checkboxes, id, integer, optionalText } from '../../http/validation.js';

const version = () => integer(1, Number.MAX_SAFE_INTEGER).optional();

/** The turn form: the advisers ticked, the version read, and whether to check or save. */
export const TurnForm = z.object({
  adviserIds: checkboxes(id()),
  version: version(),
  action: z.enum(['check', 'save']).default('save'),
  // Only an admin's reason lets a save through hard errors (the rule checks the role).
  overrideReason: optionalText(500),
});

export const MoveBody = z.object({ cityId: id(), version: version(), reason: optionalText(500) });

// Decisions carry the version of the request they were made on, so nobody
// approves or declines a request that changed after they read it.
const versionRead = () => integer(1, Number.MAX_SAFE_INTEGER);
export const DecisionBody = z.object({ decision: z.enum(['accept', 'decline']), version: versionRead() });
export const SwapResponseBody = z.object({ decision: z.enum(['accept', 'refuse']), version: versionRead() });
export const SwapDecisionBody = z.object({ decision: z.enum(['approve', 'decline']), version: versionRead() });
/** Withdrawing carries the version read, so a request answered meanwhile is not withdrawn blindly. */
export const CancelBody = z.object({ version: integer(1, Number.MAX_SAFE_INTEGER) });

export const SwapBody = z.object({
  turnId: id(),
  targetId: id(),
  otherTurnId: z.preprocess((v) => (v === '' || v === null ? undefined : v), id().optional()),
  message: optionalText(500),
});

/** The swap form's one choice: "give:<adviser>" or "swap:<adviser>:<their turn>". */
export const SwapForm = z.object({
  turnId: id(),
  offer: z.string({ message: 'errors.fieldRequired' }).regex(/^(give:\d{1,15}|swap:\d{1,15}:\d{1,15})$/, 'errors.fieldChoice'),
  message: optionalText(500),
  action: z.enum(['check', 'send']).default('send'),
});

export const ReplacementBody = z.object({ turnId: id(), adviserId: id(), version: version() });

/** A path id; anything else names nothing (404). */
export function pathId(raw: unknown): number | null {
  const s = String(raw ?? '');
  return /^\d{1,15}$/.test(s) ? Number(s) : null;
}
