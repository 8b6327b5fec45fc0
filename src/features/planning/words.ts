import type { Lang } from '../../i18n/index.js';

/**
 * Dates in words for the planning pages, in one place: "7.–13. joulukuuta
 * 2026", "Mon 7.12.2026", "9–12". Built on Intl (Helsinki time zone), so the
 * three languages get their own conventions without a table of our own.
 */
const LOCALES: Record<Lang, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };
const ZONE = 'Europe/Helsinki';

const cache = new Map<string, Intl.DateTimeFormat>();
function format(lang: Lang, key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${lang}:${key}`;
  let f = cache.get(id);
  if (!f) cache.set(id, (f = new Intl.DateTimeFormat(LOCALES[lang], { timeZone: ZONE, ...options })));
  return f;
}

// A local date at noon UTC is the same calendar day in Helsinki all year.
const dateOf = (date: string): Date => new Date(`${date}T12:00:00Z`);

/** "7.–13. joulukuuta 2026" / "7–13 December 2026": a period in words. */
export function periodWords(from: string, to: string, lang: Lang): string {
  return format(lang, 'period', { day: 'numeric', month: 'long', year: 'numeric' }).formatRange(dateOf(from), dateOf(to));
}

/** "maanantai 7. joulukuuta 2026": one day in words. */
export function dayWords(date: string, lang: Lang): string {
  return format(lang, 'day', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(dateOf(date));
}

/** "ma 7.12.2026" / "Mon 07/12/2026": short weekday and date. */
export function shortDay(date: string, lang: Lang): string {
  return format(lang, 'short', { weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric' }).format(dateOf(date));
}

/** "9–12" or "9.30–12": a turn's local times without needless zeros. */
export function hoursWords(startIso: string, endIso: string, lang: Lang): string {
  const f = format(lang, 'time', { hour: 'numeric', minute: '2-digit', hourCycle: 'h23' });
  const short = (iso: string) => {
    const parts = f.formatToParts(new Date(iso));
    const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? '0');
    const minute = parts.find((p) => p.type === 'minute')?.value ?? '00';
    const sep = lang === 'en' ? ':' : '.';
    return minute === '00' ? String(hour) : `${hour}${sep}${minute}`;
  };
  return `${short(startIso)}–${short(endIso)}`;
}

/** "12,5" / "12.5": hours with at most one decimal, in the language's number format. */
export function hoursNumber(hours: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 1, minimumFractionDigits: 0 }).format(hours);
}
