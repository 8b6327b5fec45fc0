import type { RequestHandler } from 'express';
import type { AppContext } from '../context.js';
import { LANGUAGES } from '../i18n/index.js';
import { cityPhrase } from '../i18n/genitive.js';
import { unseenChangesCount } from '../features/audit/rules.js';
import { unreadCount } from '../features/notifications/rules.js';
import { formatters } from '../time/format.js';

/** What every page template can use: t, lang, user, csrf token, flash, formatters. */
export function viewLocals(ctx: AppContext): RequestHandler {
  return (req, res, next) => {
    res.locals.t = req.t;
    res.locals.lang = req.lang;
    res.locals.languages = LANGUAGES;
    res.locals.user = req.user;
    res.locals.path = req.path;
    res.locals.currentUrl = req.originalUrl;
    res.locals.fmt = formatters(req.lang);
    res.locals.cityPhrase = (key: 'shareOf' | 'colourOf', city: string, params?: Record<string, string | number>) => cityPhrase(req.t, req.lang, key, city, params);
    res.locals.today = ctx.clock.now();
    res.locals.sessionIdleMs = ctx.config.sessionIdleMs;
    res.locals.errors = {};
    res.locals.values = {};
    // Counts for the navigation, read only when a page is rendered.
    Object.defineProperty(res.locals, 'navCounts', {
      get: () => (req.user
        ? { unread: unreadCount(ctx, req.user.id), newChanges: unseenChangesCount(ctx, req.user.id, req.user.adviserId) }
        : { unread: 0, newChanges: 0 }),
      enumerable: true,
    });
    // Lazily: only pages with forms create a session for a CSRF token.
    Object.defineProperty(res.locals, 'csrfToken', { get: () => req.ensureSession().csrfToken, enumerable: true });
    Object.defineProperty(res.locals, 'flash', {
      get: (() => {
        let taken: ReturnType<typeof req.takeFlash> | undefined;
        return () => (taken === undefined ? (taken = req.takeFlash()) : taken);
      })(),
      enumerable: true,
    });
    next();
  };
}
