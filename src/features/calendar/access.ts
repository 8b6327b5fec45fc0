import type { CurrentUser } from '../../http/types.js';
import type { Lang } from '../../i18n/index.js';
import type { CalendarRepository, FeedScope, NamedRow } from './repository.js';

/** What a feed shows: one adviser's turns, a city's, or a service's. */
export interface FeedTarget {
  scope: FeedScope;
  id: number;
  /** The adviser's city, for the supervisor rule. */
  cityId: number | null;
  names: Record<Lang, string>;
  code: string;
  active: boolean;
}

const names = (r: NamedRow): Record<Lang, string> => ({ fi: r.name_fi, sv: r.name_sv, en: r.name_en });

export function findTarget(repo: CalendarRepository, scope: FeedScope, id: number): FeedTarget | undefined {
  if (scope === 'adviser') {
    const a = repo.adviser(id);
    return a && { scope, id, cityId: a.city_id, names: { fi: a.name, sv: a.name, en: a.name }, code: `adviser-${a.id}`, active: a.active === 1 };
  }
  const row = scope === 'city' ? repo.city(id) : repo.service(id);
  return row && { scope, id, cityId: scope === 'city' ? row.id : null, names: names(row), code: row.code, active: row.active === 1 };
}

/**
 * Who may make a feed: an adviser for their own turns and any city or
 * service; a supervisor for their city, its advisers and any service; an
 * admin for anything. A feed is a read-only copy of what the role may see
 * anyway, but a personal feed exposes one person's working hours.
 */
export function mayCreateFeed(user: CurrentUser, target: FeedTarget): boolean {
  switch (user.role) {
    case 'admin':
      return true;
    case 'supervisor':
      if (target.scope === 'service') return true;
      return user.cityId !== null && target.cityId === user.cityId;
    case 'adviser':
      if (target.scope === 'adviser') return user.adviserId !== null && target.id === user.adviserId;
      return true;
  }
}

/** Every target the user may subscribe to, for the page's choice list. */
export function subscribableTargets(repo: CalendarRepository, user: CurrentUser): FeedTarget[] {
  const candidates: FeedTarget[] = [];
  const push = (scope: FeedScope, id: number) => {
    const target = findTarget(repo, scope, id);
    if (target?.active && mayCreateFeed(user, target)) candidates.push(target);
  };
  if (user.role === 'adviser') {
    if (user.adviserId !== null) push('adviser', user.adviserId);
  } else {
    for (const a of repo.activeAdvisers()) if (user.role === 'admin' || a.city_id === user.cityId) push('adviser', a.id);
  }
  for (const c of repo.activeCities()) push('city', c.id);
  for (const s of repo.activeServices()) push('service', s.id);
  return candidates;
}
