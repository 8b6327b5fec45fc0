import { createHash } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { HttpError } from '../../http/errors.js';
import type { CurrentUser } from '../../http/types.js';
import type { Lang } from '../../i18n/index.js';
import { writeChangeEntry as recordChange } from '../audit/entry.js';
import type { CityRow } from '../rosters/repository.js';
import { nameIn } from '../workflow/turn-label.js';
import { notifySupervisors } from './notify.js';
import type { AcceptanceRow } from './repository.js';
import { periodWords } from './words.js';

/*
 * Cross-city acceptance. Each city's supervisor accepts the city's part of a
 * draft range as it is; the acceptance stores a fingerprint of that part (its
 * turns, their versions and advisers). A later change to the part, through
 * any route, makes the fingerprint differ: the acceptance no longer counts
 * (checked when read, so nothing can slip past), and reconcileAcceptances,
 * run after every recorded change, marks it withdrawn and tells the
 * supervisors. A supervisor publishes only when every city with drafts in
 * the range has a standing acceptance; an admin may publish without.
 */

/** Identifies a city's part of a range as it is now. */
export function partFingerprint(ctx: AppContext, from: string, to: string, cityId: number): string {
  const rows = ctx.repos.planning.part(from, to, cityId).map((r) => `${r.id}.${r.version}.${r.status}[${r.advisers ?? ''}]`);
  return createHash('sha256').update(rows.join('|')).digest('hex').slice(0, 32);
}

export interface CityAcceptance {
  cityId: number;
  code: string;
  name: string;
  /** Draft turns of the city in the range: those a publication would publish. */
  drafts: number;
  state: 'accepted' | 'withdrawn' | 'missing';
  acceptedBy: string | null;
  acceptedAt: string | null;
  /** When a change withdrew the acceptance. */
  withdrawnAt: string | null;
}

function standing(ctx: AppContext, row: AcceptanceRow): boolean {
  return row.status === 'accepted' && row.fingerprint === partFingerprint(ctx, row.from_date, row.to_date, row.city_id);
}

/** The latest acceptance of the city covering from..to, if any. */
function latestCovering(rows: readonly AcceptanceRow[], cityId: number, from: string, to: string): AcceptanceRow | undefined {
  return rows.find((r) => r.city_id === cityId && r.from_date <= from && r.to_date >= to && r.status !== 'published');
}

/** Each active city's acceptance of its part of from..to: cities with drafts first need one. */
export function acceptanceState(ctx: AppContext, from: string, to: string, lang: Lang): CityAcceptance[] {
  const rows = ctx.repos.planning.acceptancesOverlapping(from, to);
  const drafts = new Map(ctx.repos.planning.draftCities(from, to).map((d) => [d.city_id, d]));
  return ctx.repos.rosters
    .cities()
    .filter((c) => c.active === 1 || drafts.has(c.id))
    .map((c) => {
      const d = drafts.get(c.id);
      const row = latestCovering(rows, c.id, d?.first ?? from, d?.last ?? to);
      const ok = row !== undefined && standing(ctx, row);
      return {
        cityId: c.id,
        code: c.code,
        name: nameIn(c, lang),
        drafts: d ? countDrafts(ctx, from, to, c.id) : 0,
        state: ok ? 'accepted' : row ? 'withdrawn' : 'missing',
        acceptedBy: row?.accepted_by_name ?? null,
        acceptedAt: row?.accepted_at ?? null,
        withdrawnAt: ok ? null : (row?.withdrawn_at ?? null),
      };
    });
}

function countDrafts(ctx: AppContext, from: string, to: string, cityId: number): number {
  return ctx.repos.planning.part(from, to, cityId).filter((r) => r.status === 'draft').length;
}

/** The cities with drafts in from..to that have not (or no longer) accepted their part. */
export function missingAcceptances(ctx: AppContext, from: string, to: string, lang: Lang): CityAcceptance[] {
  return acceptanceState(ctx, from, to, lang).filter((c) => c.drafts > 0 && c.state !== 'accepted');
}

/** The 409 a supervisor's publication gets while cities have not accepted; details name each city by code. */
export function acceptanceMissingError(missing: readonly CityAcceptance[]): HttpError {
  return new HttpError(
    409,
    'acceptance_missing',
    'planning.acceptanceMissing',
    missing.map((c) => ({ code: 'acceptance_missing', city: c.code, field: 'city', message: c.name })),
    { cities: missing.map((c) => c.name).join(', ') },
  );
}

export interface AcceptResult {
  from: string;
  to: string;
  city: string;
  acceptedAt: string;
  drafts: number;
}

/** Accepts a city's part of from..to as it is now: a supervisor their own city's, an admin any. */
export function acceptPart(ctx: AppContext, input: { from: string; to: string; city: string }, user: CurrentUser): AcceptResult {
  return ctx.db
    .transaction((): AcceptResult => {
      const city = ctx.repos.rosters.cities().find((c) => c.code === input.city);
      if (!city) {
        throw new HttpError(400, 'validation_failed', 'errors.validation_failed', [{ field: 'city', code: 'unknown', message: 'unknown city' }]);
      }
      if (user.role !== 'admin' && !(user.role === 'supervisor' && user.cityId === city.id)) {
        throw new HttpError(403, 'forbidden', 'planning.acceptOwnCity');
      }
      const at = ctx.clock.now().toISOString();
      // An earlier acceptance of the same part is replaced by this one, not withdrawn by a change.
      for (const old of ctx.repos.planning.acceptancesOverlapping(input.from, input.to)) {
        if (old.city_id === city.id && old.status === 'accepted' && old.from_date === input.from && old.to_date === input.to) {
          ctx.repos.planning.withdraw(old.id, at, user.id);
        }
      }
      const fingerprint = partFingerprint(ctx, input.from, input.to, city.id);
      const id = ctx.repos.planning.insertAcceptance(input.from, input.to, city.id, fingerprint, user.id, at);
      const drafts = countDrafts(ctx, input.from, input.to, city.id);
      recordChange(ctx, {
        userId: user.id,
        kind: 'roster.accept',
        entity: 'acceptance',
        entityId: id,
        cityId: city.id,
        object: { type: 'period', from: input.from, to: input.to, cityId: city.id },
        after: { from: input.from, to: input.to, cityId: city.id, drafts },
      });
      tellOthers(ctx, city, input, 'planning.acceptedSubject', 'planning.acceptedBody', user);
      return { from: input.from, to: input.to, city: city.code, acceptedAt: at, drafts };
    })
    .immediate();
}

function tellOthers(
  ctx: AppContext,
  city: CityRow,
  range: { from: string; to: string },
  subjectKey: 'planning.acceptedSubject' | 'planning.publishedSubject',
  bodyKey: 'planning.acceptedBody' | 'planning.publishedBody',
  user: CurrentUser,
): void {
  const others = new Set(
    ctx.repos.rosters
      .cities()
      .filter((c) => c.id !== city.id)
      .map((c) => c.id),
  );
  notifySupervisors(
    ctx,
    others,
    {
      subjectKey,
      bodyKey,
      params: (lang) => ({ city: nameIn(city, lang), period: periodWords(range.from, range.to, lang), who: user.displayName }),
    },
    user.id,
  );
}

/**
 * Withdraws every standing acceptance whose part has changed since, and tells
 * the city's supervisors (and the other cities'). Called by the change log
 * after each recorded change, inside the same transaction.
 */
export function reconcileAcceptances(ctx: AppContext, userId: number | null): number {
  let withdrawn = 0;
  for (const row of ctx.repos.planning.activeAcceptances()) {
    if (row.fingerprint === partFingerprint(ctx, row.from_date, row.to_date, row.city_id)) continue;
    if (!ctx.repos.planning.withdraw(row.id, ctx.clock.now().toISOString(), userId)) continue;
    withdrawn += 1;
    const city = ctx.repos.rosters.cities().find((c) => c.id === row.city_id);
    recordChange(ctx, {
      userId,
      kind: 'roster.withdraw',
      entity: 'acceptance',
      entityId: row.id,
      cityId: row.city_id,
      object: { type: 'period', from: row.from_date, to: row.to_date, cityId: row.city_id },
      before: { from: row.from_date, to: row.to_date, cityId: row.city_id },
    });
    if (!city) continue;
    notifySupervisors(ctx, new Set(ctx.repos.rosters.cities().map((c) => c.id)), {
      subjectKey: 'planning.withdrawnSubject',
      bodyKey: 'planning.withdrawnBody',
      params: (lang) => ({ city: nameIn(city, lang), period: periodWords(row.from_date, row.to_date, lang) }),
    });
  }
  return withdrawn;
}

/** Tells every city's supervisors (but the publisher) that a range went out. */
export function tellPublished(ctx: AppContext, range: { from: string; to: string }, user: CurrentUser): void {
  const all = new Set(
    ctx.repos.rosters
      .cities()
      .filter((c) => c.id !== user.cityId)
      .map((c) => c.id),
  );
  notifySupervisors(
    ctx,
    all,
    {
      subjectKey: 'planning.publishedSubject',
      bodyKey: 'planning.publishedBody',
      params: (lang) => ({ period: periodWords(range.from, range.to, lang), who: user.displayName, city: '' }),
    },
    user.id,
  );
}
