import { dirname, join } from 'node:path';
import type { Db } from '../db/connection.js';
import { takeBackup } from '../db/backup.js';
import { applyMigrations, hasData, loadMigrations, pendingMigrations, type Migration } from '../db/migrate.js';
import type { Logger } from '../log.js';

export interface UpgradeOptions {
  databasePath: string;
  backupDir: string | undefined;
  migrations?: readonly Migration[];
  now?: Date;
}

/** Where a copy taken before migrating goes: BACKUP_DIR, else "backups" beside the database. */
export function preMigrationDir(o: Pick<UpgradeOptions, 'databasePath' | 'backupDir'>): string {
  return o.backupDir ?? join(dirname(o.databasePath), 'backups');
}

/**
 * The start-up path of the server and the CLI: judge the migration files
 * against the database's history (throws MigrationError naming the file),
 * and before changing a database that holds data, take a verified online
 * backup, so an upgrade that goes wrong can be undone with `restore`.
 */
export async function upgradeDatabase(db: Db, o: UpgradeOptions, log: Logger): Promise<{ applied: string[]; backup: string | undefined }> {
  const now = o.now ?? new Date();
  const pending = pendingMigrations(db, o.migrations ?? loadMigrations(), now);
  if (pending.length === 0) return { applied: [], backup: undefined };
  let backup: string | undefined;
  if (o.databasePath !== ':memory:' && hasData(db)) {
    backup = await takeBackup(db, preMigrationDir(o), now, 'pre-migrate');
    log.info(`Backed up the database to ${backup} before applying ${pending.map((m) => m.name).join(', ')}`);
  }
  return { applied: applyMigrations(db, pending, now), backup };
}
