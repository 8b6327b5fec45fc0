import type { AppContext } from '../../context.js';
import { HttpError, notFound } from '../../http/errors.js';
import type { CurrentUser } from '../../http/types.js';
import type { Lang } from '../../i18n/index.js';
import { mayStaff } from '../rosters/turns.js';
import { nameIn, turnParams } from './turn-label.js';

export interface TurnPage {
  turn: {
    id: number;
    version: number;
    status: 'draft' | 'published';
    date: string;
    headcount: number;
    language: string | null;
    service: string;
    city: string;
    time: string;
    dateLabel: string;
  };
  advisers: Array<{ id: number; name: string; checked: boolean; languages: string }>;
  /** Cities the turn could be moved to. */
  cities: Array<{ id: number; name: string }>;
  pendingMoveTo: string | null;
}

/**
 * The turn form's model: the turn, and the advisers who could be on it (the
 * holding city's active advisers with the service's skill, plus whoever is on
 * it now so they can be taken off). `checked` is what the form last sent.
 */
export function turnPage(ctx: AppContext, turnId: number, user: CurrentUser, lang: Lang, checked?: readonly number[]): TurnPage {
  const repo = ctx.repos.rosters;
  const row = repo.turnById(turnId);
  if (!row) throw notFound();
  if (!mayStaff(user, row)) throw new HttpError(403, 'forbidden', 'errors.otherCity');
  const current = repo.assignmentsOf(turnId).map((a) => a.adviser_id);
  const ticked = new Set(checked ?? current);
  const cityId = row.city_id ?? (user.role === 'supervisor' ? user.cityId : null);
  const skilled = new Set(
    repo
      .skills()
      .filter((s) => Number(s.value) === row.service_id)
      .map((s) => s.adviser_id),
  );
  const languages = new Map<number, string[]>();
  for (const l of repo.languages()) languages.set(l.adviser_id, [...(languages.get(l.adviser_id) ?? []), String(l.value)]);
  const advisers = repo
    .advisers()
    .filter((a) => current.includes(a.id) || (a.active === 1 && skilled.has(a.id) && (cityId === null || a.city_id === cityId)))
    .map((a) => ({ id: a.id, name: a.name, checked: ticked.has(a.id), languages: (languages.get(a.id) ?? []).sort().join(', ') }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
  const p = turnParams(ctx, row, lang);
  const pending = ctx.repos.workflow.pendingMoveOfTurn(turnId);
  const cities = repo.cities();
  return {
    turn: {
      id: row.id,
      version: row.version,
      status: row.status,
      date: row.date,
      headcount: row.headcount,
      language: row.required_language,
      service: p.service ?? '',
      city: p.city ?? '',
      time: p.time ?? '',
      dateLabel: p.date ?? '',
    },
    advisers,
    cities: cities.filter((c) => c.active === 1 && c.id !== row.city_id).map((c) => ({ id: c.id, name: nameIn(c, lang) })),
    pendingMoveTo: pending
      ? nameIn(
          cities.find((c) => c.id === pending.to_city_id),
          lang,
        )
      : null,
  };
}
