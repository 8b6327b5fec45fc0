import type { Request, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { AppContext } from '../../context.js';
import { HttpError } from '../../http/errors.js';
import { route, type RouteDef } from '../../http/routes.js';
import { sessionControl } from '../../http/session.js';
import type { CurrentUser } from '../../http/types.js';
import { parseForm, type FieldErrors } from '../../http/validation.js';
import { versionOf } from '../advisers/schemas.js';
import { localName } from '../advisers/view.js';
import { changeOwnPassword, getUser } from '../users/rules.js';
import { invitesEnabled, setInvitesEnabled } from '../calendar/invites.js';
import { PasswordChange, ProfileLanguage } from '../users/schemas.js';

const EVERYONE = ['admin', 'supervisor', 'adviser'] as const;

export function profileRoutes(ctx: AppContext): RouteDef[] {
  // Someone holding a stolen session must not be able to guess the current
  // password at leisure: as at the login, 5 failures per 15 minutes per user.
  const guessLimit = rateLimit({
    windowMs: 15 * 60_000,
    limit: 5,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => `password:${req.user?.id ?? 0}`,
    handler: (req, res) => render(req, res, { passwordErrors: { currentPassword: req.t('errors.rate_limited') }, status: 429 }),
  });
  const render = (req: Request, res: Response, o: { languageErrors?: FieldErrors; passwordErrors?: FieldErrors; status?: number } = {}) => {
    const user = getUser(ctx, (req.user as CurrentUser).id);
    const city = user.city_id === null ? undefined : ctx.repos.advisers.cities().find((c) => c.id === user.city_id);
    const adviser = user.adviser_id === null ? undefined : ctx.repos.advisers.byId(user.adviser_id);
    res.status(o.status ?? 200).render('profile/index', {
      title: req.t('common.profile'),
      profile: { username: user.username, displayName: user.display_name, role: user.role, language: user.language ?? '', version: user.version },
      cityName: city ? localName(city, req.lang) : '',
      adviser: adviser ? { id: adviser.id, name: adviser.name } : null,
      // Users made by single sign-on have no vuoro password to change.
      hasPassword: user.password_hash !== '',
      invites: adviser ? { enabled: invitesEnabled(ctx, user.id), byDefault: ctx.config.calendarInvites } : null,
      reminder: ctx.repos.myDay.reminderOf(user.id),
      languageErrors: o.languageErrors ?? {},
      passwordErrors: o.passwordErrors ?? {},
    });
  };

  return [
    route('get', '/profile', EVERYONE, (req, res) => render(req, res)),
    route('post', '/profile/language', EVERYONE, (req, res) => {
      const parsed = parseForm(ProfileLanguage, req.body, req.t);
      if (!parsed.ok) return render(req, res, { languageErrors: parsed.errors, status: 400 });
      const version = versionOf(req.body, undefined);
      const lang = parsed.data.language || null;
      const saved = ctx.db.transaction(() => version !== null && ctx.repos.users.setLanguageAt((req.user as CurrentUser).id, version, lang)).immediate();
      if (!saved) throw new HttpError(409, 'stale_version');
      if (lang) sessionControl(res).setLanguage(lang);
      req.flash({ type: 'success', text: req.t('common.saved') });
      res.redirect(303, '/profile');
    }),
    route('post', '/profile/calendar-invites', EVERYONE, (req, res) => {
      const raw = (req.body as Record<string, unknown>).enabled;
      // The hidden "false" comes first; a ticked box adds "true" after it.
      const enabled = Array.isArray(raw) ? raw.includes('true') : raw === 'true' || raw === true;
      setInvitesEnabled(ctx, req.user as CurrentUser, enabled);
      req.flash({ type: 'success', text: req.t('common.saved') });
      res.redirect(303, '/profile');
    }),
    route('post', '/profile/password', EVERYONE, guessLimit, async (req, res) => {
      const parsed = parseForm(PasswordChange, req.body, req.t);
      const errors = parsed.ok ? await changeOwnPassword(ctx, (req.user as CurrentUser).id, parsed.data, req.t) : parsed.errors;
      if (errors) return render(req, res, { passwordErrors: errors, status: 400 });
      // Every other session of this user ended with the change; this one continues under a new id.
      sessionControl(res).regenerate((req.user as CurrentUser).id);
      req.flash({ type: 'success', text: req.t('profile.passwordChanged') });
      res.redirect(303, '/profile');
    }),
  ];
}
