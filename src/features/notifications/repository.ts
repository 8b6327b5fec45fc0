import type { Db } from '../../db/connection.js';

export type MailStatus = 'none' | 'pending' | 'sending' | 'sent' | 'failed';

export interface NotificationRow {
  id: number;
  user_id: number | null;
  adviser_id: number | null;
  email: string | null;
  language: string;
  subject: string;
  body: string;
  mail_status: MailStatus;
  created_at: string;
  read_at: string | null;
}

export interface NewNotification {
  userId: number | null;
  adviserId: number | null;
  email: string | null;
  language: string;
  subject: string;
  body: string;
  mailStatus: MailStatus;
  createdAt: string;
}

/** An adviser with their user account if they have one. */
export interface RecipientRow {
  adviser_id: number;
  email: string;
  user_id: number | null;
  language: string | null;
}

export function createNotificationRepository(db: Db) {
  const recipient = db.prepare<[number], RecipientRow>(
    `SELECT a.id AS adviser_id, a.email, u.id AS user_id, u.language
     FROM advisers a LEFT JOIN users u ON u.adviser_id = a.id AND u.active = 1 WHERE a.id = ?`,
  );
  const insert = db.prepare(
    `INSERT INTO notifications (user_id, adviser_id, email, language, subject, body, mail_status, created_at)
     VALUES (@userId, @adviserId, @email, @language, @subject, @body, @mailStatus, @createdAt)`,
  );
  const byId = db.prepare<[number], NotificationRow>('SELECT * FROM notifications WHERE id = ?');
  // Claiming flips pending → sending in one statement, so two senders never mail the same row.
  const claim = db.prepare<[number], NotificationRow>("UPDATE notifications SET mail_status = 'sending' WHERE id = ? AND mail_status = 'pending' RETURNING *");
  const setStatus = db.prepare('UPDATE notifications SET mail_status = ? WHERE id = ?');
  const pending = db.prepare<[], { id: number }>("SELECT id FROM notifications WHERE mail_status = 'pending' ORDER BY id");
  const forUser = db.prepare<[number, number, number], NotificationRow>(
    'SELECT * FROM notifications WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?',
  );
  const countForUser = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM notifications WHERE user_id = ?');
  const unread = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL');
  const markAllRead = db.prepare('UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL');
  return {
    recipient: (adviserId: number) => recipient.get(adviserId),
    insert: (n: NewNotification) => Number(insert.run(n).lastInsertRowid),
    byId: (id: number) => byId.get(id),
    claim: (id: number) => claim.get(id),
    setStatus: (id: number, status: MailStatus) => setStatus.run(status, id),
    pendingIds: () => pending.all().map((r) => r.id),
    forUser: (userId: number, limit: number, offset: number) => forUser.all(userId, limit, offset),
    countForUser: (userId: number) => countForUser.get(userId)?.n ?? 0,
    unreadCount: (userId: number) => unread.get(userId)?.n ?? 0,
    markAllRead: (userId: number, at: string) => markAllRead.run(at, userId).changes,
  };
}
export type NotificationRepository = ReturnType<typeof createNotificationRepository>;
