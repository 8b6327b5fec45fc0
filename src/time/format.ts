import { DateTime } from 'luxon';
import type { Lang } from '../i18n/index.js';
import { ZONE } from './zone.js';

const LOCALES: Record<Lang, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/** Date and time formatting per UI language, always in Helsinki time. */
export function formatters(lang: Lang) {
  return BY_LANG[lang];
}

function build(lang: Lang) {
  const locale = LOCALES[lang];
  const fromIso = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).setLocale(locale);
  return {
    /** 24.3.2027 / 2027-03-24 in sv-FI / 24/03/2027 */
    date: (iso: string) => fromIso(iso).toLocaleString(DateTime.DATE_SHORT),
    /** ma 24.3. */
    dayShort: (iso: string) => fromIso(iso).toFormat('ccc d.L.'),
    /** maanantai 24. maaliskuuta 2027 */
    dateLong: (iso: string) => fromIso(iso).toLocaleString(DateTime.DATE_HUGE),
    time: (iso: string) => fromIso(iso).toFormat('HH:mm'),
    dateTime: (iso: string) => fromIso(iso).toLocaleString(DateTime.DATETIME_SHORT),
    weekday: (iso: string) => fromIso(iso).toFormat('cccc'),
    monthYear: (iso: string) => fromIso(iso).toFormat('LLLL yyyy'),
    weekNumber: (iso: string) => fromIso(iso).weekNumber,
  };
}
export type Formatters = ReturnType<typeof build>;

// Stateless per language: built once, not per request.
const BY_LANG = { fi: build('fi'), sv: build('sv'), en: build('en') };
