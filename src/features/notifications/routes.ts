import type { AppContext } from '../../context.js';
import { HttpError } from '../../http/errors.js';
import { route, type RouteDef } from '../../http/routes.js';
import type { CurrentUser } from '../../http/types.js';
import { PageQuery } from './schemas.js';
import { inboxPage, markAllRead } from './rules.js';

const EVERYONE = ['admin', 'supervisor', 'adviser'] as const;

export function notificationRoutes(ctx: AppContext): RouteDef[] {
  return [
    // Only the caller's own messages, newest first, 50 a page (?page=n); X-Total-Count gives them all.
    route('get', '/api/v1/inbox', EVERYONE, (req, res) => {
      const query = PageQuery.safeParse(req.query);
      if (!query.success) throw new HttpError(400, 'validation_failed');
      const inbox = inboxPage(ctx, (req.user as CurrentUser).id, query.data.page ?? 1);
      res.set('X-Total-Count', String(inbox.total));
      res.json(inbox.rows.map((n) => ({ id: n.id, subject: n.subject, body: n.body, createdAt: n.created_at, read: n.read_at !== null, readAt: n.read_at })));
    }),
    route('get', '/inbox', EVERYONE, (req, res) => {
      const query = PageQuery.safeParse(req.query);
      if (!query.success) throw new HttpError(400, 'validation_failed');
      const user = req.user as CurrentUser;
      res.render('inbox/index', { title: req.t('notifications.title'), inbox: inboxPage(ctx, user.id, query.data.page ?? 1) });
    }),
    route('post', '/inbox/read-all', EVERYONE, (req, res) => {
      markAllRead(ctx, (req.user as CurrentUser).id);
      req.flash({ type: 'success', text: req.t('notifications.markedRead') });
      res.redirect(303, '/inbox');
    }),
  ];
}
