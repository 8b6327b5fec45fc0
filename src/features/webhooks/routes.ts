import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { HttpError, notFound } from '../../http/errors.js';
import { route, type RouteDef } from '../../http/routes.js';
import type { CurrentUser } from '../../http/types.js';
import { parseBody, parseForm, type FieldErrors } from '../../http/validation.js';
import { versionOf } from '../advisers/schemas.js';
import { idParam } from '../advisers/view.js';
import { WEBHOOK_EVENTS } from './events.js';
import { createWebhook, deleteWebhook, deliveriesOf, deliveryJson, enableWebhook, getWebhook, webhookJson } from './rules.js';
import { WebhookInput } from './schemas.js';

const ADMIN = ['admin'] as const;

function pathId(req: Request): number {
  const id = idParam(req.params.id);
  if (id === null) throw notFound();
  return id;
}

interface FormValues {
  url: string;
  events: string[];
  format: string;
  language: string;
}

function valuesOf(body: unknown): FormValues {
  const b = (body ?? {}) as Record<string, unknown>;
  const events = Array.isArray(b.events) ? b.events : b.events === undefined ? [] : [b.events];
  return {
    url: typeof b.url === 'string' ? b.url : '',
    events: events.filter((e): e is string => typeof e === 'string'),
    format: typeof b.format === 'string' ? b.format : 'json',
    language: typeof b.language === 'string' ? b.language : 'fi',
  };
}

export function webhookRoutes(ctx: AppContext): RouteDef[] {
  const render = (
    req: Request,
    res: Response,
    o: { created?: { id: number; secret: string }; errors?: FieldErrors; values?: FormValues; status?: number } = {},
  ) => {
    // The secret appears in this one response only: keep it out of caches and history.
    if (o.created) res.set('Cache-Control', 'no-store');
    res.status(o.status ?? 200).render('webhooks/index', {
      title: req.t('integrations.webhooksTitle'),
      webhooks: ctx.repos.webhooks.list().map(webhookJson),
      eventTypes: WEBHOOK_EVENTS,
      created: o.created ?? null,
      errors: o.errors ?? {},
      values: o.values ?? { url: '', events: [], format: 'json', language: req.lang },
    });
  };

  return [
    route('get', '/admin/webhooks', ADMIN, (req, res) => render(req, res)),
    route('post', '/admin/webhooks', ADMIN, (req, res) => {
      const parsed = parseForm(WebhookInput, req.body, req.t);
      if (!parsed.ok) return render(req, res, { errors: parsed.errors, values: valuesOf(req.body), status: 400 });
      const { webhook, secret } = createWebhook(ctx, req.user as CurrentUser, parsed.data);
      // Rendered directly rather than redirected: a flash would store the secret in the session row.
      render(req, res, { created: { id: webhook.id, secret }, status: 201 });
    }),
    route('get', '/admin/webhooks/:id', ADMIN, (req, res) => {
      const w = getWebhook(ctx, pathId(req));
      res.render('webhooks/show', { title: req.t('integrations.deliveries'), webhook: webhookJson(w), deliveries: deliveriesOf(ctx, w.id).map(deliveryJson) });
    }),
    route('post', '/admin/webhooks/:id/delete', ADMIN, (req, res) => {
      deleteWebhook(ctx, req.user as CurrentUser, pathId(req));
      req.flash({ type: 'success', text: req.t('integrations.deleted') });
      res.redirect(303, '/admin/webhooks');
    }),
    route('post', '/admin/webhooks/:id/enable', ADMIN, (req, res) => {
      const id = pathId(req);
      const version = versionOf(req.body, undefined);
      if (version === null) throw new HttpError(409, 'stale_version');
      enableWebhook(ctx, req.user as CurrentUser, id, version);
      req.flash({ type: 'success', text: req.t('integrations.enabled') });
      res.redirect(303, `/admin/webhooks/${id}`);
    }),

    route('get', '/api/v1/webhooks', ADMIN, (_req, res) => {
      res.json(ctx.repos.webhooks.list().map(webhookJson));
    }),
    route('post', '/api/v1/webhooks', ADMIN, (req, res) => {
      const input = parseBody(WebhookInput, req.body, req.t);
      const { webhook, secret } = createWebhook(ctx, req.user as CurrentUser, input);
      res
        .status(201)
        .set('Cache-Control', 'no-store')
        .location(`/api/v1/webhooks/${webhook.id}`)
        .json({ ...webhookJson(webhook), secret });
    }),
    route('get', '/api/v1/webhooks/:id', ADMIN, (req, res) => {
      const w = getWebhook(ctx, pathId(req));
      res.json({ ...webhookJson(w), deliveries: deliveriesOf(ctx, w.id).map(deliveryJson) });
    }),
    route('delete', '/api/v1/webhooks/:id', ADMIN, (req, res) => {
      const id = pathId(req);
      const version = versionOf(req.body, req.get('if-match'));
      if (version !== null && version !== getWebhook(ctx, id).version) throw new HttpError(409, 'stale_version');
      deleteWebhook(ctx, req.user as CurrentUser, id);
      res.status(204).end();
    }),
  ];
}
