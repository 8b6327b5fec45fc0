import type { AppContext } from '../../context.js';
import { forbidden, HttpError, notFound } from '../../http/errors.js';
import type { CurrentUser } from '../../http/types.js';
import type { Lang } from '../../i18n/index.js';
import { recordChange } from '../audit/rules.js';
import { notifyAdvisers } from '../notifications/rules.js';
import { emitEvent } from '../webhooks/events.js';
import type { TurnRow } from '../rosters/repository.js';
import { presentViolations } from '../rosters/rules.js';
import type { SwapRow } from './repository.js';
import { checkStaffing, writeStaffing, type StaffingChange } from './staffing.js';
import { turnParams } from './turn-label.js';

export interface SwapInput {
  turnId: number;
  targetId: number;
  otherTurnId: number | null;
  message: string;
}

export type SwapStatus = SwapRow['status'] | 'expired';

/** A request still open when its first turn starts has expired; computed on read, never stored. */
export function swapStatus(row: Pick<SwapRow, 'status' | 'expires_at'>, now: Date): SwapStatus {
  const open = row.status === 'pending' || row.status === 'accepted';
  return open && Date.parse(row.expires_at) <= now.getTime() ? 'expired' : row.status;
}

function turnOf(ctx: AppContext, id: number): TurnRow {
  const row = ctx.repos.rosters.turnById(id);
  if (!row) throw notFound();
  return row;
}

const staffOf = (ctx: AppContext, turnId: number) => ctx.repos.rosters.assignmentsOf(turnId).map((a) => a.adviser_id);
const replace = (list: readonly number[], out: number, inn: number) => [...list.filter((id) => id !== out), inn];

/** The roster as the swap would leave it: the requester's turn to the target, and in a swap the target's turn to the requester. */
function swapChanges(ctx: AppContext, s: { turnId: number; otherTurnId: number | null; requesterId: number; targetId: number }): StaffingChange[] {
  const changes = [{ turnId: s.turnId, adviserIds: replace(staffOf(ctx, s.turnId), s.requesterId, s.targetId) }];
  if (s.otherTurnId !== null) changes.push({ turnId: s.otherTurnId, adviserIds: replace(staffOf(ctx, s.otherTurnId), s.targetId, s.requesterId) });
  return changes;
}

/** Checks a swap or give as asked: the turns, who is on them, and the validator on the result (422 with its violations). */
function checkRequest(ctx: AppContext, requesterId: number, input: SwapInput, lang: Lang): { turn: TurnRow; other: TurnRow | null } {
  const turn = turnOf(ctx, input.turnId);
  if (turn.status !== 'published' || !staffOf(ctx, turn.id).includes(requesterId)) throw new HttpError(403, 'forbidden', 'workflow.notYourTurn');
  const now = ctx.clock.now().getTime();
  if (Date.parse(turn.start_at) <= now) throw new HttpError(422, 'turn_started', 'workflow.turnStarted');
  const target = ctx.repos.rosters.advisers().find((a) => a.id === input.targetId && a.active === 1);
  if (!target || target.id === requesterId) {
    throw new HttpError(400, 'validation_failed', 'errors.validation_failed', [{ field: 'targetId', code: 'invalid', message: 'choose an active colleague' }]);
  }
  if (staffOf(ctx, turn.id).includes(target.id)) throw new HttpError(422, 'rule_violation', 'workflow.alreadyOnTurn');
  let other: TurnRow | null = null;
  if (input.otherTurnId !== null) {
    other = turnOf(ctx, input.otherTurnId);
    if (other.status !== 'published' || !staffOf(ctx, other.id).includes(target.id) || Date.parse(other.start_at) <= now || other.id === turn.id) {
      throw new HttpError(400, 'validation_failed', 'errors.validation_failed', [
        { field: 'otherTurnId', code: 'invalid', message: "not one of the colleague's coming turns" },
      ]);
    }
  }
  const { loaded, refused } = checkStaffing(ctx, swapChanges(ctx, { ...input, requesterId, targetId: target.id }));
  if (refused.length > 0) throw new HttpError(422, 'rule_violation', 'errors.rule_violation', presentViolations(refused, loaded, lang));
  return { turn, other };
}

/**
 * Why asking for this swap would be refused now, or null when it would be
 * accepted: the very checks `requestSwap` makes (the validator included), so
 * an offered option and the request can never disagree.
 */
export function swapRefusal(ctx: AppContext, requesterId: number, input: SwapInput, lang: Lang): HttpError | null {
  try {
    const { turn } = checkRequest(ctx, requesterId, input, lang);
    if (ctx.repos.workflow.openSwapsOfTurn(turn.id) > 0) return new HttpError(409, 'conflict', 'workflow.swapPending');
    return null;
  } catch (err) {
    if (err instanceof HttpError) return err;
    throw err;
  }
}

/** What the validator says of a swap before it is asked: an empty list, or the 422's violations. */
export function checkSwap(ctx: AppContext, user: CurrentUser, input: SwapInput, lang: Lang): void {
  if (user.adviserId === null) throw forbidden();
  checkRequest(ctx, user.adviserId, input, lang);
}

/** An adviser asks a colleague to take a turn (give) or to exchange it for one of theirs (swap). */
export function requestSwap(ctx: AppContext, user: CurrentUser, input: SwapInput, lang: Lang): number {
  const requesterId = user.adviserId;
  if (requesterId === null) throw forbidden();
  return ctx.db
    .transaction((): number => {
      const { turn, other } = checkRequest(ctx, requesterId, input, lang);
      if (ctx.repos.workflow.openSwapsOfTurn(turn.id) > 0) throw new HttpError(409, 'conflict', 'workflow.swapPending');
      const at = ctx.clock.now().toISOString();
      const starts = [turn.start_at, ...(other ? [other.start_at] : [])].sort();
      const id = ctx.repos.workflow.insertSwap({
        kind: other ? 'swap' : 'give',
        turnId: turn.id,
        requesterId,
        targetId: input.targetId,
        otherTurnId: other?.id ?? null,
        message: input.message,
        expiresAt: starts[0] as string,
        requestedBy: user.id,
        at,
      });
      recordChange(ctx, {
        userId: user.id,
        kind: 'swap.request',
        entity: 'swap',
        entityId: id,
        cityId: turn.city_id,
        adviserId: requesterId,
        adviserIds: [input.targetId],
        after: { turnId: turn.id, otherTurnId: other?.id ?? null, kind: other ? 'swap' : 'give' },
      });
      emitEvent(ctx, 'swap.requested', {
        swapId: id,
        kind: other ? 'swap' : 'give',
        turnId: turn.id,
        otherTurnId: other?.id ?? null,
        requesterId,
        targetId: input.targetId,
      });
      notifyAdvisers(ctx, [input.targetId], {
        subjectKey: 'workflowMail.notifySwapAskedSubject',
        bodyKey: 'workflowMail.notifySwapAskedBody',
        params: (l) => ({ ...turnParams(ctx, turn, l), who: nameOf(ctx, requesterId) }),
      });
      return id;
    })
    .immediate();
}

/** The swap.decided webhook event's data. */
const swapDecided = (row: SwapRow, decision: 'approved' | 'declined' | 'refused') => ({
  swapId: row.id,
  decision,
  turnId: row.turn_id,
  otherTurnId: row.other_turn_id,
  requesterId: row.requester_id,
  targetId: row.target_id,
});

const nameOf = (ctx: AppContext, adviserId: number) => ctx.repos.rosters.advisers().find((a) => a.id === adviserId)?.name ?? `#${adviserId}`;

/** The request as read; a write from an older version of it is refused. */
function swapAt(ctx: AppContext, id: number): SwapRow {
  const row = ctx.repos.workflow.swapById(id);
  if (!row) throw notFound();
  return row;
}
const staleSwap = (): never => {
  throw new HttpError(409, 'stale_version');
};

function mustBeOpen(ctx: AppContext, row: SwapRow, expected: 'pending' | 'accepted'): void {
  const status = swapStatus(row, ctx.clock.now());
  if (status === 'expired') throw new HttpError(409, 'conflict', 'workflow.swapExpired');
  if (status !== expected) throw new HttpError(409, 'conflict', 'workflow.alreadyDecided');
}

/**
 * The asked colleague accepts or refuses. When no service of the turns needs
 * a supervisor's approval (the per-service setting), an accepted swap is
 * applied at once, with the validator run on the roster as it is now.
 */
export function respondSwap(
  ctx: AppContext,
  id: number,
  decision: 'accept' | 'refuse',
  version: number | undefined,
  user: CurrentUser,
  lang: Lang = 'en',
): SwapStatus {
  return ctx.db
    .transaction((): SwapStatus => {
      const row = swapAt(ctx, id);
      if (user.adviserId !== row.target_id) throw forbidden();
      if (version !== undefined && version !== row.version) staleSwap();
      mustBeOpen(ctx, row, 'pending');
      const at = ctx.clock.now().toISOString();
      if (!ctx.repos.workflow.respondSwap(id, row.version, decision === 'accept' ? 'accepted' : 'refused', at)) staleSwap();
      recordChange(ctx, {
        userId: user.id,
        kind: decision === 'accept' ? 'swap.accept' : 'swap.refuse',
        entity: 'swap',
        entityId: id,
        adviserId: row.target_id,
        adviserIds: [row.requester_id],
      });
      if (decision === 'refuse') emitEvent(ctx, 'swap.decided', swapDecided(row, 'refused'));
      notifyAdvisers(ctx, [row.requester_id], {
        subjectKey: decision === 'accept' ? 'workflowMail.notifySwapAcceptedSubject' : 'workflowMail.notifySwapRefusedSubject',
        bodyKey: decision === 'accept' ? 'workflowMail.notifySwapAcceptedBody' : 'workflowMail.notifySwapRefusedBody',
        params: (l) => ({ ...turnParams(ctx, turnOf(ctx, row.turn_id), l), who: nameOf(ctx, row.target_id) }),
      });
      if (decision === 'refuse') return 'refused';
      const services = [row.turn_id, row.other_turn_id].filter((t): t is number => t !== null).map((t) => turnOf(ctx, t).service_id);
      if (services.some((s) => ctx.repos.myDay.needsApproval(s))) return 'accepted';
      const accepted = { ...row, status: 'accepted' as const, version: row.version + 1 };
      applySwap(ctx, accepted, user, lang);
      if (!ctx.repos.workflow.decideSwap(id, accepted.version, 'approved', user.id, at)) staleSwap();
      recordChange(ctx, {
        userId: user.id,
        kind: 'swap.approve',
        entity: 'swap',
        entityId: id,
        adviserId: row.requester_id,
        adviserIds: [row.target_id],
        after: { complete: true, approvalNeeded: false },
      });
      return 'approved';
    })
    .immediate();
}

/**
 * The asker withdraws a request not yet applied (waiting for the colleague or
 * for the supervisors). The colleague is told, so they stop planning on it.
 */
export function cancelSwap(ctx: AppContext, id: number, version: number | undefined, user: CurrentUser): void {
  ctx.db
    .transaction(() => {
      const row = swapAt(ctx, id);
      if (user.adviserId !== row.requester_id) throw new HttpError(403, 'forbidden', 'workflow.notYourRequest');
      if (version !== undefined && version !== row.version) staleSwap();
      const status = swapStatus(row, ctx.clock.now());
      if (status === 'expired') throw new HttpError(409, 'conflict', 'workflow.swapExpired');
      if (status !== 'pending' && status !== 'accepted') throw new HttpError(409, 'conflict', 'workflow.alreadyDecided');
      if (!ctx.repos.workflow.cancelSwap(id, row.version, user.id, ctx.clock.now().toISOString())) staleSwap();
      recordChange(ctx, {
        userId: user.id,
        kind: 'swap.cancel',
        entity: 'swap',
        entityId: id,
        cityId: turnOf(ctx, row.turn_id).city_id,
        adviserId: row.requester_id,
        adviserIds: [row.target_id],
        before: { status: row.status, version: row.version },
        after: { status: 'cancelled', version: row.version + 1 },
      });
      notifyAdvisers(ctx, [row.target_id], {
        subjectKey: 'workflowMail.notifySwapCancelledSubject',
        bodyKey: 'workflowMail.notifySwapCancelledBody',
        params: (l) => ({ ...turnParams(ctx, turnOf(ctx, row.turn_id), l), who: nameOf(ctx, row.requester_id) }),
      });
    })
    .immediate();
}

/** The cities whose supervisors must approve: those holding the turns concerned. */
export function swapCities(ctx: AppContext, row: Pick<SwapRow, 'turn_id' | 'other_turn_id'>): number[] {
  const ids = [row.turn_id, ...(row.other_turn_id === null ? [] : [row.other_turn_id])];
  const cities = ids.map((id) => ctx.repos.rosters.turnById(id)?.city_id ?? null).filter((c): c is number => c !== null);
  return [...new Set(cities)].sort((a, b) => a - b);
}

/**
 * A supervisor of a city concerned approves (or declines) for their city; an
 * admin for all. With every city's approval the swap is applied, if the
 * validator still passes for the roster as it is now.
 */
export function decideSwap(
  ctx: AppContext,
  id: number,
  decision: 'approve' | 'decline',
  version: number | undefined,
  user: CurrentUser,
  lang: Lang,
): SwapStatus {
  return ctx.db
    .transaction((): SwapStatus => {
      const row = swapAt(ctx, id);
      const cities = swapCities(ctx, row);
      const mine = user.role === 'admin' ? cities : cities.filter((c) => user.role === 'supervisor' && c === user.cityId);
      if (mine.length === 0) throw forbidden();
      if (version !== undefined && version !== row.version) staleSwap();
      mustBeOpen(ctx, row, 'accepted');
      const at = ctx.clock.now().toISOString();
      const who = { userId: user.id, entity: 'swap', entityId: id, adviserId: row.requester_id, adviserIds: [row.target_id] };
      if (decision === 'decline') {
        if (!ctx.repos.workflow.decideSwap(id, row.version, 'declined', user.id, at)) staleSwap();
        recordChange(ctx, { ...who, kind: 'swap.decline', cityId: mine[0] ?? null });
        emitEvent(ctx, 'swap.decided', swapDecided(row, 'declined'));
        notifyAdvisers(ctx, [row.requester_id, row.target_id], {
          subjectKey: 'workflowMail.notifySwapDeclinedSubject',
          bodyKey: 'workflowMail.notifySwapDeclinedBody',
          params: (l) => turnParams(ctx, turnOf(ctx, row.turn_id), l),
        });
        return 'declined';
      }
      for (const c of mine) ctx.repos.workflow.approve(id, c, user.id, at);
      const approved = new Set(ctx.repos.workflow.approvedCities(id));
      if (!cities.every((c) => approved.has(c))) {
        if (!ctx.repos.workflow.touchSwap(id, row.version)) staleSwap();
        recordChange(ctx, { ...who, kind: 'swap.approve', cityId: mine[0] ?? null, after: { complete: false, cities: [...approved] } });
        return 'accepted';
      }
      applySwap(ctx, row, user, lang);
      if (!ctx.repos.workflow.decideSwap(id, row.version, 'approved', user.id, at)) staleSwap();
      recordChange(ctx, { ...who, kind: 'swap.approve', cityId: mine[0] ?? null, after: { complete: true, cities: [...approved] } });
      emitEvent(ctx, 'swap.decided', swapDecided(row, 'approved'));
      return 'approved';
    })
    .immediate();
}

function applySwap(ctx: AppContext, row: SwapRow, user: CurrentUser, lang: Lang): void {
  for (const id of [row.turn_id, row.other_turn_id]) {
    if (id === null) continue;
    const owner = id === row.turn_id ? row.requester_id : row.target_id;
    if (!staffOf(ctx, id).includes(owner)) throw new HttpError(409, 'conflict', 'workflow.swapOutdated');
  }
  const changes = swapChanges(ctx, { turnId: row.turn_id, otherTurnId: row.other_turn_id, requesterId: row.requester_id, targetId: row.target_id });
  const { loaded, refused } = checkStaffing(ctx, changes);
  if (refused.length > 0) throw new HttpError(422, 'rule_violation', 'errors.rule_violation', presentViolations(refused, loaded, lang));
  for (const c of changes) {
    const turn = turnOf(ctx, c.turnId);
    writeStaffing(ctx, {
      row: turn,
      version: turn.version,
      adviserIds: c.adviserIds,
      cityId: turn.city_id,
      user,
      kind: 'turn.assign',
      audit: { swapId: row.id },
    });
  }
}
