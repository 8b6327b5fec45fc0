import { parse as parseCookie, serialize as serializeCookie } from 'cookie';
import type { Request, RequestHandler, Response } from 'express';
import type { AppContext } from '../context.js';
import { BoundedCache, stampOf } from '../db/stamp.js';
import { hmac, newToken } from '../features/auth/secrets.js';
import { isLang } from '../i18n/index.js';
import type { Flash, SessionHandle } from './types.js';

// Hand-written rather than express-session: express-session will not set a
// Secure cookie over plain http, which rules out the __Host- prefix on
// http://localhost, and we want the CSRF token, language and flash in the
// same row, with only an HMAC of the id stored.
// Last-seen is written at most this often: a write per request would cost
// more than the idle timeout needs (a quarter of it, at most a minute).
const TOUCH_EVERY_MS = 60_000;

export function cookieName(ctx: AppContext): string {
  return ctx.config.secureCookies ? '__Host-vuoro_sid' : 'vuoro_sid';
}

/** The random value anonymous CSRF tokens are bound to (a __Host- cookie: no subdomain can plant it). */
export function csrfCookieName(ctx: AppContext): string {
  return ctx.config.secureCookies ? '__Host-vuoro_csrf' : 'vuoro_csrf';
}

function setCookie(ctx: AppContext, res: Response, value: string, maxAgeMs: number, name = cookieName(ctx)): void {
  res.append(
    'Set-Cookie',
    serializeCookie(name, value, {
      httpOnly: true,
      secure: ctx.config.secureCookies,
      sameSite: 'lax',
      path: '/',
      maxAge: Math.floor(maxAgeMs / 1000),
    }),
  );
}

export function sessionMiddleware(ctx: AppContext): RequestHandler {
  const repo = ctx.repos.sessions;
  const { sessionIdleMs, sessionAbsoluteMs, sessionSecret } = ctx.config;

  // The HMAC of a cookie is the same every time: remember the recent ones
  // rather than hash on every request of a busy session.
  const hashes = new BoundedCache<string>(5000);
  const idHashOf = (sid: string): string => {
    let hash = hashes.get(sid);
    if (hash === undefined) hashes.set(sid, (hash = hmac(sessionSecret, sid)));
    return hash;
  };

  return (req, res, next) => {
    let idHash: string | null = null;
    let pendingFlash: string | null = null;
    req.session = null;
    req.dataStamp = null;
    req.user = null;
    req.authVia = null;

    const cookies = parseCookie(req.headers.cookie ?? '');
    const sid = cookies[cookieName(ctx)];
    if (sid) {
      const hash = idHashOf(sid);
      const row = repo.findWithUser(hash);
      const now = ctx.clock.now().getTime();
      if (row && (now - row.last_seen_at > sessionIdleMs || now - row.created_at > sessionAbsoluteMs)) {
        repo.remove(hash);
        req.sessionExpired = row.user_id !== null;
      } else if (row) {
        idHash = hash;
        pendingFlash = row.flash;
        req.dataStamp = stampOf(row);
        req.session = { userId: row.user_id, csrfToken: row.csrf_token, language: isLang(row.language) ? row.language : null };
        if (now - row.last_seen_at > Math.min(TOUCH_EVERY_MS, sessionIdleMs / 4)) repo.touch(hash, now);
        if (row.user_id !== null && row.role !== null) {
          req.user = {
            id: row.user_id,
            username: row.username ?? '',
            displayName: row.display_name ?? '',
            role: row.role,
            cityId: row.city_id,
            adviserId: row.adviser_id,
            language: isLang(row.user_language) ? row.user_language : null,
          };
          req.authVia = 'session';
        }
      }
    }

    const create = (userId: number | null): SessionHandle => {
      const id = newToken();
      const now = ctx.clock.now().getTime();
      const handle: SessionHandle = { userId, csrfToken: newToken(), language: req.session?.language ?? null };
      idHash = hmac(sessionSecret, id);
      repo.insert({ id_hash: idHash, user_id: userId, csrf_token: handle.csrfToken, language: handle.language, created_at: now, last_seen_at: now });
      setCookie(ctx, res, id, sessionAbsoluteMs);
      req.session = handle;
      return handle;
    };

    req.ensureSession = () => req.session ?? create(null);

    // Anonymous pages get a token signed over a random cookie rather than a
    // session row: a client fetching the login page in a loop writes nothing.
    // Forging it needs the cookie (httpOnly, same-site) and the secret.
    let anonymous: string | null = null;
    const seed = cookies[csrfCookieName(ctx)];
    const validSeed = seed !== undefined && /^[A-Za-z0-9_-]{43}$/.test(seed) ? seed : null;
    req.expectedCsrfToken = () => req.session?.csrfToken ?? (validSeed ? anonymousToken(sessionSecret, validSeed) : null);
    req.csrfToken = () => {
      if (req.session) return req.session.csrfToken;
      if (anonymous) return anonymous;
      let value = validSeed;
      if (!value) {
        value = newToken();
        setCookie(ctx, res, value, sessionAbsoluteMs, csrfCookieName(ctx));
      }
      return (anonymous = anonymousToken(sessionSecret, value));
    };
    req.flash = (flash: Flash) => {
      req.ensureSession();
      if (idHash) repo.setFlash(idHash, JSON.stringify(flash));
    };
    req.hasFlash = () => pendingFlash !== null;
    req.takeFlash = () => {
      if (!idHash || !pendingFlash) return null;
      const text = pendingFlash;
      pendingFlash = null;
      repo.setFlash(idHash, null);
      try {
        return JSON.parse(text) as Flash;
      } catch {
        return null;
      }
    };
    res.locals.sessionControl = {
      /** Login: a new id and CSRF token, so a planted session id is worthless. */
      regenerate: (userId: number) => {
        if (idHash) repo.remove(idHash);
        return create(userId);
      },
      destroy: () => {
        if (idHash) repo.remove(idHash);
        idHash = null;
        req.session = null;
        setCookie(ctx, res, '', 0);
      },
      setLanguage: (lang: string) => {
        req.ensureSession();
        if (idHash) repo.setLanguage(idHash, lang);
      },
    } satisfies SessionControl;
    next();
  };
}

export interface SessionControl {
  regenerate(userId: number): SessionHandle;
  destroy(): void;
  setLanguage(lang: string): void;
}

export function sessionControl(res: Response): SessionControl {
  return res.locals.sessionControl as SessionControl;
}

export function csrfTokenFor(req: Request): string {
  return req.csrfToken();
}

/** Domain-separated from the session id's HMAC, so one can never stand for the other. */
function anonymousToken(secret: string, seed: string): string {
  return hmac(secret, `csrf:${seed}`);
}
