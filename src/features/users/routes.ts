import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { notFound } from '../../http/errors.js';
import { route, type RouteDef } from '../../http/routes.js';
import type { CurrentUser } from '../../http/types.js';
import { parseForm, type FieldErrors } from '../../http/validation.js';
import { versionOf } from '../advisers/schemas.js';
import { idParam, localName } from '../advisers/view.js';
import type { UserRow } from './repository.js';
import { createUser, getUser, resetPassword, updateUser } from './rules.js';
import { PasswordReset, UserCreate, UserEdit } from './schemas.js';

const ADMIN = ['admin'] as const;

type Values = Record<string, string | boolean>;

function pathId(req: Request): number {
  const id = idParam(req.params.id);
  if (id === null) throw notFound();
  return id;
}

function bodyValues(body: unknown): Values {
  const b = (body ?? {}) as Record<string, unknown>;
  const s = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : '');
  return {
    username: s('username'),
    displayName: s('displayName'),
    role: s('role'),
    cityId: s('cityId'),
    adviserId: s('adviserId'),
    language: s('language'),
    active: b.active === 'on',
    version: s('version'),
  };
}

function rowValues(u: UserRow): Values {
  return {
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    cityId: u.city_id === null ? '' : String(u.city_id),
    adviserId: u.adviser_id === null ? '' : String(u.adviser_id),
    language: u.language ?? '',
    active: u.active === 1,
    version: String(u.version),
  };
}

export function userRoutes(ctx: AppContext): RouteDef[] {
  const choices = (req: Request) => ({
    cities: ctx.repos.advisers.cities().map((c) => ({ id: c.id, name: localName(c, req.lang) })),
    advisers: ctx.repos.advisers.list().map((a) => ({ id: a.id, name: a.name })),
  });
  const renderNew = (req: Request, res: Response, values: Values, errors: FieldErrors = {}, status = 200) =>
    res.status(status).render('users/new', { title: req.t('users.newTitle'), values, errors, ...choices(req) });
  const renderEdit = (
    req: Request,
    res: Response,
    user: UserRow,
    o: { values?: Values; errors?: FieldErrors; passwordErrors?: FieldErrors; status?: number } = {},
  ) =>
    res.status(o.status ?? 200).render('users/edit', {
      title: req.t('users.editTitle'),
      userRow: user,
      values: o.values ?? rowValues(user),
      errors: o.errors ?? {},
      passwordErrors: o.passwordErrors ?? {},
      ...choices(req),
    });

  return [
    // The contract of ../shared/API.md; never the password hash.
    route('get', '/api/v1/users', ADMIN, (_req, res) => {
      res.json(
        ctx.repos.users.all().map((u) => ({
          id: u.id,
          username: u.username,
          name: u.display_name,
          role: u.role,
          cityId: u.city_id,
          adviserId: u.adviser_id,
          active: u.active === 1,
          version: u.version,
        })),
      );
    }),
    route('get', '/users', ADMIN, (req, res) => {
      const cities = new Map(ctx.repos.advisers.cities().map((c) => [c.id, localName(c, req.lang)]));
      const advisers = new Map(ctx.repos.advisers.list().map((a) => [a.id, a.name]));
      const users = ctx.repos.users.all().map((u) => ({
        id: u.id,
        username: u.username,
        displayName: u.display_name,
        role: u.role,
        active: u.active === 1,
        language: u.language,
        cityName: u.city_id === null ? '' : (cities.get(u.city_id) ?? ''),
        adviserName: u.adviser_id === null ? '' : (advisers.get(u.adviser_id) ?? ''),
      }));
      res.render('users/list', { title: req.t('common.users'), users });
    }),
    route('get', '/users/new', ADMIN, (req, res) => {
      renderNew(req, res, { username: '', displayName: '', role: 'adviser', cityId: '', adviserId: '', language: '', active: true });
    }),
    route('post', '/users', ADMIN, async (req, res) => {
      const parsed = parseForm(UserCreate, req.body, req.t);
      const result = parsed.ok ? await createUser(ctx, parsed.data, req.t) : parsed;
      if (!result.ok) return renderNew(req, res, bodyValues(req.body), result.errors, 400);
      req.flash({ type: 'success', text: req.t('common.created') });
      res.redirect(303, '/users');
    }),
    route('get', '/users/:id/edit', ADMIN, (req, res) => {
      renderEdit(req, res, getUser(ctx, pathId(req)));
    }),
    route('post', '/users/:id', ADMIN, (req, res) => {
      const user = getUser(ctx, pathId(req));
      const parsed = parseForm(UserEdit, req.body, req.t);
      const result = parsed.ok ? updateUser(ctx, req.user as CurrentUser, user.id, versionOf(req.body, undefined), parsed.data, req.t) : parsed;
      if (!result.ok) return renderEdit(req, res, user, { values: { ...bodyValues(req.body), username: user.username }, errors: result.errors, status: 400 });
      req.flash({ type: 'success', text: req.t('common.saved') });
      res.redirect(303, '/users');
    }),
    route('post', '/users/:id/password', ADMIN, async (req, res) => {
      const user = getUser(ctx, pathId(req));
      const parsed = parseForm(PasswordReset, req.body, req.t);
      if (!parsed.ok) return renderEdit(req, res, user, { passwordErrors: parsed.errors, status: 400 });
      await resetPassword(ctx, user.id, versionOf(req.body, undefined), parsed.data.password);
      req.flash({ type: 'success', text: req.t('users.passwordReset', { user: user.username }) });
      res.redirect(303, '/users');
    }),
  ];
}
