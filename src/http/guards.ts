import type { RequestHandler } from 'express';
import type { AppContext } from '../context.js';
import { BoundedCache } from '../db/stamp.js';
import { hashToken } from '../features/auth/secrets.js';
import { isLang } from '../i18n/index.js';
import { HttpError } from './errors.js';
import type { Role } from './types.js';

/** Authorization: Bearer <token> authenticates API calls as the token's user. */
export function bearerAuth(ctx: AppContext): RequestHandler {
  // A polling client sends the same token every time: hash it once.
  const hashes = new BoundedCache<string>(1000);
  const hashOf = (token: string): string => {
    let hash = hashes.get(token);
    if (hash === undefined) hashes.set(token, (hash = hashToken(token)));
    return hash;
  };
  return (req, _res, next) => {
    const header = req.headers.authorization;
    if (!header) return next();
    const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header);
    if (!match?.[1]) return next(new HttpError(401, 'bad_token'));
    // The user and revocation are read every time: only the hash is remembered.
    const row = ctx.repos.apiTokens.userByHash(hashOf(match[1]));
    if (!row) return next(new HttpError(401, 'bad_token'));
    // At most one write a minute per token: a polling phone system must not
    // turn every read into a synchronous disk write.
    const now = ctx.clock.now();
    if (!row.token_last_used_at || now.getTime() - Date.parse(row.token_last_used_at) > 60_000) {
      ctx.repos.apiTokens.markUsed(row.token_id, now.toISOString());
    }
    req.user = {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      cityId: row.city_id,
      adviserId: row.adviser_id,
      language: isLang(row.language) ? row.language : null,
    };
    req.authVia = 'token';
    next();
  };
}

export type Access = 'public' | readonly Role[];

/** Role guard for one route; API calls get 401 JSON, pages a redirect to the login. */
export function requireAccess(access: Access): RequestHandler {
  return (req, res, next) => {
    if (access === 'public') return next();
    if (!req.user) {
      if (!req.path.startsWith('/api/') && req.method === 'GET') {
        const expired = req.sessionExpired ? '&expired=1' : '';
        return res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}${expired}`);
      }
      return next(new HttpError(401, 'unauthorized'));
    }
    if (!access.includes(req.user.role)) return next(new HttpError(403, 'forbidden'));
    next();
  };
}
