import type { Db } from '../../db/connection.js';

export interface WaitingSwapRow {
  id: number;
  kind: 'give' | 'swap';
  turn_id: number;
  other_turn_id: number | null;
  requester_id: number;
  status: 'pending' | 'accepted';
}
export interface WaitingMoveRow {
  id: number;
  turn_id: number;
}

export interface CoverRow {
  id: number;
  turn_id: number;
  requester_id: number;
  taker_id: number | null;
  message: string;
  status: 'open' | 'taken' | 'approved' | 'declined' | 'cancelled';
  expires_at: string;
  requested_by: number | null;
  created_at: string;
  taken_at: string | null;
  decided_by: number | null;
  decided_at: string | null;
  version: number;
}

export interface ReminderCandidateRow {
  turn_id: number;
  adviser_id: number;
  start_at: string;
  end_at: string;
  date: string;
  service_id: number;
  city_id: number | null;
  user_id: number;
  reminder: string;
}

export interface NoticeStateRow {
  turn_id: number;
  adviser_id: number;
  start_at: string;
  end_at: string;
  service_id: number;
  city_id: number | null;
}

/** SQL of the adviser's day: what waits for whom, cover requests, reminders and change notices. */
export function createMyDayRepository(db: Db) {
  // Requests that need this adviser's answer.
  const swapsToAnswer = db.prepare<[number, string], WaitingSwapRow>(
    `SELECT id, kind, turn_id, other_turn_id, requester_id, status FROM swap_requests
     WHERE target_id = ? AND status = 'pending' AND expires_at > ? ORDER BY expires_at, id`,
  );
  // Swaps a colleague accepted, waiting for a city's approval that has not been given.
  const swapsToApprove = db.prepare<[string, number, number], WaitingSwapRow>(
    `SELECT s.id, s.kind, s.turn_id, s.other_turn_id, s.requester_id, s.status FROM swap_requests s
     WHERE s.status = 'accepted' AND s.expires_at > ?
       AND (? = 0 OR EXISTS (SELECT 1 FROM turns t WHERE t.id IN (s.turn_id, s.other_turn_id) AND t.city_id = ?
                             AND NOT EXISTS (SELECT 1 FROM swap_approvals a WHERE a.swap_id = s.id AND a.city_id = t.city_id)))
     ORDER BY s.expires_at, s.id`,
  );
  const movesToAccept = db.prepare<[number, number], WaitingMoveRow>(
    `SELECT id, turn_id FROM city_move_requests WHERE status = 'pending' AND (? = 0 OR to_city_id = ?) ORDER BY requested_at, id`,
  );

  const insertCover = db.prepare(
    `INSERT INTO cover_requests (turn_id, requester_id, message, expires_at, requested_by, created_at)
     VALUES (@turnId, @requesterId, @message, @expiresAt, @requestedBy, @at)`,
  );
  const coverById = db.prepare<[number], CoverRow>('SELECT * FROM cover_requests WHERE id = ?');
  const openCoverOfTurn = db.prepare<[number], CoverRow>("SELECT * FROM cover_requests WHERE turn_id = ? AND status IN ('open', 'taken')");
  const openCovers = db.prepare<[string], CoverRow>("SELECT * FROM cover_requests WHERE status = 'open' AND expires_at > ? ORDER BY expires_at, id");
  const takenCovers = db.prepare<[string], CoverRow>("SELECT * FROM cover_requests WHERE status = 'taken' AND expires_at > ? ORDER BY expires_at, id");
  const coversOf = db.prepare<[number, number], CoverRow>(
    'SELECT * FROM cover_requests WHERE requester_id = ? OR taker_id = ? ORDER BY created_at DESC, id DESC LIMIT 200',
  );
  const allCovers = db.prepare<[], CoverRow>('SELECT * FROM cover_requests ORDER BY created_at DESC, id DESC LIMIT 500');
  // The first taker wins: the UPDATE holds only while the request is still open at the version read.
  const takeCover = db.prepare(
    "UPDATE cover_requests SET status = 'taken', taker_id = ?, taken_at = ?, version = version + 1 WHERE id = ? AND version = ? AND status = 'open'",
  );
  const decideCover = db.prepare(
    "UPDATE cover_requests SET status = ?, decided_by = ?, decided_at = ?, version = version + 1 WHERE id = ? AND version = ? AND status = 'taken'",
  );
  const cancelCover = db.prepare(
    "UPDATE cover_requests SET status = 'cancelled', decided_by = ?, decided_at = ?, version = version + 1 WHERE id = ? AND version = ? AND status IN ('open', 'taken')",
  );

  const approvalOfService = db.prepare<[number], { swaps_need_approval: number }>('SELECT swaps_need_approval FROM services WHERE id = ?');
  const setApproval = db.prepare('UPDATE services SET swaps_need_approval = ?, version = version + 1 WHERE id = ? AND version = ?');

  const reminderOf = db.prepare<[number], { reminder: string }>('SELECT reminder FROM users WHERE id = ?');
  const setReminder = db.prepare('UPDATE users SET reminder = ? WHERE id = ?');
  // Published, staffed turns starting in the window, with each adviser's user and setting; already reminded ones left out.
  const reminderCandidates = db.prepare<[string, string], ReminderCandidateRow>(
    `SELECT t.id AS turn_id, a.adviser_id, t.start_at, t.end_at, t.date, t.service_id, t.city_id, u.id AS user_id, u.reminder
     FROM turns t JOIN assignments a ON a.turn_id = t.id JOIN users u ON u.adviser_id = a.adviser_id AND u.active = 1
     WHERE t.status = 'published' AND t.start_at > ? AND t.start_at <= ? AND u.reminder <> 'off'
       AND NOT EXISTS (SELECT 1 FROM turn_reminders r WHERE r.turn_id = t.id AND r.adviser_id = a.adviser_id AND r.start_at = t.start_at)
     ORDER BY t.start_at, t.id, a.adviser_id`,
  );
  const recordReminder = db.prepare('INSERT OR IGNORE INTO turn_reminders (turn_id, adviser_id, start_at, due_at, sent_at) VALUES (?, ?, ?, ?, ?)');

  // Published turns not yet ended, as each adviser on them sees them now.
  const currentPublished = db.prepare<[string], NoticeStateRow>(
    `SELECT t.id AS turn_id, a.adviser_id, t.start_at, t.end_at, t.service_id, t.city_id
     FROM turns t JOIN assignments a ON a.turn_id = t.id WHERE t.status = 'published' AND t.end_at > ?`,
  );
  const noticeState = db.prepare<[string], NoticeStateRow>('SELECT * FROM turn_notice_state WHERE end_at > ?');
  const upsertNotice = db.prepare(
    `INSERT INTO turn_notice_state (turn_id, adviser_id, start_at, end_at, service_id, city_id) VALUES (@turn_id, @adviser_id, @start_at, @end_at, @service_id, @city_id)
     ON CONFLICT (turn_id, adviser_id) DO UPDATE SET start_at = excluded.start_at, end_at = excluded.end_at, service_id = excluded.service_id, city_id = excluded.city_id`,
  );
  const deleteNotice = db.prepare('DELETE FROM turn_notice_state WHERE turn_id = ? AND adviser_id = ?');
  const pruneNotice = db.prepare('DELETE FROM turn_notice_state WHERE end_at <= ?');
  const noticeCount = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM turn_notice_state');

  return {
    swapsToAnswer: (adviserId: number, now: string) => swapsToAnswer.all(adviserId, now),
    /** cityId null: every city (an admin). */
    swapsToApprove: (now: string, cityId: number | null) => swapsToApprove.all(now, cityId === null ? 0 : 1, cityId ?? 0),
    movesToAccept: (cityId: number | null) => movesToAccept.all(cityId === null ? 0 : 1, cityId ?? 0),

    insertCover: (c: { turnId: number; requesterId: number; message: string; expiresAt: string; requestedBy: number; at: string }) =>
      Number(insertCover.run(c).lastInsertRowid),
    coverById: (id: number) => coverById.get(id),
    openCoverOfTurn: (turnId: number) => openCoverOfTurn.get(turnId),
    openCovers: (now: string) => openCovers.all(now),
    takenCovers: (now: string) => takenCovers.all(now),
    coversOf: (adviserId: number) => coversOf.all(adviserId, adviserId),
    allCovers: () => allCovers.all(),
    /** Optimistic and exclusive: false when someone else took it first or it changed. */
    takeCover: (id: number, version: number, takerId: number, at: string) => takeCover.run(takerId, at, id, version).changes === 1,
    decideCover: (id: number, version: number, status: 'approved' | 'declined', userId: number, at: string) =>
      decideCover.run(status, userId, at, id, version).changes === 1,
    cancelCover: (id: number, version: number, userId: number, at: string) => cancelCover.run(userId, at, id, version).changes === 1,

    needsApproval: (serviceId: number) => (approvalOfService.get(serviceId)?.swaps_need_approval ?? 1) === 1,
    setNeedsApproval: (serviceId: number, needs: boolean, version: number) => setApproval.run(needs ? 1 : 0, serviceId, version).changes === 1,

    reminderOf: (userId: number) => reminderOf.get(userId)?.reminder ?? 'working_day',
    setReminder: (userId: number, value: string) => setReminder.run(value, userId),
    reminderCandidates: (after: string, until: string) => reminderCandidates.all(after, until),
    /** false when this reminder was already recorded (sent before, in this process or an earlier one). */
    recordReminder: (turnId: number, adviserId: number, startAt: string, dueAt: string, sentAt: string) =>
      recordReminder.run(turnId, adviserId, startAt, dueAt, sentAt).changes === 1,

    currentPublished: (now: string) => currentPublished.all(now),
    noticeState: (now: string) => noticeState.all(now),
    upsertNotice: (row: NoticeStateRow) => upsertNotice.run(row),
    deleteNotice: (turnId: number, adviserId: number) => deleteNotice.run(turnId, adviserId),
    pruneNotice: (now: string) => pruneNotice.run(now),
    noticeCount: () => noticeCount.get()?.n ?? 0,
  };
}
export type MyDayRepository = ReturnType<typeof createMyDayRepository>;
