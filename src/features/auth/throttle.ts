import type { AppContext } from '../../context.js';
import type { ThrottleScope } from './throttle.repository.js';

/**
 * Sign-in limits. The tight one is per user name and address, so wrong
 * guesses from one place never shut the account's owner out from another;
 * a slower ceiling per user name stops guessing spread over many addresses,
 * but never closes an address the user has signed in from before; a limit
 * per address stops one client spraying many user names.
 */
export const LOGIN_LIMITS: Record<ThrottleScope, { attempts: number; windowMs: number }> = {
  pair: { attempts: 5, windowMs: 15 * 60_000 },
  user: { attempts: 50, windowMs: 60 * 60_000 },
  address: { attempts: 30, windowMs: 15 * 60_000 },
};
const KNOWN_FOR_MS = 30 * 24 * 3_600_000;
const PURGE_EVERY_MS = 60_000;

export interface LoginAttempt {
  username: string;
  address: string;
}
export type AttemptVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const keysOf = (a: LoginAttempt): [ThrottleScope, string][] => {
  const username = a.username.trim().toLowerCase();
  return [
    ['pair', `${username}\n${a.address}`],
    ['user', username],
    ['address', a.address],
  ];
};

let lastPurge = 0;

/**
 * Counts an attempt before the password is checked (so parallel guesses
 * cannot all slip past the check while the hash runs), or refuses it when a
 * limit is reached. One IMMEDIATE transaction: processes sharing the database
 * count together.
 */
export function beginLoginAttempt(ctx: AppContext, attempt: LoginAttempt): AttemptVerdict {
  const repo = ctx.repos.loginThrottle;
  const now = ctx.clock.now().getTime();
  const username = attempt.username.trim().toLowerCase();
  return ctx.db
    .transaction((): AttemptVerdict => {
      if (now - lastPurge > PURGE_EVERY_MS) {
        lastPurge = now;
        repo.purge(now - 24 * 3_600_000, now - KNOWN_FOR_MS);
      }
      let retryAfterMs = 0;
      for (const [scope, key] of keysOf(attempt)) {
        const row = repo.get(scope, key);
        const limit = LOGIN_LIMITS[scope];
        if (!row || now - row.window_start >= limit.windowMs || row.attempts < limit.attempts) continue;
        if (scope === 'user' && repo.isKnown(username, attempt.address, now - KNOWN_FOR_MS)) continue;
        retryAfterMs = Math.max(retryAfterMs, row.window_start + limit.windowMs - now);
      }
      if (retryAfterMs > 0) return { allowed: false, retryAfterSeconds: Math.ceil(retryAfterMs / 1000) };
      for (const [scope, key] of keysOf(attempt)) repo.count(scope, key, now, LOGIN_LIMITS[scope].windowMs);
      return { allowed: true };
    })
    .immediate();
}

/** A right password: that pair starts afresh, the attempt is not held against the user or address, and the address is known. */
export function loginSucceeded(ctx: AppContext, attempt: LoginAttempt): void {
  const repo = ctx.repos.loginThrottle;
  const [[, pairKey], [, userKey], [, addressKey]] = keysOf(attempt) as [[ThrottleScope, string], [ThrottleScope, string], [ThrottleScope, string]];
  ctx.db
    .transaction(() => {
      repo.clear('pair', pairKey);
      repo.uncount('user', userKey);
      repo.uncount('address', addressKey);
      repo.remember(userKey, attempt.address, ctx.clock.now().getTime());
    })
    .immediate();
}
