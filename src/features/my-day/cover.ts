import type { AppContext } from '../../context.js';
import { forbidden, HttpError, notFound } from '../../http/errors.js';
import type { CurrentUser } from '../../http/types.js';
import { translate, type Lang } from '../../i18n/index.js';
import { recordChange } from '../audit/rules.js';
import { notifyAdvisers } from '../notifications/rules.js';
import type { TurnRow } from '../rosters/repository.js';
import { checkStaffing, writeStaffing } from '../workflow/staffing.js';
import { turnLabel, turnParams } from '../workflow/turn-label.js';
import type { CoverRow } from './repository.js';
import type { WaitingItem } from './waiting-item.js';

/**
 * "Offer my turn to anyone": an open cover request that every eligible
 * colleague of the turn's city sees, taken by the first to accept, then
 * approved by a supervisor of the city (unless the service needs no approval).
 */

const staffOf = (ctx: AppContext, turnId: number) => ctx.repos.rosters.assignmentsOf(turnId).map((a) => a.adviser_id);
const nameOf = (ctx: AppContext, id: number | null) => (id === null ? '' : (ctx.repos.rosters.advisers().find((a) => a.id === id)?.name ?? `#${id}`));

function turnOf(ctx: AppContext, id: number): TurnRow {
  const row = ctx.repos.rosters.turnById(id);
  if (!row) throw notFound();
  return row;
}
function coverAt(ctx: AppContext, id: number): CoverRow {
  const row = ctx.repos.myDay.coverById(id);
  if (!row) throw notFound();
  return row;
}
const stale = (): never => {
  throw new HttpError(409, 'stale_version');
};

export type CoverStatus = CoverRow['status'] | 'expired';
export function coverStatus(row: Pick<CoverRow, 'status' | 'expires_at'>, now: Date): CoverStatus {
  const open = row.status === 'open' || row.status === 'taken';
  return open && Date.parse(row.expires_at) <= now.getTime() ? 'expired' : row.status;
}

/**
 * Why this colleague may not take the turn now, or null: skill, language,
 * rest, absence, overlap and weekly maximum, by the validator on the roster
 * as the cover would leave it (the same check as every hand change).
 */
export function coverRefusal(ctx: AppContext, row: Pick<CoverRow, 'turn_id' | 'requester_id'>, takerId: number): string | null {
  const turn = ctx.repos.rosters.turnById(row.turn_id);
  if (!turn) return 'not_found';
  const staff = staffOf(ctx, turn.id);
  if (takerId === row.requester_id || staff.includes(takerId)) return 'already_on_turn';
  if (!staff.includes(row.requester_id)) return 'outdated';
  const taker = ctx.repos.rosters.advisers().find((a) => a.id === takerId);
  if (!taker || taker.active !== 1) return 'inactive';
  const { refused } = checkStaffing(ctx, [{ turnId: turn.id, adviserIds: [...staff.filter((id) => id !== row.requester_id), takerId] }]);
  return refused.length > 0 ? refused.map((v) => v.code).join(',') : null;
}

/** Colleagues of the turn's city with its skill who pass every hard rule for it. */
export function eligibleTakers(ctx: AppContext, row: Pick<CoverRow, 'turn_id' | 'requester_id'>): number[] {
  const turn = ctx.repos.rosters.turnById(row.turn_id);
  if (!turn) return [];
  const skilled = new Set(
    ctx.repos.rosters
      .skills()
      .filter((s) => Number(s.value) === turn.service_id)
      .map((s) => s.adviser_id),
  );
  return ctx.repos.rosters
    .advisers()
    .filter((a) => a.active === 1 && a.city_id === turn.city_id && skilled.has(a.id) && a.id !== row.requester_id)
    .map((a) => a.id)
    .filter((id) => coverRefusal(ctx, row, id) === null);
}

/** An adviser offers one of their coming published turns to anyone eligible. */
export function offerCover(ctx: AppContext, user: CurrentUser, turnId: number, message: string): number {
  const me = user.adviserId;
  if (me === null) throw forbidden();
  return ctx.db
    .transaction((): number => {
      const turn = turnOf(ctx, turnId);
      if (turn.status !== 'published' || !staffOf(ctx, turnId).includes(me)) throw new HttpError(403, 'forbidden', 'workflow.notYourTurn');
      const at = ctx.clock.now().toISOString();
      if (turn.start_at <= at) throw new HttpError(422, 'turn_started', 'workflow.turnStarted');
      if (ctx.repos.myDay.openCoverOfTurn(turnId) || ctx.repos.workflow.openSwapsOfTurn(turnId) > 0) {
        throw new HttpError(409, 'conflict', 'workflow.swapPending');
      }
      const id = ctx.repos.myDay.insertCover({ turnId, requesterId: me, message, expiresAt: turn.start_at, requestedBy: user.id, at });
      recordChange(ctx, {
        userId: user.id,
        kind: 'cover.offer',
        entity: 'cover',
        entityId: id,
        cityId: turn.city_id,
        adviserId: me,
        after: { turnId, status: 'open' },
      });
      const takers = eligibleTakers(ctx, { turn_id: turnId, requester_id: me });
      notifyAdvisers(ctx, takers, {
        subjectKey: 'myDay.coverOfferedSubject',
        bodyKey: 'myDay.coverOfferedBody',
        params: (l) => ({ ...turnParams(ctx, turn, l), who: nameOf(ctx, me) }),
      });
      return id;
    })
    .immediate();
}

function applyCover(ctx: AppContext, row: CoverRow, takerId: number, user: CurrentUser): void {
  const turn = turnOf(ctx, row.turn_id);
  const staff = staffOf(ctx, turn.id);
  if (!staff.includes(row.requester_id)) throw new HttpError(409, 'conflict', 'workflow.swapOutdated');
  const refusal = coverRefusal(ctx, row, takerId);
  if (refusal !== null) throw new HttpError(422, 'rule_violation', 'errors.rule_violation', [{ code: refusal, message: refusal }]);
  writeStaffing(ctx, {
    row: turn,
    version: turn.version,
    adviserIds: [...staff.filter((id) => id !== row.requester_id), takerId],
    cityId: turn.city_id,
    user,
    kind: 'turn.assign',
    audit: { coverId: row.id },
  });
}

/**
 * A colleague takes an open cover. Only the first succeeds: the UPDATE holds
 * only while the request is open at the version read, so a second taker at
 * the same moment gets 409. Applies at once when the service needs no approval.
 */
export function takeCover(ctx: AppContext, user: CurrentUser, id: number, version: number | undefined): CoverStatus {
  const me = user.adviserId;
  if (me === null) throw forbidden();
  return ctx.db
    .transaction((): CoverStatus => {
      const row = coverAt(ctx, id);
      const status = coverStatus(row, ctx.clock.now());
      if (status !== 'open') throw new HttpError(409, 'conflict', status === 'expired' ? 'workflow.swapExpired' : 'myDay.coverTaken');
      if (version !== undefined && version !== row.version) stale();
      const refusal = coverRefusal(ctx, row, me);
      if (refusal !== null) throw new HttpError(422, 'rule_violation', 'myDay.coverNotEligible', [{ code: refusal, message: refusal }]);
      const at = ctx.clock.now().toISOString();
      if (!ctx.repos.myDay.takeCover(id, row.version, me, at)) throw new HttpError(409, 'conflict', 'myDay.coverTaken');
      const turn = turnOf(ctx, row.turn_id);
      recordChange(ctx, {
        userId: user.id,
        kind: 'cover.take',
        entity: 'cover',
        entityId: id,
        cityId: turn.city_id,
        adviserId: me,
        adviserIds: [row.requester_id],
      });
      notifyAdvisers(ctx, [row.requester_id], {
        subjectKey: 'myDay.coverTakenSubject',
        bodyKey: 'myDay.coverTakenBody',
        params: (l) => ({ ...turnParams(ctx, turn, l), who: nameOf(ctx, me) }),
      });
      if (ctx.repos.myDay.needsApproval(turn.service_id)) return 'taken';
      const taken = { ...row, status: 'taken' as const, taker_id: me, version: row.version + 1 };
      applyCover(ctx, taken, me, user);
      if (!ctx.repos.myDay.decideCover(id, taken.version, 'approved', user.id, at)) stale();
      return 'approved';
    })
    .immediate();
}

/** A supervisor of the turn's city (or an admin) approves or declines a taken cover. */
export function decideCover(ctx: AppContext, user: CurrentUser, id: number, decision: 'approve' | 'decline', version: number | undefined): CoverStatus {
  return ctx.db
    .transaction((): CoverStatus => {
      const row = coverAt(ctx, id);
      const turn = turnOf(ctx, row.turn_id);
      if (!(user.role === 'admin' || (user.role === 'supervisor' && user.cityId === turn.city_id))) throw forbidden();
      if (version !== undefined && version !== row.version) stale();
      const status = coverStatus(row, ctx.clock.now());
      if (status !== 'taken' || row.taker_id === null)
        throw new HttpError(409, 'conflict', status === 'expired' ? 'workflow.swapExpired' : 'workflow.alreadyDecided');
      const at = ctx.clock.now().toISOString();
      if (decision === 'approve') applyCover(ctx, row, row.taker_id, user);
      if (!ctx.repos.myDay.decideCover(id, row.version, decision === 'approve' ? 'approved' : 'declined', user.id, at)) stale();
      recordChange(ctx, {
        userId: user.id,
        kind: decision === 'approve' ? 'cover.approve' : 'cover.decline',
        entity: 'cover',
        entityId: id,
        cityId: turn.city_id,
        adviserId: row.requester_id,
        adviserIds: [row.taker_id],
      });
      if (decision === 'decline') {
        notifyAdvisers(ctx, [row.requester_id, row.taker_id], {
          subjectKey: 'myDay.coverDeclinedSubject',
          bodyKey: 'myDay.coverDeclinedBody',
          params: (l) => turnParams(ctx, turn, l),
        });
      }
      return decision === 'approve' ? 'approved' : 'declined';
    })
    .immediate();
}

/** The asker withdraws an offer not yet applied. */
export function cancelCover(ctx: AppContext, user: CurrentUser, id: number, version: number | undefined): void {
  ctx.db
    .transaction(() => {
      const row = coverAt(ctx, id);
      if (user.adviserId !== row.requester_id) throw new HttpError(403, 'forbidden', 'workflow.notYourRequest');
      if (version !== undefined && version !== row.version) stale();
      const status = coverStatus(row, ctx.clock.now());
      if (status !== 'open' && status !== 'taken')
        throw new HttpError(409, 'conflict', status === 'expired' ? 'workflow.swapExpired' : 'workflow.alreadyDecided');
      if (!ctx.repos.myDay.cancelCover(id, row.version, user.id, ctx.clock.now().toISOString())) stale();
      recordChange(ctx, {
        userId: user.id,
        kind: 'cover.cancel',
        entity: 'cover',
        entityId: id,
        adviserId: row.requester_id,
        adviserIds: row.taker_id === null ? [] : [row.taker_id],
      });
    })
    .immediate();
}

export interface CoverItem {
  id: number;
  version: number;
  turnId: number;
  turn: string;
  requester: string;
  taker: string | null;
  message: string;
  status: CoverStatus;
  canTake: boolean;
  canDecide: boolean;
  canCancel: boolean;
}

/** The covers a user sees: their own, the open ones they may take, and for supervisors their city's. */
export function coversFor(ctx: AppContext, user: CurrentUser, lang: Lang): CoverItem[] {
  const now = ctx.clock.now();
  const out: CoverItem[] = [];
  for (const c of ctx.repos.myDay.allCovers()) {
    const turn = ctx.repos.rosters.turnById(c.turn_id);
    if (!turn) continue;
    const status = coverStatus(c, now);
    const mine = user.adviserId !== null && (c.requester_id === user.adviserId || c.taker_id === user.adviserId);
    const supervises = user.role === 'admin' || (user.role === 'supervisor' && user.cityId === turn.city_id);
    const canTake = status === 'open' && user.adviserId !== null && !mine && coverRefusal(ctx, c, user.adviserId) === null;
    if (!mine && !supervises && !canTake) continue;
    out.push({
      id: c.id,
      version: c.version,
      turnId: c.turn_id,
      turn: turnLabel(ctx, turn, lang),
      requester: nameOf(ctx, c.requester_id),
      taker: c.taker_id === null ? null : nameOf(ctx, c.taker_id),
      message: c.message,
      status,
      canTake,
      canDecide: status === 'taken' && supervises,
      canCancel: (status === 'open' || status === 'taken') && user.adviserId === c.requester_id,
    });
  }
  return out;
}

/** For the home page and the badge: covers this adviser may take now, or that this supervisor may approve. */
export function coversWaitingFor(ctx: AppContext, user: CurrentUser, lang: Lang): WaitingItem[] {
  const nowIso = ctx.clock.now().toISOString();
  const items: WaitingItem[] = [];
  const label = (turnId: number) => {
    const row = ctx.repos.rosters.turnById(turnId);
    return row ? turnLabel(ctx, row, lang) : '';
  };
  if (user.adviserId !== null) {
    const me = user.adviserId;
    for (const c of ctx.repos.myDay.openCovers(nowIso)) {
      if (c.requester_id === me || coverRefusal(ctx, c, me) !== null) continue;
      items.push({
        kind: 'cover_take',
        id: c.id,
        href: `/covers#cover-${c.id}`,
        text: translate(lang, 'myDay.waitCoverTake', { who: nameOf(ctx, c.requester_id), turn: label(c.turn_id) }),
      });
    }
  }
  if (user.role === 'admin' || user.role === 'supervisor') {
    for (const c of ctx.repos.myDay.takenCovers(nowIso)) {
      const turn = ctx.repos.rosters.turnById(c.turn_id);
      if (!turn || (user.role === 'supervisor' && turn.city_id !== user.cityId)) continue;
      items.push({
        kind: 'cover_approve',
        id: c.id,
        href: `/covers#cover-${c.id}`,
        text: translate(lang, 'myDay.waitCoverApprove', { who: nameOf(ctx, c.taker_id), turn: label(c.turn_id) }),
      });
    }
  }
  return items;
}
