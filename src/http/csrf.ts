import type { RequestHandler } from 'express';
import type { AppContext } from '../context.js';
import { safeEqual } from '../features/auth/secrets.js';
import { HttpError } from './errors.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

// Hand-written rather than csrf-sync: that library reads express-session's
// req.session, and our token already lives in our own session row; the
// synchronizer check itself is the few lines below.
/**
 * Browser-session writes need both a same-origin Origin (or Referer) and the
 * session's synchronizer token (anonymous forms: the cookie-bound signed
 * token). Bearer-token API calls carry no ambient credentials and are exempt.
 */
export function csrfProtection(ctx: AppContext): RequestHandler {
  const allowed = new URL(ctx.config.baseUrl).origin;
  return (req, _res, next) => {
    if (SAFE.has(req.method) || req.authVia === 'token') return next();
    // An anonymous API call carries no credentials to forge: let the route's guard answer 401.
    if (!req.user && req.path.startsWith('/api/')) return next();
    const origin = req.get('origin') ?? refererOrigin(req.get('referer'));
    const own = `${req.protocol}://${req.get('host') ?? ''}`;
    if (origin !== undefined && origin !== allowed && origin !== own) return next(new HttpError(403, 'csrf_failed'));
    const sent = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.get('x-csrf-token');
    // The session's synchronizer token; before login, the token bound to the CSRF cookie.
    const expected = req.expectedCsrfToken();
    if (expected === null || typeof sent !== 'string' || !safeEqual(sent, expected)) {
      return next(new HttpError(403, 'csrf_failed'));
    }
    next();
  };
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return 'invalid';
  }
}
