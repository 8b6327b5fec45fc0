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
  // English readers get the month's name: 07/12 reads as July in half the world.
  const month = lang === 'en' ? 'short' : 'numeric';
  return format(lang, 'short', { weekday: 'short', day: 'numeric', month, year: 'numeric' }).format(dateOf(date));
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

/** Finnish genitive of a city name ("Helsingin", "Espoon"); other languages take the name as it is. */
export function cityGenitiveFi(name: string): string {
  const known: Record<string, string> = { Helsinki: 'Helsingin', Espoo: 'Espoon', Vantaa: 'Vantaan', Kauniainen: 'Kauniaisen', Turku: 'Turun' };
  if (known[name]) return known[name];
  return /[aeiouyäö]$/i.test(name) ? `${name}n` : `${name}in`;
}

interface TurnLike {
  service_id: number;
  city_id: number | null;
  start_at: string;
  end_at: string;
  date: string;
}
interface NamedRow {
  id: number;
  name_fi: string;
  name_sv: string;
  name_en: string;
}
interface Names {
  services: () => NamedRow[];
  cities: () => NamedRow[];
}

const nameOf = (row: NamedRow | undefined, lang: Lang): string => (row ? row[`name_${lang}`] : '?');

/** "Phone advisory Mon 7.12.2026 9–12, Espoo": one turn in words, the city left out when withCity is false. */
export function turnWords(ctx: { repos: { rosters: Names } }, turn: TurnLike, lang: Lang, withCity = true): string {
  const service = nameOf(
    ctx.repos.rosters.services().find((s) => s.id === turn.service_id),
    lang,
  );
  const city =
    turn.city_id === null
      ? null
      : nameOf(
          ctx.repos.rosters.cities().find((c) => c.id === turn.city_id),
          lang,
        );
  const text = `${service} ${shortDay(turn.date, lang)} ${hoursWords(turn.start_at, turn.end_at, lang)}`;
  return withCity && city ? `${text}, ${city}` : text;
}
