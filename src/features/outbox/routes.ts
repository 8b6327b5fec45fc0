import type { AppContext } from '../../context.js';
import { notFound } from '../../http/errors.js';
import { route, type RouteDef } from '../../http/routes.js';
import type { CurrentUser } from '../../http/types.js';
import { idParam } from '../advisers/view.js';
import { maskAddress } from '../notifications/mailer.js';
import type { OutboxStatus } from './repository.js';
import { outboxPage, retryMessage } from './rules.js';

const ADMIN = ['admin'] as const;
const STATUSES: readonly OutboxStatus[] = ['pending', 'failed', 'sent', 'cancelled'];

export function outboxRoutes(ctx: AppContext): RouteDef[] {
  return [
    route('get', '/admin/outbox', ADMIN, (req, res) => {
      const raw = typeof req.query.status === 'string' ? req.query.status : '';
      const status = (STATUSES as readonly string[]).includes(raw) ? (raw as OutboxStatus) : null;
      const page = outboxPage(ctx, status, Number(req.query.page) || 1);
      res.render('outbox/index', {
        title: req.t('integrations.outboxTitle'),
        status: status ?? '',
        statuses: STATUSES,
        counts: page.counts,
        // Addresses half hidden: the page is for finding stuck messages, not for reading who gets what.
        rows: page.rows.map((r) => ({ ...r, recipient: r.kind === 'mail' ? maskAddress(r.recipient) : originOf(r.recipient) })),
      });
    }),
    route('post', '/admin/outbox/:id/retry', ADMIN, (req, res) => {
      const id = idParam(req.params.id);
      if (id === null || !retryMessage(ctx, id, (req.user as CurrentUser).id)) throw notFound();
      req.flash({ type: 'success', text: req.t('integrations.retried') });
      res.redirect(303, '/admin/outbox');
    }),
  ];
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '?';
  }
}
