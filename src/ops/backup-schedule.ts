import { Cron } from 'croner';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, type AppConfig } from '../config.js';
import type { Logger } from '../log.js';
import type { Db } from '../db/connection.js';
import { pruneBackups, takeBackup } from '../db/backup.js';
import { ZONE } from '../time/zone.js';

/**
 * The server's daily backup at BACKUP_AT, Helsinki time (croner follows the
 * zone across daylight-saving changes). Started only by server.ts, never by
 * createApp. `protect` skips a run while the previous one still copies.
 */
export function scheduleBackups(db: Db, config: Pick<AppConfig, 'backupDir' | 'backupKeep' | 'backupAt'>, log: Logger): Cron | undefined {
  if (!config.backupDir) return undefined;
  const dir = resolve(config.backupDir);
  // A directory the server cannot write is found at start, not at 02:30 on the first night.
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (err) {
    throw new ConfigError(`BACKUP_DIR ${dir} cannot be written: ${err instanceof Error ? err.message : String(err)}`);
  }
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
