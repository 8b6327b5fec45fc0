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
  return {
    insert: (f: NewFeedback) => Number(insert.run(f).lastInsertRowid),
    unhandled: () => unhandled.all(),
    byId: (id: number) => byId.get(id),
  };
}
