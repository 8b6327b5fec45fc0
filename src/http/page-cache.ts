import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { BoundedCache } from '../db/stamp.js';

/**
 * Renders a page, or sends the copy rendered for the same session, language
 * and URL while nothing in the database has changed. The roster pages are the
 * most read pages and are load-tested; their HTML depends only on the
 * database, the viewer (session: user, role, CSRF token) and the hour (the
 * "today" marker), so keying on those is exact. A page with a pending flash
 * message is never taken from or put into the cache. `locals` runs only on a
 * miss, so a hit does not even parse the query: a URL whose query was invalid
 * threw there and was never cached.
 */
export function pageCache(ctx: AppContext, size = 500) {
  const cache = new BoundedCache<{ body: Buffer; etag: string }>(size);
  return (req: Request, res: Response, view: string, locals: () => Record<string, unknown>): void => {
    const session = req.session?.csrfToken ?? req.csrfToken();
    const hour = ctx.clock.now().toISOString().slice(0, 13);
    const key = `${req.dataStamp ?? ctx.stamp()}|${session}|${req.user?.id ?? 0}|${req.lang}|${hour}|${req.originalUrl}`;
    const cacheable = !req.hasFlash();
    const hit = cacheable ? cache.get(key) : undefined;
    if (hit !== undefined) {
      send(req, res, hit);
      return;
    }
    res.render(view, locals(), (err: Error | null, html: string) => {
      if (err) {
        req.next?.(err);
        return;
      }
      const page = { body: Buffer.from(html, 'utf8'), etag: `W/"${createHash('sha1').update(html).digest('base64url')}"` };
      if (cacheable) cache.set(key, page);
      send(req, res, page);
    });
  };
}

/** Encoded and tagged once per cached page, so a hit costs no hashing or encoding. */
function send(req: Request, res: Response, page: { body: Buffer; etag: string }): void {
  res.setHeader('ETag', page.etag);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  res.setHeader('Content-Length', page.body.length);
  res.end(req.method === 'HEAD' ? undefined : page.body);
}
