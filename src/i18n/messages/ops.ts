import { defineMessages } from '../define.js';

/** The operations commands of the CLI: backup and restore. */
export const ops = defineMessages({
  en: {
    needsTarget: 'Give a file name or --to DIR, or set BACKUP_DIR.',
    backupVerified: 'Backup verified (integrity_check ok).',
    pruned: 'Removed {count} older backups (BACKUP_KEEP={keep}).',
    backupFailed: 'The backup failed: {message}',
    restoreRefused: 'Nothing was restored: {message}',
    restoreInUse: 'Nothing was restored: {message} Stop the server (and Litestream) first.',
    restored: 'Restored {file} into {target} (integrity_check ok).',
    previousKept: 'The database it replaced is kept as {file}.',
  },
  fi: {
    needsTarget: 'Anna tiedostonimi tai --to HAKEMISTO, tai aseta BACKUP_DIR.',
    backupVerified: 'Varmuuskopio tarkistettu (integrity_check ok).',
    pruned: 'Poistettiin {count} vanhempaa varmuuskopiota (BACKUP_KEEP={keep}).',
    backupFailed: 'Varmuuskopiointi epäonnistui: {message}',
    restoreRefused: 'Mitään ei palautettu: {message}',
    restoreInUse: 'Mitään ei palautettu: {message} Pysäytä ensin palvelin (ja Litestream).',
    restored: 'Palautettiin {file} tietokannaksi {target} (integrity_check ok).',
    previousKept: 'Korvattu tietokanta säilytetään tiedostona {file}.',
  },
  sv: {
    needsTarget: 'Ange ett filnamn eller --to KATALOG, eller sätt BACKUP_DIR.',
    backupVerified: 'Säkerhetskopian kontrollerad (integrity_check ok).',
    pruned: 'Tog bort {count} äldre säkerhetskopior (BACKUP_KEEP={keep}).',
    backupFailed: 'Säkerhetskopieringen misslyckades: {message}',
    restoreRefused: 'Ingenting återställdes: {message}',
    restoreInUse: 'Ingenting återställdes: {message} Stoppa servern (och Litestream) först.',
    restored: 'Återställde {file} till {target} (integrity_check ok).',
    previousKept: 'Databasen som ersattes sparas som {file}.',
  },
});
