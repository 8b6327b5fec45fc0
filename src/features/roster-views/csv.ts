import type { Translate } from '../../i18n/index.js';
import type { Lang } from '../../i18n/index.js';
import { dayFrame } from './calendar.js';
import type { RosterTurn } from './model.js';

// A BOM and semicolons: what Excel with Finnish and Swedish regional settings
// opens correctly by double-click (a comma is their decimal separator).
const BOM = '\uFEFF';
const SEPARATOR = ';';
const EOL = '\r\n';

/**
 * One CSV cell. A cell a spreadsheet would read as a formula (= + - @, or a
 * leading tab or carriage return) gets a leading apostrophe (OWASP CSV
 * injection); then a cell with the separator, a quote or a line break is quoted.
 */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  if (/[;"\r\n]/.test(text)) text = `"${text.replace(/"/g, '""')}"`;
  return text;
}

export function csvRow(cells: readonly (string | number)[]): string {
  return cells.map(csvCell).join(SEPARATOR) + EOL;
}

/** The roster as a CSV document with a header row in the user's language. */
export function rosterCsv(turns: readonly RosterTurn[], lang: Lang, t: Translate): string {
  const header = [
    t('roster.csvDate'),
    t('roster.csvWeekday'),
    t('roster.csvService'),
    t('roster.csvStart'),
    t('roster.csvEnd'),
    t('roster.csvCity'),
    t('roster.csvAdvisers'),
    t('roster.csvStatus'),
    t('roster.csvOpenSeats'),
  ];
  const draft = t('roster.draft');
  const published = t('roster.published');
  let out = BOM + csvRow(header);
  for (const turn of turns) {
    out += csvRow([
      turn.date,
      dayFrame(lang, turn.date).weekdayName,
      turn.serviceName,
      turn.start,
      turn.end,
      turn.city?.name ?? '',
      turn.advisers.map((a) => a.name).join(', '),
      turn.status === 'draft' ? draft : published,
      turn.open,
    ]);
  }
  return out;
}
