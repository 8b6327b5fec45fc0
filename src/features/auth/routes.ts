import type { Request, Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { HttpError } from '../../http/errors.js';
import { route, type RouteDef } from '../../http/routes.js';
import { sessionControl } from '../../http/session.js';
import { isLang } from '../../i18n/index.js';
import { endSessionUrl } from '../oidc/client.js';
import { checkCredentials } from './rules.js';
import { beginLoginAttempt, loginSucceeded } from './throttle.js';

const LoginForm = z.object({
  username: z.string().trim().max(64).default(''),
  password: z.string().max(1000).default(''),
  next: z.string().max(2000).optional(),
});

/** Only local paths may be redirected to after login. */
export function safeNext(next: string | undefined): string {
  return next && /^\/(?!\/)[^\\]*$/.test(next) ? next : '/';
}

function renderLogin(ctx: AppContext, req: Request, res: Response, status: number, error?: string) {
  const body = req.body as Record<string, unknown> | undefined;
  res.status(status).render('auth/login', {
    title: req.t('auth.title'),
    // Single sign-on is offered first where it is configured.
    sso: ctx.config.oidc !== null,
    passwordLogin: ctx.config.passwordLogin,
    error,
    username: typeof body?.username === 'string' ? body.username : '',
    next: typeof req.query.next === 'string' ? req.query.next : typeof body?.next === 'string' ? body.next : '',
    expired: req.sessionExpired === true || req.query.expired === '1',
  });
}

export function authRoutes(ctx: AppContext): RouteDef[] {
  return [
    route('get', '/login', 'public', (req, res) => {
      if (req.user) return res.redirect(303, '/');
      renderLogin(ctx, req, res, 200);
    }),
    route('post', '/login', 'public', async (req, res) => {
      if (!ctx.config.passwordLogin) return renderLogin(ctx, req, res, 403, req.t('oidc.passwordOff'));
      const form = LoginForm.safeParse(req.body ?? {});
      const { username, password, next } = form.success ? form.data : { username: '', password: '', next: undefined };
      // Limits live in the database (see throttle.ts): they hold across restarts.
      const attempt = { username, address: req.ip ?? req.socket.remoteAddress ?? '' };
      const verdict = beginLoginAttempt(ctx, attempt);
      if (!verdict.allowed) {
        res.set('Retry-After', String(verdict.retryAfterSeconds));
        return renderLogin(ctx, req, res, 429, req.t('errors.rate_limited'));
      }
      const user = username && password ? await checkCredentials(ctx, username, password) : null;
      if (!user) return renderLogin(ctx, req, res, 401, req.t('auth.failed'));
      loginSucceeded(ctx, attempt);
      sessionControl(res).regenerate(user.id);
      res.redirect(303, safeNext(next));
    }),
    route('post', '/logout', 'public', async (req, res) => {
      const oidc = ctx.config.oidc;
      // Only a session begun at the city's provider ends there too (RP-initiated logout).
      const idToken = oidc && req.user && req.session ? ctx.repos.oidc.sessionIdToken(req.session.csrfToken, req.user.id) : null;
      sessionControl(res).destroy();
      if (oidc && idToken) {
        const url = await endSessionUrl(oidc, ctx.config.baseUrl, idToken).catch((err: unknown) => {
          ctx.log.error('OIDC logout URL unavailable; ending the vuoro session only', err);
          return null;
        });
        if (url) return res.redirect(303, url.href);
      }
      res.redirect(303, '/login');
    }),
    // Called by the idle-timeout warning: any request a minute after the last
    // one moves the session's last-seen time, so this only has to exist.
    route('get', '/session/keepalive', ['admin', 'supervisor', 'adviser'], (_req, res) => {
      res.set('Cache-Control', 'no-store').status(204).end();
    }),
    route('post', '/language', 'public', (req, res) => {
      const lang = (req.body as Record<string, unknown> | undefined)?.lang;
      if (!isLang(lang)) throw new HttpError(400, 'validation_failed');
      sessionControl(res).setLanguage(lang);
      if (req.user) ctx.repos.users.setLanguage(req.user.id, lang);
      const back = (req.body as Record<string, unknown>).back;
      res.redirect(303, safeNext(typeof back === 'string' ? back : undefined));
    }),
  ];
}
