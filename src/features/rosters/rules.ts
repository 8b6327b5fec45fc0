import type { AppContext } from '../../context.js';
import { HttpError } from '../../http/errors.js';
import type { CurrentUser } from '../../http/types.js';
import { translator, type Lang } from '../../i18n/index.js';
import { solve } from '../../rotation/engine.js';
import type { EngineResult } from '../../rotation/types.js';
import { validateRoster } from '../../rotation/validator.js';
import type { Violation } from '../../rotation/violations.js';
import { recordChange } from '../audit/rules.js';
import { acceptanceMissingError, missingAcceptances, tellPublished } from '../planning/acceptance.js';
import { touchPeriod } from '../planning/periods.js';
import { completePublication, publishDiff } from '../workflow/publish-diff.js';
import { loadRange, namesFor, type Loaded } from './load.js';
import { violationJson, type Codes, type ViolationJson } from './present.js';

export interface GenerateResult {
  from: string;
  to: string;
  turns: number;
  assigned: number;
  open: number;
  /** Hard rules broken (severity error): these refuse publication. */
  violations: ViolationJson[];
  /** Soft goals missed (undesired days, consecutive days, load balance): advice, never a refusal. */
  warnings: ViolationJson[];
  /**
   * Level 1 per service: the largest deviation in hours of any city's ledger
   * (carried + held − quota) over every prefix of the range, and whether it is
   * proven to be the smallest possible.
   */
  level1: Array<{ service: string; maxPrefixDeviationHours: number; optimal: boolean }>;
  /** Level 2: whether the exact per-week model ran (`solver: "highs"`) or only repair and local search (`"unavailable"`). */
  level2: { solver: 'highs' | 'unavailable'; exactBlocks: number; seatsGained: number };
  /** Each seat left open, with every adviser of the holding city who has the skill and the hard rule that blocks them. */
  openSeats: Array<{
    turnId: number | null;
    service: string;
    city: string | null;
    start: string;
    open: number;
    candidates: Array<{ adviserId: number; rule: string }>;
  }>;
}

export function codesOf(loaded: Pick<Loaded, 'services' | 'cities'>): Codes {
  const services = new Map(loaded.services.map((s) => [s.id, s.code]));
  const cities = new Map(loaded.cities.map((c) => [c.id, c.code]));
  return { service: (id) => services.get(id) ?? String(id), city: (id) => (id === null ? null : (cities.get(id) ?? String(id))) };
}

export function presentViolations(list: readonly Violation[], loaded: Loaded, lang: Lang): ViolationJson[] {
  const names = namesFor(loaded, lang);
  const codes = codesOf(loaded);
  const t = translator(lang);
  return list.map((v) => violationJson(v, t, names, codes));
}

/**
 * Fills the turns of from..to as a draft: loads the range, solves it in
 * memory and writes the result in one immediate transaction, so a roster is
 * either wholly regenerated or not at all.
 */
export function generateRoster(ctx: AppContext, range: { from: string; to: string }, user: CurrentUser, lang: Lang): GenerateResult {
  return ctx.db
    .transaction((): GenerateResult => {
      const loaded = loadRange(ctx, range.from, range.to);
      const result = solve(loaded.input);
      writeRoster(ctx, result, user.id);
      const violations = validateRoster({
        turns: result.turns,
        context: loaded.input.context,
        advisers: loaded.input.advisers,
        absences: loaded.input.absences,
        closedDates: loaded.input.closedDates,
      });
      const open = result.turns.filter((x) => x.assignments.length < x.headcount).length;
      const summary = { from: range.from, to: range.to, turns: result.turns.length, assigned: result.turns.length - open, open };
      const periodId = touchPeriod(ctx, range, user.id);
      recordChange(ctx, {
        userId: user.id,
        kind: 'roster.generate',
        entity: 'period',
        entityId: periodId,
        cityId: null,
        after: summary,
        object: { type: 'period', id: periodId, from: range.from, to: range.to },
      });
      const shown = presentViolations(violations, loaded, lang);
      const codes = codesOf(loaded);
      const level1 = result.level1.map((l) => ({
        service: codes.service(l.serviceId),
        maxPrefixDeviationHours: Math.round(l.boundHours * 1e4) / 1e4,
        optimal: l.exact,
      }));
      const level2 = {
        solver: result.level2.solver ? ('highs' as const) : ('unavailable' as const),
        exactBlocks: result.level2.exactBlocks,
        seatsGained: result.level2.seatsGained,
      };
      const openSeats = result.openSeats.map((o) => ({
        turnId: o.turn.id,
        service: codes.service(o.turn.serviceId),
        city: codes.city(o.turn.cityId),
        start: o.turn.startAt,
        open: o.open,
        candidates: o.candidates,
      }));
      return {
        ...summary,
        violations: shown.filter((v) => v.severity === 'error'),
        warnings: shown.filter((v) => v.severity === 'warning'),
        level1,
        level2,
        openSeats,
      };
    })
    .immediate();
}

function writeRoster(ctx: AppContext, result: EngineResult, userId: number): void {
  const repo = ctx.repos.rosters;
  const at = ctx.clock.now().toISOString();
  for (const id of result.removedTurnIds) repo.deleteDraftTurn(id);
  for (const turn of result.turns) {
    if (turn.status !== 'draft') continue;
    const row = {
      serviceId: turn.serviceId,
      templateId: turn.templateId,
      date: turn.date,
      startAt: turn.startAt,
      endAt: turn.endAt,
      headcount: turn.headcount,
      language: turn.language,
      cityId: turn.cityId,
      at,
      userId,
    };
    if (turn.id === null) {
      turn.id = repo.insertTurn(row);
    } else {
      repo.updateDraft({ ...row, id: turn.id });
      repo.deleteUnpinnedAssignments(turn.id);
    }
    for (const a of turn.assignments) if (!a.pinned) repo.insertAssignment(turn.id, a.adviserId, false);
  }
}

export interface PublishResult {
  from: string;
  to: string;
  published: number;
}

export interface PublishBodyInput {
  from: string;
  to: string;
  overrideReason?: string | undefined;
  previewed?: string | undefined;
}

/** The hard errors of a range's drafts, checked with the published turns around them. */
export function publishErrors(loaded: Loaded): Violation[] {
  const drafts = loaded.input.existing.filter((x) => x.status === 'draft');
  return validateRoster({
    turns: drafts,
    context: [...loaded.input.context, ...loaded.input.existing.filter((x) => x.status === 'published')],
    advisers: loaded.input.advisers,
    absences: loaded.input.absences,
    closedDates: loaded.input.closedDates,
    warnings: false,
  });
}

/**
 * Publishes the drafts of a range. Hard errors on those drafts refuse the
 * publication (422 with the violations); only an admin may override them,
 * with a reason recorded with the publication. The advisers whose turns the
 * publication changes are told, and what they now have is remembered for the
 * next publication's preview.
 */
export function publishRoster(ctx: AppContext, body: PublishBodyInput, user: CurrentUser, lang: Lang): PublishResult {
  return ctx.db
    .transaction((): PublishResult => {
      const loaded = loadRange(ctx, body.from, body.to, { history: false });
      const errors = publishErrors(loaded);
      const reason = body.overrideReason?.trim() ? body.overrideReason.trim() : null;
      const diff = publishDiff(ctx, body.from, body.to, lang);
      if (body.previewed && body.previewed !== diff.fingerprint) throw new HttpError(409, 'stale_version', 'publish.publishStale');
      if (errors.length > 0 && reason === null) {
        throw new HttpError(422, 'rule_violation', 'errors.rule_violation', presentViolations(errors, loaded, lang));
      }
      if (errors.length > 0 && user.role !== 'admin') {
        throw new HttpError(403, 'forbidden', 'publish.overrideAdminOnly', presentViolations(errors, loaded, lang));
      }
      // Every city with drafts in the range accepts its part first; an admin may publish without, as an override.
      const missing = missingAcceptances(ctx, body.from, body.to, lang);
      if (missing.length > 0 && user.role !== 'admin') throw acceptanceMissingError(missing);
      const overridden = errors.length > 0 || missing.length > 0;
      const at = ctx.clock.now().toISOString();
      const published = ctx.repos.rosters.publishBetween(body.from, body.to, at, user.id);
      const publicationId = ctx.repos.rosters.insertPublication(body.from, body.to, published, user.id, at, overridden ? reason : null);
      ctx.repos.planning.markPublished(body.from, body.to);
      ctx.repos.planning.publishPeriods(body.from, body.to, at, user.id);
      completePublication(ctx, diff, body);
      recordChange(ctx, {
        userId: user.id,
        kind: 'roster.publish',
        entity: 'publication',
        entityId: publicationId,
        adviserId: null,
        adviserIds: diff.advisers.map((a) => a.adviserId),
        object: { type: 'period', from: body.from, to: body.to },
        overrideReason: overridden ? reason : null,
        after: {
          from: body.from,
          to: body.to,
          published,
          errors: errors.length,
          overrideReason: overridden ? reason : null,
          ...(missing.length > 0 ? { acceptanceMissing: missing.map((c) => c.code) } : {}),
        },
      });
      tellPublished(ctx, body, user);
      return { from: body.from, to: body.to, published };
    })
    .immediate();
}
