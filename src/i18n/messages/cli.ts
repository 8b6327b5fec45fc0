import { defineMessages } from '../define.js';

export const cli = defineMessages({
  en: {
    usage: `Usage: npm run cli -- <command> [options]   (the database is DATABASE_PATH, default ./data/vuoro.db)

Commands:
  migrate                                  apply pending migrations
  create-user --user NAME --role admin|supervisor|adviser [--city CODE] [--adviser ID]
              [--password P] [--name "Display name"] [--language fi|sv|en]
                                           create a user; without --password one is generated and printed
  create-token --user NAME [--label L]     print a new API token for the user (the token alone on stdout)
  backup [<file> | --to DIR]               write a verified online backup: to a new file, or named by time
                                           into DIR (default BACKUP_DIR), keeping the newest BACKUP_KEEP
  restore <file>                           replace the database with a verified backup (the server must be stopped)
  import-advisers <file.csv>               import advisers, all or nothing; header:
                                           name;email;city;skills;languages;maxHoursPerWeek
                                           (skills and languages separated by | or spaces)`,
    unknownCommand: 'Unknown command: {command}',
    unexpectedArgs: 'Unexpected arguments.',
    needsUserAndRole: 'create-user needs --user and --role.',
    needsUser: 'create-token needs --user.',
    needsFile: 'Give exactly one file name.',
    unknownCity: 'unknown city code "{code}"',
    noSuchUser: 'No active user named "{user}".',
    userCreated: 'Created user {user} ({role}).',
    generatedPassword: 'Password (shown only now): {password}',
    fileExists: 'Refusing to overwrite {file}.',
    cannotRead: 'Cannot read {file}.',
    importLine: 'line {line}: {message}',
    importEmpty: 'The file is empty.',
    importHeader: 'The header lacks the columns {missing}; expected {expected}.',
    importFieldCount: '{found} fields, the header has {expected}',
    importFailed: 'Nothing was imported: {count} errors.',
    imported: 'Imported {count} advisers.',
    migrated: 'Applied migrations: {names}',
    upToDate: 'The database is up to date.',
  },
  fi: {
    usage: `Käyttö: npm run cli -- <komento> [valinnat]   (tietokanta on DATABASE_PATH, oletus ./data/vuoro.db)

Komennot:
  migrate                                  aja puuttuvat migraatiot
  create-user --user NIMI --role admin|supervisor|adviser [--city KOODI] [--adviser ID]
              [--password S] [--name "Näyttönimi"] [--language fi|sv|en]
                                           luo käyttäjä; ilman --password salasana luodaan ja tulostetaan
  create-token --user NIMI [--label L]     tulosta käyttäjälle uusi API-avain (vain avain stdoutiin)
  backup [<tiedosto> | --to HAKEMISTO]     kirjoita tarkistettu varmuuskopio: uuteen tiedostoon tai ajan mukaan
                                           nimettynä hakemistoon (oletus BACKUP_DIR), uusimmat BACKUP_KEEP säilyvät
  restore <tiedosto>                       korvaa tietokanta tarkistetulla varmuuskopiolla (palvelin pysäytettävä ensin)
  import-advisers <tiedosto.csv>           tuo neuvojat, kaikki tai ei mitään; otsikkorivi:
                                           name;email;city;skills;languages;maxHoursPerWeek
                                           (osaamiset ja kielet eroteltuina | tai välilyönnein)`,
    unknownCommand: 'Tuntematon komento: {command}',
    unexpectedArgs: 'Odottamattomia argumentteja.',
    needsUserAndRole: 'create-user tarvitsee valinnat --user ja --role.',
    needsUser: 'create-token tarvitsee valinnan --user.',
    needsFile: 'Anna täsmälleen yksi tiedostonimi.',
    unknownCity: 'tuntematon kaupunkikoodi "{code}"',
    noSuchUser: 'Käytössä olevaa käyttäjää "{user}" ei ole.',
    userCreated: 'Käyttäjä {user} ({role}) luotiin.',
    generatedPassword: 'Salasana (näytetään vain nyt): {password}',
    fileExists: 'Tiedostoa {file} ei korvata.',
    cannotRead: 'Tiedostoa {file} ei voi lukea.',
    importLine: 'rivi {line}: {message}',
    importEmpty: 'Tiedosto on tyhjä.',
    importHeader: 'Otsikkoriviltä puuttuvat sarakkeet {missing}; odotettiin {expected}.',
    importFieldCount: '{found} kenttää, otsikkorivillä {expected}',
    importFailed: 'Mitään ei tuotu: {count} virhettä.',
    imported: 'Tuotiin {count} neuvojaa.',
    migrated: 'Ajetut migraatiot: {names}',
    upToDate: 'Tietokanta on ajan tasalla.',
  },
  sv: {
    usage: `Användning: npm run cli -- <kommando> [flaggor]   (databasen är DATABASE_PATH, standard ./data/vuoro.db)

Kommandon:
  migrate                                  kör återstående migreringar
  create-user --user NAMN --role admin|supervisor|adviser [--city KOD] [--adviser ID]
              [--password L] [--name "Visningsnamn"] [--language fi|sv|en]
                                           skapa en användare; utan --password genereras och skrivs ett lösenord
  create-token --user NAMN [--label L]     skriv en ny API-nyckel för användaren (bara nyckeln på stdout)
  backup [<fil> | --to KATALOG]            skriv en kontrollerad säkerhetskopia: till en ny fil eller namngiven efter
                                           tid i KATALOG (standard BACKUP_DIR), de nyaste BACKUP_KEEP sparas
  restore <fil>                            ersätt databasen med en kontrollerad säkerhetskopia (servern måste vara stoppad)
  import-advisers <fil.csv>                importera rådgivare, allt eller inget; rubrikrad:
                                           name;email;city;skills;languages;maxHoursPerWeek
                                           (kompetenser och språk åtskilda med | eller mellanslag)`,
    unknownCommand: 'Okänt kommando: {command}',
    unexpectedArgs: 'Oväntade argument.',
    needsUserAndRole: 'create-user behöver --user och --role.',
    needsUser: 'create-token behöver --user.',
    needsFile: 'Ange exakt ett filnamn.',
    unknownCity: 'okänd stadskod "{code}"',
    noSuchUser: 'Ingen aktiv användare heter "{user}".',
    userCreated: 'Användaren {user} ({role}) skapades.',
    generatedPassword: 'Lösenord (visas bara nu): {password}',
    fileExists: 'Skriver inte över {file}.',
    cannotRead: 'Kan inte läsa {file}.',
    importLine: 'rad {line}: {message}',
    importEmpty: 'Filen är tom.',
    importHeader: 'Rubrikraden saknar kolumnerna {missing}; förväntade {expected}.',
    importFieldCount: '{found} fält, rubrikraden har {expected}',
    importFailed: 'Inget importerades: {count} fel.',
    imported: 'Importerade {count} rådgivare.',
    migrated: 'Körda migreringar: {names}',
    upToDate: 'Databasen är uppdaterad.',
  },
});
