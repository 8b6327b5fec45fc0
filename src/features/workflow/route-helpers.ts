import type { Request } from 'express';
import { notFound } from '../../http/errors.js';
import type { CurrentUser } from '../../http/types.js';
import { pathId } from './schemas.js';

export const STAFF = ['admin', 'supervisor'] as const;

/** Route guards admit only logged-in users to the workflow pages. */
export const userOf = (req: Request): CurrentUser => req.user as CurrentUser;

/** The :id of the path, or 404 for anything that is not one. */
export function idOf(req: Request): number {
  const id = pathId(req.params.id);
  if (id === null) throw notFound();
  return id;
}
