import type { Request, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { HttpError } from '../../http/errors.js';
import { route, type RouteDef } from '../../http/routes.js';
import { sessionControl } from '../../http/session.js';
import { isLang } from '../../i18n/index.js';
import { endSessionUrl } from '../oidc/client.js';
import { checkCredentials } from './rules.js';

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
  const tooMany = (req: Request, res: Response) => renderLogin(ctx, req, res, 429, req.t('errors.rate_limited'));
  // Per IP: slows down spraying many user names from one address.
  const perIp = rateLimit({ windowMs: 15 * 60_000, limit: 30, standardHeaders: 'draft-7', legacyHeaders: false, handler: tooMany });
  // Per user name: slows down guessing one account's password from many addresses.
  const perUser = rateLimit({
    windowMs: 15 * 60_000,
    limit: 5,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => `user:${String((req.body as Record<string, unknown> | undefined)?.username ?? '').trim().toLowerCase()}`,
    handler: tooMany,
  });

  return [
    route('get', '/login', 'public', (req, res) => {
      if (req.user) return res.redirect(303, '/');
      renderLogin(ctx, req, res, 200);
    }),
    route('post', '/login', 'public', perIp, perUser, async (req, res) => {
      if (!ctx.config.passwordLogin) return renderLogin(ctx, req, res, 403, req.t('oidc.passwordOff'));
      const form = LoginForm.safeParse(req.body ?? {});
      const { username, password, next } = form.success ? form.data : { username: '', password: '', next: undefined };
      const user = username && password ? await checkCredentials(ctx, username, password) : null;
      if (!user) return renderLogin(ctx, req, res, 401, req.t('auth.failed'));
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
