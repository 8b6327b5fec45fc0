import type { Db } from '../../db/connection.js';

/** Who last changed a turn and when: what a stale-version answer names. */
export interface TurnStampRow {
  version: number;
  updated_at: string;
  updated_by_name: string | null;
}

export interface SnapshotRow {
  turn_id: number;
  adviser_id: number;
}

export interface CityMoveRow {
  id: number;
  turn_id: number;
  from_city_id: number | null;
  to_city_id: number;
  turn_version: number;
  reason: string;
  status: 'pending' | 'accepted' | 'declined';
  requested_by: number | null;
  requested_at: string;
  decided_by: number | null;
  decided_at: string | null;
  version: number;
}

export interface SwapRow {
  id: number;
  kind: 'give' | 'swap';
  turn_id: number;
  requester_id: number;
  target_id: number;
  other_turn_id: number | null;
  message: string;
  status: 'pending' | 'accepted' | 'refused' | 'approved' | 'declined' | 'cancelled';
  expires_at: string;
  requested_by: number | null;
  created_at: string;
  responded_at: string | null;
  decided_by: number | null;
  decided_at: string | null;
  version: number;
}

export interface NewSwap {
  kind: 'give' | 'swap';
  turnId: number;
  requesterId: number;
  targetId: number;
  otherTurnId: number | null;
  message: string;
  expiresAt: string;
  requestedBy: number;
  at: string;
}

/** The SQL of the planning workflow: snapshots of what was published, city moves, swaps. */
export function createWorkflowRepository(db: Db) {
  const stamp = db.prepare<[number], TurnStampRow>(
    `SELECT t.version, t.updated_at, u.display_name AS updated_by_name FROM turns t LEFT JOIN users u ON u.id = t.updated_by WHERE t.id = ?`,
  );
  const bump = db.prepare('UPDATE turns SET version = version + 1, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?');
  const moveCity = db.prepare(
    'UPDATE turns SET city_id = ?, city_pinned = 1, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?',
  );
  const removeAssignment = db.prepare('DELETE FROM assignments WHERE turn_id = ? AND adviser_id = ?');
  const snapshotBetween = db.prepare<[string, string], SnapshotRow>(
    `SELECT p.turn_id, p.adviser_id FROM published_assignments p JOIN turns t ON t.id = p.turn_id
     WHERE t.date BETWEEN ? AND ? ORDER BY p.turn_id, p.adviser_id`,
  );
  const clearSnapshot = db.prepare('DELETE FROM published_assignments WHERE turn_id = ?');
  const insertSnapshot = db.prepare('INSERT OR IGNORE INTO published_assignments (turn_id, adviser_id) VALUES (?, ?)');
  const snapshotFromAssignments = db.prepare(
    `INSERT OR IGNORE INTO published_assignments (turn_id, adviser_id)
     SELECT a.turn_id, a.adviser_id FROM assignments a WHERE a.turn_id = ?`,
  );
  const lastPublication = db.prepare<[], { id: number }>('SELECT id FROM publications ORDER BY id DESC LIMIT 1');

  const insertMove = db.prepare(
    `INSERT INTO city_move_requests (turn_id, from_city_id, to_city_id, turn_version, reason, requested_by, requested_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const moveById = db.prepare<[number], CityMoveRow>('SELECT * FROM city_move_requests WHERE id = ?');
  const pendingMoveOfTurn = db.prepare<[number], CityMoveRow>("SELECT * FROM city_move_requests WHERE turn_id = ? AND status = 'pending'");
  const decideMove = db.prepare(
    "UPDATE city_move_requests SET status = ?, decided_by = ?, decided_at = ?, version = version + 1 WHERE id = ? AND version = ? AND status = 'pending'",
  );
  const moves = db.prepare<[], CityMoveRow>('SELECT * FROM city_move_requests ORDER BY requested_at DESC, id DESC LIMIT 500');

  const insertSwap = db.prepare(
    `INSERT INTO swap_requests (kind, turn_id, requester_id, target_id, other_turn_id, message, expires_at, requested_by, created_at)
     VALUES (@kind, @turnId, @requesterId, @targetId, @otherTurnId, @message, @expiresAt, @requestedBy, @at)`,
  );
  const swapById = db.prepare<[number], SwapRow>('SELECT * FROM swap_requests WHERE id = ?');
  const respondSwap = db.prepare(
    "UPDATE swap_requests SET status = ?, responded_at = ?, version = version + 1 WHERE id = ? AND version = ? AND status = 'pending'",
  );
  const decideSwap = db.prepare(
    "UPDATE swap_requests SET status = ?, decided_by = ?, decided_at = ?, version = version + 1 WHERE id = ? AND version = ? AND status = 'accepted'",
  );
  // The asker withdraws a request nobody has applied yet; decided_by records who.
  const cancelSwap = db.prepare(
    "UPDATE swap_requests SET status = 'cancelled', decided_by = ?, decided_at = ?, version = version + 1 WHERE id = ? AND version = ? AND status IN ('pending', 'accepted')",
  );
  const touchSwap = db.prepare("UPDATE swap_requests SET version = version + 1 WHERE id = ? AND version = ? AND status = 'accepted'");
  const openSwapsOfTurn = db.prepare<[number, number], { n: number }>(
    "SELECT count(*) AS n FROM swap_requests WHERE (turn_id = ? OR other_turn_id = ?) AND status IN ('pending', 'accepted')",
  );
  const swaps = db.prepare<[], SwapRow>('SELECT * FROM swap_requests ORDER BY created_at DESC, id DESC LIMIT 500');
  const insertApproval = db.prepare('INSERT OR IGNORE INTO swap_approvals (swap_id, city_id, user_id, approved_at) VALUES (?, ?, ?, ?)');
  const approvals = db.prepare<[number], { city_id: number }>('SELECT city_id FROM swap_approvals WHERE swap_id = ? ORDER BY city_id');

  return {
    turnStamp: (turnId: number) => stamp.get(turnId),
    /** Optimistic: false when the version read is no longer the stored one. */
    bumpTurn: (turnId: number, version: number, at: string, userId: number | null) => bump.run(at, userId, turnId, version).changes === 1,
    moveTurnToCity: (turnId: number, cityId: number, version: number, at: string, userId: number | null) =>
      moveCity.run(cityId, at, userId, turnId, version).changes === 1,
    removeAssignment: (turnId: number, adviserId: number) => removeAssignment.run(turnId, adviserId).changes === 1,
    snapshotBetween: (from: string, to: string) => snapshotBetween.all(from, to),
    /** Replaces a published turn's snapshot with the given advisers. */
    setSnapshot: (turnId: number, adviserIds: readonly number[]) => {
      clearSnapshot.run(turnId);
      for (const id of adviserIds) insertSnapshot.run(turnId, id);
    },
    /** Makes a turn's snapshot its current assignments (at publication). */
    snapshotCurrent: (turnId: number) => {
      clearSnapshot.run(turnId);
      snapshotFromAssignments.run(turnId);
    },
    lastPublicationId: () => lastPublication.get()?.id ?? null,

    insertMove: (m: { turnId: number; fromCityId: number | null; toCityId: number; turnVersion: number; reason: string; userId: number; at: string }) =>
      Number(insertMove.run(m.turnId, m.fromCityId, m.toCityId, m.turnVersion, m.reason, m.userId, m.at).lastInsertRowid),
    moveById: (id: number) => moveById.get(id),
    pendingMoveOfTurn: (turnId: number) => pendingMoveOfTurn.get(turnId),
    decideMove: (id: number, version: number, status: 'accepted' | 'declined', userId: number, at: string) =>
      decideMove.run(status, userId, at, id, version).changes === 1,
    moves: () => moves.all(),

    insertSwap: (s: NewSwap) => Number(insertSwap.run(s).lastInsertRowid),
    swapById: (id: number) => swapById.get(id),
    respondSwap: (id: number, version: number, status: 'accepted' | 'refused' | 'cancelled', at: string) =>
      respondSwap.run(status, at, id, version).changes === 1,
    decideSwap: (id: number, version: number, status: 'approved' | 'declined', userId: number, at: string) =>
      decideSwap.run(status, userId, at, id, version).changes === 1,
    cancelSwap: (id: number, version: number, userId: number, at: string) => cancelSwap.run(userId, at, id, version).changes === 1,
    /** A partial approval still changes the request: the next approver must have read it. */
    touchSwap: (id: number, version: number) => touchSwap.run(id, version).changes === 1,
    openSwapsOfTurn: (turnId: number) => openSwapsOfTurn.get(turnId, turnId)?.n ?? 0,
    swaps: () => swaps.all(),
    approve: (swapId: number, cityId: number, userId: number, at: string) => insertApproval.run(swapId, cityId, userId, at),
    approvedCities: (swapId: number) => approvals.all(swapId).map((r) => r.city_id),
  };
}
export type WorkflowRepository = ReturnType<typeof createWorkflowRepository>;
