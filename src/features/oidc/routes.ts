import { parse as parseCookie } from 'cookie';
import type { Request, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { AppContext } from '../../context.js';
import { notFound } from '../../http/errors.js';
import { route, type RouteDef } from '../../http/routes.js';
import { sessionControl } from '../../http/session.js';
import { translator, type Lang } from '../../i18n/index.js';
import { safeNext } from '../auth/routes.js';
import { finishSignIn, startSignIn } from './client.js';
import { personFromClaims, signInWithClaims, type Refusal } from './rules.js';
import { openTransaction, sealTransaction, transactionCookie, transactionCookieName } from './transaction.js';

type Problem = Refusal | 'failed' | 'unavailable';

/** The refusal page, in the user's language when the provider or their account tells it. */
function renderProblem(req: Request, res: Response, problem: Problem, language: Lang | null = null, status?: number): void {
  if (language && language !== req.lang) {
    req.lang = language;
    req.t = translator(language);
    res.locals.lang = language;
    res.locals.t = req.t;
    res.setHeader('Content-Language', language);
  }
  const refused = problem === 'no_role' || problem === 'deactivated' || problem === 'no_adviser';
  res
    .status(status ?? (problem === 'unavailable' ? 503 : problem === 'failed' ? 400 : 403))
    .set('Cache-Control', 'no-store')
    .render('oidc/refused', {
      title: req.t(refused ? 'oidc.refusedTitle' : 'oidc.failedTitle'),
      message: req.t(`oidc.${problem}`),
      retry: !refused,
    });
}

export function oidcRoutes(ctx: AppContext): RouteDef[] {
  const { config } = ctx;
  // Each callback costs a round trip to the provider: bounded per address like the password login.
  const perIp = rateLimit({
    windowMs: 15 * 60_000,
    limit: 60,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (req, res) => renderProblem(req, res, 'failed', null, 429),
  });

  return [
    route('get', '/login/oidc', 'public', async (req, res) => {
      const oidc = config.oidc;
      if (!oidc) throw notFound();
      const next = safeNext(typeof req.query.next === 'string' ? req.query.next : undefined);
      if (req.user) return res.redirect(303, next);
      let started: Awaited<ReturnType<typeof startSignIn>>;
      try {
        started = await startSignIn(oidc, config.baseUrl, next, req.lang, ctx.clock.now().getTime());
      } catch (err) {
        ctx.log.error('OIDC discovery failed', err);
        return renderProblem(req, res, 'unavailable');
      }
      const sealed = sealTransaction(config.sessionSecret, started.txn);
      res.append('Set-Cookie', transactionCookie(config, sealed, started.txn.expires - ctx.clock.now().getTime()));
      res.set('Cache-Control', 'no-store').redirect(303, started.url.href);
    }),

    route('get', '/login/oidc/callback', 'public', perIp, async (req, res) => {
      const oidc = config.oidc;
      if (!oidc) throw notFound();
      const now = ctx.clock.now().getTime();
      const txn = openTransaction(config.sessionSecret, parseCookie(req.headers.cookie ?? '')[transactionCookieName(config)], now);
      // One use only: whatever happens next, the transaction is spent.
      res.append('Set-Cookie', transactionCookie(config, '', 0));
      if (!txn) return renderProblem(req, res, 'failed');
      const search = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
      let result: Awaited<ReturnType<typeof finishSignIn>>;
      try {
        result = await finishSignIn(oidc, config.baseUrl, search, txn, ctx.log);
      } catch (err) {
        ctx.log.info(`OIDC sign-in refused: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
        return renderProblem(req, res, 'failed');
      }
      const person = personFromClaims(result.claims, oidc.roleClaim);
      if (!person) return renderProblem(req, res, 'failed');
      const outcome = signInWithClaims(ctx, result.issuer, person);
      if (!outcome.ok) {
        ctx.log.info(`OIDC sign-in of ${person.subject} refused: ${outcome.reason} (groups: ${person.groups.join(', ') || 'none'})`);
        return renderProblem(req, res, outcome.reason, outcome.language);
      }
      const session = sessionControl(res).regenerate(outcome.userId);
      if (result.idToken) ctx.repos.oidc.setSessionIdToken(session.csrfToken, outcome.userId, result.idToken);
      res.set('Cache-Control', 'no-store').redirect(303, txn.next);
    }),
  ];
}
