import type { Db } from '../../db/connection.js';

export interface FeedbackRow {
  id: number;
  message: string;
  email: string | null;
  page: string | null;
  language: string;
  user_id: number | null;
  created_at: string;
  handled_at: string | null;
}

export interface NewFeedback {
  message: string;
  email: string | null;
  page: string | null;
  language: string;
  userId: number | null;
  createdAt: string;
}

export function createAccessibilityFeedbackRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO accessibility_feedback (message, email, page, language, user_id, created_at)
     VALUES (@message, @email, @page, @language, @userId, @createdAt)`,
  );
  const unhandled = db.prepare<[], FeedbackRow>('SELECT * FROM accessibility_feedback WHERE handled_at IS NULL ORDER BY created_at');
  const byId = db.prepare<[number], FeedbackRow>('SELECT * FROM accessibility_feedback WHERE id = ?');
  // Unhandled first (oldest first: the 14-day answer deadline runs from arrival), then the latest handled.
  const recent = db.prepare<[number], FeedbackRow>(
    `SELECT * FROM accessibility_feedback
     ORDER BY handled_at IS NOT NULL, CASE WHEN handled_at IS NULL THEN created_at END, created_at DESC LIMIT ?`,
  );
  const countUnhandled = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM accessibility_feedback WHERE handled_at IS NULL');
  const markHandled = db.prepare('UPDATE accessibility_feedback SET handled_at = ? WHERE id = ? AND handled_at IS NULL');
  return {
    insert: (f: NewFeedback) => Number(insert.run(f).lastInsertRowid),
    unhandled: () => unhandled.all(),
    byId: (id: number) => byId.get(id),
    recent: (limit: number) => recent.all(limit),
    countUnhandled: () => countUnhandled.get()?.n ?? 0,
    markHandled: (id: number, at: string) => markHandled.run(at, id).changes,
  };
}
