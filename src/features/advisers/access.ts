import type { CurrentUser } from '../../http/types.js';

/** Admins manage every city's advisers; a supervisor only their own city's; advisers none. */
export function managesCity(actor: CurrentUser, cityId: number): boolean {
  return actor.role === 'admin' || (actor.role === 'supervisor' && actor.cityId === cityId);
}

/** Whose absences an actor may enter and remove: admins all, supervisors their city's, advisers their own. */
export function managesAdviser(actor: CurrentUser, adviser: { id: number; cityId: number }): boolean {
  if (actor.role === 'adviser') return actor.adviserId === adviser.id;
  return managesCity(actor, adviser.cityId);
}
