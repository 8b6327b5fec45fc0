import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { createContext, type AppContext, type AppDeps } from './context.js';
import { csrfProtection } from './http/csrf.js';
import { metricsFor } from './features/metrics/metrics.js';
import { errorHandler, notFoundHandler } from './http/errors.js';
import { fixedHeaders } from './http/fixed-headers.js';
import { bearerAuth } from './http/guards.js';
import { languageMiddleware } from './http/language.js';
import { requestIds } from './http/request-id.js';
import { mountRoutes } from './http/routes.js';
import { sessionMiddleware } from './http/session.js';
import { checkDatabase } from './db/health.js';
import { earlyLocals, viewLocals } from './http/view-locals.js';
import { publicDir, viewsDir } from './paths.js';
import { allRoutes } from './route-table.js';

/** Builds the Express app. No side effects: no listening, no timers, no writes. */
export function createApp(deps: AppDeps): Express {
  const ctx: AppContext = createContext(deps);
  const app = express();
  const https = new URL(ctx.config.baseUrl).protocol === 'https:';

  app.set('views', viewsDir);
  app.set('view engine', 'ejs');
  app.set('view cache', true);
  app.set('trust proxy', ctx.config.trustProxy);
  app.set('query parser', 'simple');
  app.disable('x-powered-by');

  // Request ids first, so every later log line carries one; then the metrics
  // (and, with LOG_REQUESTS, one JSON line per request).
  app.use(requestIds());
  app.use(metricsFor(ctx).observe);

  // Capability URLs polled by calendar clients: no page, so no CSP or framing
  // headers to send; they set the few headers a calendar file needs themselves.
  const routes = allRoutes(ctx);
  app.use(mountRoutes(routes.filter((r) => r.bare)));

  const pageHeaders = fixedHeaders(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          // Logging out of a single sign-on session redirects the logout form to the provider.
          formAction: ["'self'", ...(ctx.config.oidc ? [new URL(ctx.config.oidc.issuer).origin] : [])],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: https ? [] : null,
        },
      },
      strictTransportSecurity: https,
      // Not helmet's no-referrer: under it Chromium sends "Origin: null" on same-origin
      // form posts, which the CSRF Origin check must refuse. same-origin still sends
      // nothing to other sites (calendar URLs carry capability tokens).
      referrerPolicy: { policy: 'same-origin' },
    }),
  );
  const session = sessionMiddleware(ctx);
  const tokens = bearerAuth(ctx);
  const locals = viewLocals(ctx);
  // Whatever a signed-in user or an API call receives is not for shared caches
  // nor for the back button after logout. Calendar feeds (bare, above) and
  // static files keep their own caching.
  const noStore: RequestHandler = (req, res, next) => {
    if (req.user || req.path.startsWith('/api/')) res.setHeader('Cache-Control', 'no-store');
    next();
  };
  // What a GET needs before its handler: the body parsers and the CSRF check only matter to writes.
  const readChain = [pageHeaders, session, tokens, languageMiddleware, locals, noStore];

  // The most read pages and API answers (load-tested): matched among a few
  // routes rather than the whole table, with the same chain a GET gets below.
  app.use(
    mountRoutes(
      routes.filter((r) => r.fast),
      readChain,
    ),
  );

  app.use(pageHeaders);
  app.use('/static', express.static(publicDir, { maxAge: '1h', index: false }));
  // For load balancers and monitors: the database must be readable and writable.
  app.get('/healthz', (_req, res) => {
    const health = checkDatabase(ctx.db);
    res.set('Cache-Control', 'no-store');
    if (health.ok) res.json({ status: 'ok' });
    else res.status(503).json({ status: 'unavailable', database: health.problem });
  });

  // The session, user and language come before the body parsers, so a body
  // that cannot be parsed is answered in the user's language on our own page.
  app.use(session);
  app.use(tokens);
  app.use(languageMiddleware);
  app.use(locals);
  app.use(noStore);

  // Only requests that may carry a body pay for the parsers.
  const json = express.json({ limit: '256kb' });
  const form = express.urlencoded({ extended: false, limit: '256kb', parameterLimit: 500 });
  app.use((req, res, next) =>
    req.method === 'GET' || req.method === 'HEAD' ? next() : json(req, res, (err?: unknown) => (err ? next(err) : form(req, res, next))),
  );
  // Express 5 leaves req.body undefined when no parser matched (no body, or
  // another content type); handlers may rely on an object.
  app.use((req, _res, next) => {
    req.body ??= {};
    next();
  });
  app.use(csrfProtection(ctx));

  app.use(mountRoutes(routes.filter((r) => !r.bare && !r.fast)));

  app.use(notFoundHandler);
  app.use(errorHandler((msg, err) => ctx.log.error(msg, err), earlyLocals(ctx)));
  return app;
}
