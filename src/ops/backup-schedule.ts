import { Cron } from 'croner';
import type { AppConfig } from '../config.js';
import type { Logger } from '../context.js';
import type { Db } from '../db/connection.js';
import { pruneBackups, takeBackup } from '../db/backup.js';
import { ZONE } from '../time/zone.js';

/**
 * The server's daily backup at BACKUP_AT, Helsinki time (croner follows the
 * zone across daylight-saving changes). Started only by server.ts, never by
 * createApp. `protect` skips a run while the previous one still copies.
 */
export function scheduleBackups(db: Db, config: Pick<AppConfig, 'backupDir' | 'backupKeep' | 'backupAt'>, log: Logger): Cron | undefined {
  const dir = config.backupDir;
  if (!dir) return undefined;
  const [hour, minute] = config.backupAt.split(':').map(Number);
  return new Cron(`${minute ?? 30} ${hour ?? 2} * * *`, { timezone: ZONE, protect: true, unref: true }, async () => {
    try {
      const file = await takeBackup(db, dir, new Date());
      const pruned = pruneBackups(dir, config.backupKeep);
      log.info(`Backup written to ${file}${pruned.length ? `; removed ${pruned.length} older` : ''}`);
    } catch (err) {
      log.error('Daily backup failed', err);
    }
  });
}
