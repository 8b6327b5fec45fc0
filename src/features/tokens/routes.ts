import type { Request, Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { notFound } from '../../http/errors.js';
import { route, type RouteDef } from '../../http/routes.js';
import type { CurrentUser } from '../../http/types.js';
import { optionalText, parseForm, type FieldErrors } from '../../http/validation.js';
import { idParam } from '../advisers/view.js';
import { createOwnToken, revokeToken, visibleTokens } from './rules.js';

const EVERYONE = ['admin', 'supervisor', 'adviser'] as const;
const TokenForm = z.object({ label: optionalText(100) });

export function tokenRoutes(ctx: AppContext): RouteDef[] {
  const render = (
    req: Request,
    res: Response,
    o: { created?: { token: string; label: string }; errors?: FieldErrors; label?: string; status?: number } = {},
  ) => {
    const actor = req.user as CurrentUser;
    // The plain token appears in this one response only: keep it out of caches and history.
    if (o.created) res.set('Cache-Control', 'no-store');
    res.status(o.status ?? 200).render('tokens/index', {
      title: req.t('common.tokens'),
      tokens: visibleTokens(ctx, actor),
      isAdmin: actor.role === 'admin',
      created: o.created ?? null,
      errors: o.errors ?? {},
      label: o.label ?? '',
    });
  };

  return [
    route('get', '/tokens', EVERYONE, (req, res) => render(req, res)),
    route('post', '/tokens', EVERYONE, (req, res) => {
      const parsed = parseForm(TokenForm, req.body, req.t);
      const raw = (req.body as Record<string, unknown>).label;
      if (!parsed.ok) return render(req, res, { errors: parsed.errors, label: typeof raw === 'string' ? raw : '', status: 400 });
      const { token } = createOwnToken(ctx, req.user as CurrentUser, parsed.data.label);
      // Rendered directly rather than redirected: a flash would store the plain token in the session row.
      render(req, res, { created: { token, label: parsed.data.label }, status: 201 });
    }),
    route('post', '/tokens/:id/revoke', EVERYONE, (req, res) => {
      const id = idParam(req.params.id);
      if (id === null) throw notFound();
      revokeToken(ctx, req.user as CurrentUser, id);
      req.flash({ type: 'success', text: req.t('tokens.revoked') });
      res.redirect(303, '/tokens');
    }),
  ];
}
