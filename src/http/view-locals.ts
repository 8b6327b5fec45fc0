import type { Request, RequestHandler, Response } from 'express';
import type { AppContext } from '../context.js';
import { LANGUAGES, translator, type Lang } from '../i18n/index.js';
import { cityPhrase } from '../i18n/genitive.js';
import { unseenChangesCount } from '../features/audit/rules.js';
import { unreadCount } from '../features/notifications/rules.js';
import { formatters } from '../time/format.js';
import { intlFor } from '../i18n/format.js';
import { googleCalendarUrl } from '../features/my-day/one-turn.js';
import { waitingCount } from '../features/my-day/waiting.js';

/** What every page template can use: t, lang, user, csrf token, flash, formatters. */
export function viewLocals(ctx: AppContext): RequestHandler {
  return (req, res, next) => {
    // API answers are JSON, errors included: no template will read these.
    if (req.path.startsWith('/api/')) return next();
    res.locals.t = req.t;
    res.locals.lang = req.lang;
    res.locals.languages = LANGUAGES;
    res.locals.user = req.user;
    res.locals.path = req.path;
    res.locals.currentUrl = req.originalUrl;
    res.locals.fmt = formatters(req.lang);
    // Intl formatting (src/i18n/format.ts): weekday, date and time the way each language writes them.
    res.locals.f = intlFor(req.lang);
    res.locals.googleCalendarUrl = (turn: Parameters<typeof googleCalendarUrl>[0]) => googleCalendarUrl(turn, req.lang);
    res.locals.cityPhrase = (key: 'shareOf' | 'colourOf', city: string, params?: Record<string, string | number>) =>
      cityPhrase(req.t, req.lang, key, city, params);
    res.locals.today = ctx.clock.now();
    res.locals.sessionIdleMs = ctx.config.sessionIdleMs;
    res.locals.errors = {};
    res.locals.values = {};
    // Counts for the navigation, read only when a page is rendered.
    Object.defineProperty(res.locals, 'navCounts', {
      get: () =>
        req.user
          ? {
              unread: unreadCount(ctx, req.user.id),
              newChanges: unseenChangesCount(ctx, req.user.id, req.user.adviserId),
              waiting: waitingCount(ctx, req.user),
            }
          : { unread: 0, newChanges: 0, waiting: 0 },
      enumerable: true,
    });
    // Lazily: the session's token, or for anonymous pages a signed one bound to
    // a cookie (no session row: anonymous pages write nothing).
    Object.defineProperty(res.locals, 'csrfToken', { get: () => req.csrfToken(), enumerable: true });
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

/**
 * The locals of an error page for an error raised before viewLocals ran (a
 * body that could not be parsed, a bad bearer token, a bare route): the
 * language given, the user if one is known, no flash or counts.
 */
export function earlyLocals(ctx: AppContext): (req: Request, res: Response, lang: Lang) => void {
  return (req, res, lang) => {
    const t = translator(lang);
    req.lang ??= lang;
    req.t ??= t;
    res.locals.t = t;
    res.locals.lang = lang;
    res.locals.languages = LANGUAGES;
    res.locals.user = req.user ?? null;
    res.locals.path = req.path;
    res.locals.currentUrl = req.originalUrl;
    res.locals.fmt = formatters(lang);
    res.locals.today = ctx.clock.now();
    res.locals.sessionIdleMs = ctx.config.sessionIdleMs;
    res.locals.errors = {};
    res.locals.values = {};
    res.locals.navCounts = { unread: 0, newChanges: 0 };
    res.locals.flash = null;
    // The session middleware may not have run: then the language switch on
    // this page carries no token and a retry goes through a normal page.
    res.locals.csrfToken = typeof req.csrfToken === 'function' ? req.csrfToken() : '';
    if (!res.getHeader('Content-Language')) res.setHeader('Content-Language', lang);
  };
}
