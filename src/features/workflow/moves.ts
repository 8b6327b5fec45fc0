import type { AppContext } from '../../context.js';
import { forbidden, HttpError, notFound } from '../../http/errors.js';
import type { CurrentUser } from '../../http/types.js';
import { recordChange } from '../audit/rules.js';
import { mayStaff } from '../rosters/turns.js';
import { notifyTurnChange } from './staffing.js';
import { checkTurnVersion, staleTurn } from './stale.js';

export interface MoveInput {
  cityId: number;
  version: number | undefined;
  reason: string;
}

/**
 * Asks another city to take a turn over. The holding city's supervisor (or an
 * admin) asks from the version they read; nothing changes until the other
 * city's supervisor accepts.
 */
export function requestCityMove(ctx: AppContext, turnId: number, input: MoveInput, user: CurrentUser): number {
  return ctx.db
    .transaction((): number => {
      const row = ctx.repos.rosters.turnById(turnId);
      if (!row) throw notFound();
      if (!mayStaff(user, row)) throw new HttpError(403, 'forbidden', 'errors.otherCity');
      checkTurnVersion(ctx, turnId, row.version, input.version);
      const target = ctx.repos.rosters.cities().find((c) => c.id === input.cityId && c.active === 1);
      if (!target || target.id === row.city_id) {
        throw new HttpError(400, 'validation_failed', 'errors.validation_failed', [
          { field: 'cityId', code: 'invalid', message: 'choose another active city' },
        ]);
      }
      if (ctx.repos.workflow.pendingMoveOfTurn(turnId)) throw new HttpError(409, 'conflict', 'workflow.movePending');
      const at = ctx.clock.now().toISOString();
      const id = ctx.repos.workflow.insertMove({
        turnId,
        fromCityId: row.city_id,
        toCityId: target.id,
        turnVersion: row.version,
        reason: input.reason,
        userId: user.id,
        at,
      });
      recordChange(ctx, {
        userId: user.id,
        kind: 'turn.city_move_request',
        entity: 'turn',
        entityId: turnId,
        cityId: row.city_id,
        after: { requestId: id, fromCityId: row.city_id, toCityId: target.id, reason: input.reason },
      });
      return id;
    })
    .immediate();
}

export type MoveDecision = 'accept' | 'decline';

/** Who may answer a move: the receiving city accepts or declines; the asking city may withdraw (decline). */
export function mayDecideMove(user: CurrentUser, move: { from_city_id: number | null; to_city_id: number }, decision: MoveDecision): boolean {
  if (user.role === 'admin') return true;
  if (user.role !== 'supervisor') return false;
  return user.cityId === move.to_city_id || (decision === 'decline' && user.cityId === move.from_city_id);
}

/**
 * Accepting moves the turn to the receiving city (pinned there, so
 * regeneration keeps it) and clears its advisers that the new city did not
 * set by hand, for the new city to staff. The turn must still be at the
 * version the request was made from.
 */
export function decideCityMove(ctx: AppContext, moveId: number, decision: MoveDecision, version: number | undefined, user: CurrentUser): void {
  ctx.db
    .transaction(() => {
      const move = ctx.repos.workflow.moveById(moveId);
      if (!move) throw notFound();
      if (!mayDecideMove(user, move, decision)) throw forbidden();
      if (move.status !== 'pending') throw new HttpError(409, 'conflict', 'workflow.alreadyDecided');
      if (version !== undefined && version !== move.version) throw new HttpError(409, 'stale_version');
      const at = ctx.clock.now().toISOString();
      if (decision === 'decline') {
        if (!ctx.repos.workflow.decideMove(moveId, move.version, 'declined', user.id, at)) throw new HttpError(409, 'stale_version');
        recordChange(ctx, {
          userId: user.id,
          kind: 'turn.city_move_decline',
          entity: 'turn',
          entityId: move.turn_id,
          cityId: move.to_city_id,
          after: { requestId: moveId },
        });
        return;
      }
      const row = ctx.repos.rosters.turnById(move.turn_id);
      if (!row) throw notFound();
      if (row.version !== move.turn_version) throw staleTurn(ctx, row.id);
      const cityOf = new Map(ctx.repos.rosters.advisers().map((a) => [a.id, a.city_id]));
      const before = ctx.repos.rosters.assignmentsOf(row.id);
      const kept = before.filter((a) => a.pinned === 1 && cityOf.get(a.adviser_id) === move.to_city_id).map((a) => a.adviser_id);
      const removed = before.map((a) => a.adviser_id).filter((id) => !kept.includes(id));
      if (!ctx.repos.workflow.moveTurnToCity(row.id, move.to_city_id, row.version, at, user.id)) throw staleTurn(ctx, row.id);
      for (const id of removed) ctx.repos.workflow.removeAssignment(row.id, id);
      if (!ctx.repos.workflow.decideMove(moveId, move.version, 'accepted', user.id, at)) throw new HttpError(409, 'stale_version');
      recordChange(ctx, {
        userId: user.id,
        kind: 'turn.city_move',
        entity: 'turn',
        entityId: row.id,
        cityId: move.to_city_id,
        adviserIds: removed,
        before: { cityId: row.city_id, adviserIds: before.map((a) => a.adviser_id), version: row.version },
        after: { cityId: move.to_city_id, adviserIds: kept, version: row.version + 1, requestId: moveId },
      });
      if (row.status === 'published') {
        ctx.repos.workflow.setSnapshot(row.id, kept);
        notifyTurnChange(ctx, row, [], removed);
      }
    })
    .immediate();
}
