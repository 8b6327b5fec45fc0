import type { Db } from '../../db/connection.js';

/** The reads behind the gauges, prepared once. */
export function createMetricsRepository(db: Db) {
  const pageCount = db.prepare('PRAGMA page_count').pluck();
  const pageSize = db.prepare('PRAGMA page_size').pluck();
  const mailPending = db.prepare("SELECT count(*) FROM notifications WHERE mail_status IN ('pending', 'sending')").pluck();
  const outboxPending = db.prepare("SELECT count(*) FROM outbox WHERE status = 'pending'").pluck();
  const outboxFailed = db.prepare("SELECT count(*) FROM outbox WHERE status = 'failed'").pluck();
  return {
    databaseBytes: (): number => Number(pageCount.get()) * Number(pageSize.get()),
    mailPending: (): number => Number(mailPending.get()),
    /** Emails and webhook deliveries still to be sent (failed ones wait for an admin and are not counted). */
    outboxLength: (): number => Number(outboxPending.get()),
    outboxFailed: (): number => Number(outboxFailed.get()),
  };
}
