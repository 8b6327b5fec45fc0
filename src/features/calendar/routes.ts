import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { HttpError, notFound } from '../../http/errors.js';
import { route, type RouteDef } from '../../http/routes.js';
import type { CurrentUser } from '../../http/types.js';
import { parseBody, parseForm, type FieldErrors } from '../../http/validation.js';
import { subscribableTargets, type FeedTarget } from './access.js';
import { BoundedCache } from '../../db/stamp.js';
import { feedForToken, type Feed } from './feed.js';
import type { FeedScope } from './repository.js';
import { createFeed, ownFeeds, renewFeed, revokeFeed, type NewFeed } from './rules.js';
import { CreateFeedForm, CreateTokenBody, TokenIdParams } from './schemas.js';

const ALL = ['admin', 'supervisor', 'adviser'] as const;

/** Route guards guarantee a user on every non-public route. */
function userOf(req: Request): CurrentUser {
  if (!req.user) throw new HttpError(401, 'unauthorized');
  return req.user;
}

/** True when If-None-Match names this ETag (weak or strong) or is "*". */
function notModified(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

function renderPage(ctx: AppContext, req: Request, res: Response, status: number, form: { errors?: FieldErrors; values?: Record<string, string> } = {}) {
  const user = userOf(req);
  const targets = subscribableTargets(ctx.repos.calendar, user);
  const groups = (['adviser', 'city', 'service'] as const satisfies readonly FeedScope[])
    .map((scope) => ({ scope, targets: targets.filter((t) => t.scope === scope) }))
    .filter((g) => g.targets.length > 0);
  res.status(status).render('calendar/index', {
    title: req.t('calendar.title'),
    feeds: ownFeeds(ctx, user),
    groups,
    errors: form.errors ?? {},
    values: { language: req.lang, ...form.values },
  });
}

/** The one time the plain link exists: rendered, never stored or flashed. */
function renderNewFeed(req: Request, res: Response, feed: NewFeed) {
  res.set('Cache-Control', 'no-store');
  res.render('calendar/created', { title: req.t('calendar.createdTitle'), feed });
}

const label = (target: FeedTarget | undefined, req: Request) => (target ? target.names[req.lang] : req.t('calendar.targetGone'));

export function calendarRoutes(ctx: AppContext): RouteDef[] {
  // Calendar clients poll; a feed only changes when the database does (or the
  // horizon moves a day), so it is built once per token per stamp. Revoking a
  // token is a write, so a revoked token is never answered from the cache.
  const feeds = new BoundedCache<Feed | null>(2000);
  const feedFor = (token: string): Feed | null => {
    const key = `${ctx.stamp()}|${ctx.clock.now().toISOString().slice(0, 10)}|${token}`;
    let feed = feeds.get(key);
    if (feed === undefined) {
      feed = feedForToken(ctx, token);
      feeds.set(key, feed);
    }
    return feed;
  };
  const feedRoute = route('get', '/calendar/:token.ics', 'public', (req, res) => {
    const feed = feedFor(String(req.params.token ?? ''));
    if (!feed) throw notFound();
    res.set({
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `inline; filename="${feed.filename}"`,
      'Cache-Control': 'private, max-age=300',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Content-Language': feed.language,
      ETag: feed.etag,
    });
    if (notModified(req.get('if-none-match'), feed.etag)) {
      res.status(304).end();
      return;
    }
    res.status(200).send(feed.body);
  });
  return [
    // The token is the capability: no session, no role. Nothing here logs the URL.
    { ...feedRoute, bare: true },

    route('get', '/calendar', ALL, (req, res) => renderPage(ctx, req, res, 200)),
    route('post', '/calendar', ALL, (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const form = parseForm(CreateFeedForm, body, req.t);
      if (!form.ok) {
        const values = { target: String(body.target ?? ''), language: String(body.language ?? req.lang) };
        return renderPage(ctx, req, res, 400, { errors: form.errors, values });
      }
      renderNewFeed(req, res, createFeed(ctx, userOf(req), { ...form.data.target, language: form.data.language }));
    }),
    // Under /calendar-feeds, not /calendar/, so their errors render as pages, not feed JSON.
    route('post', '/calendar-feeds/:id/renew', ALL, (req, res) => {
      const { id } = parseBody(TokenIdParams, req.params, req.t);
      renderNewFeed(req, res, renewFeed(ctx, userOf(req), id));
    }),
    route('post', '/calendar-feeds/:id/revoke', ALL, (req, res) => {
      const { id } = parseBody(TokenIdParams, req.params, req.t);
      revokeFeed(ctx, userOf(req), id);
      req.flash({ type: 'success', text: req.t('calendar.revoked') });
      res.redirect(303, '/calendar');
    }),

    route('get', '/api/v1/calendar-tokens', ALL, (req, res) => {
      res.json(
        ownFeeds(ctx, userOf(req)).map((f) => ({
          id: f.id,
          scope: f.scope,
          targetId: f.targetId,
          name: label(f.target, req),
          language: f.language,
          createdAt: f.createdAt,
        })),
      );
    }),
    route('post', '/api/v1/calendar-tokens', ALL, (req, res) => {
      const input = parseBody(CreateTokenBody, req.body, req.t);
      const feed = createFeed(ctx, userOf(req), input);
      res.status(201).set('Cache-Control', 'no-store').json({ token: feed.token, httpsUrl: feed.httpsUrl, webcalUrl: feed.webcalUrl });
    }),
    route('delete', '/api/v1/calendar-tokens/:id', ALL, (req, res) => {
      const { id } = parseBody(TokenIdParams, req.params, req.t);
      revokeFeed(ctx, userOf(req), id);
      res.status(204).end();
    }),
  ];
}
