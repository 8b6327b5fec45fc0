import type { AppContext } from '../../context.js';
import { HttpError } from '../../http/errors.js';
import { utcToLocal } from '../../time/zone.js';

/**
 * The 409 for a turn written from an old read. It names who changed the turn
 * and when, so the reader knows what to reload for ("changed by Anna at 10:42").
 */
export function staleTurn(ctx: AppContext, turnId: number): HttpError {
  const s = ctx.repos.workflow.turnStamp(turnId);
  if (!s) return new HttpError(404, 'not_found');
  const at = utcToLocal(s.updated_at).toFormat('d.L.yyyy HH:mm');
  const who = s.updated_by_name;
  const detail = {
    code: 'stale_version',
    message: `changed by ${who ?? 'the system'} at ${at}; reload`,
    changedBy: who,
    changedAt: s.updated_at,
    version: s.version,
  };
  return who === null
    ? new HttpError(409, 'stale_version', 'workflow.staleBySystem', [detail], { at })
    : new HttpError(409, 'stale_version', 'workflow.staleBy', [detail], { who, at });
}

/** Throws the stale answer unless the version read is the stored one. */
export function checkTurnVersion(ctx: AppContext, turnId: number, stored: number, read: number | undefined): void {
  if (read === undefined) {
    throw new HttpError(400, 'validation_failed', 'errors.validation_failed', [{ field: 'version', code: 'required', message: 'version is required' }]);
  }
  if (read !== stored) throw staleTurn(ctx, turnId);
}
