import type { Db } from '../../db/connection.js';

/** The reads behind the gauges, prepared once (the outbox's once it exists). */
export function createMetricsRepository(db: Db) {
  const pageCount = db.prepare('PRAGMA page_count').pluck();
  const pageSize = db.prepare('PRAGMA page_size').pluck();
  const mailPending = db.prepare("SELECT count(*) FROM notifications WHERE mail_status IN ('pending', 'sending')").pluck();
  const hasOutbox = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'outbox'").pluck();
  let outboxCount: { get(): unknown } | undefined;
  return {
    databaseBytes: (): number => Number(pageCount.get()) * Number(pageSize.get()),
    mailPending: (): number => Number(mailPending.get()),
    /**
     * The outbox arrives with another change; until then 0. Rows count as
     * waiting unless a delivered/sent/done time says otherwise.
     */
    outboxLength: (): number => {
      if (!outboxCount) {
        if (hasOutbox.get() === undefined) return 0;
        const columns = new Set(db.prepare("SELECT name FROM pragma_table_info('outbox')").pluck().all() as string[]);
        const done = ['delivered_at', 'sent_at', 'done_at'].find((c) => columns.has(c));
        // The column name comes from the fixed list above, never from input.
        outboxCount = db.prepare(done ? `SELECT count(*) FROM outbox WHERE ${done} IS NULL` : 'SELECT count(*) FROM outbox').pluck();
      }
      return Number(outboxCount.get());
    },
  };
}
