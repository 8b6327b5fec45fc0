import { DateTime } from 'luxon';
import type { Lang } from './define.js';

/**
 * Dates, times, numbers and names for people, by Intl, in one place. The API
 * keeps ISO dates and codes; everything a person reads goes through here.
 *
 *   formatDateTime('fi', …) → "ma 7.12.2026 klo 9.00"
 *   formatDateTime('sv', …) → "mån 7.12.2026 kl. 9.00"
 *   formatDateTime('en', …) → "Mon 7 Dec 2026, 09:00"
 */
const ZONE = 'Europe/Helsinki';
export const LOCALES: Record<Lang, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

// Built once: Intl formatters are expensive to construct and cheap to use.
const weekdayFmt = byLang((l) => new Intl.DateTimeFormat(l, { weekday: 'short', timeZone: ZONE }));
const weekdayLongFmt = byLang((l) => new Intl.DateTimeFormat(l, { weekday: 'long', timeZone: ZONE }));
const numericDateFmt = byLang((l) => new Intl.DateTimeFormat(l, { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: ZONE }));
const enDateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: ZONE });
const longDateFmt = byLang((l) => new Intl.DateTimeFormat(l, { day: 'numeric', month: 'long', year: 'numeric', timeZone: ZONE }));
const monthYearFmt = byLang((l) => new Intl.DateTimeFormat(l, { month: 'long', year: 'numeric', timeZone: ZONE }));
const languageNames = byLang((l) => new Intl.DisplayNames([l], { type: 'language' }));
const numberFmt = new Map<string, Intl.NumberFormat>();

function byLang<T>(make: (locale: string) => T): Record<Lang, T> {
  return { fi: make(LOCALES.fi), sv: make(LOCALES.sv), en: make(LOCALES.en) };
}

/** A calendar date (YYYY-MM-DD, Helsinki) or an instant, as the instant to format. */
function instant(value: string | Date): Date {
  if (value instanceof Date) return value;
  // A bare date is that day's noon in Helsinki: never the day before in any zone.
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return DateTime.fromISO(`${value}T12:00`, { zone: ZONE }).toJSDate();
  return new Date(value);
}

// The same dates and instants recur on every request of a page: their texts
// are remembered (bounded, cleared when full), which keeps luxon and Intl out
// of the hot path of the load-tested pages.
const memo = new Map<string, string>();
function remembered(kind: string, lang: Lang, value: string | Date, make: () => string): string {
  if (value instanceof Date) return make();
  const key = `${kind}|${lang}|${value}`;
  let text = memo.get(key);
  if (text === undefined) {
    if (memo.size >= 50_000) memo.clear();
    text = make();
    memo.set(key, text);
  }
  return text;
}

/** "ma 7.12.2026", "mån 7.12.2026", "Mon 7 Dec 2026". */
export function formatDate(lang: Lang, date: string | Date): string {
  return remembered('d', lang, date, () => formatDateNow(lang, date));
}
function formatDateNow(lang: Lang, date: string | Date): string {
  const d = instant(date);
  const day = lang === 'en' ? enDateFmt.format(d) : numericDateFmt[lang].format(d);
  return `${weekdayFmt[lang].format(d)} ${day}`;
}

/** "7.12.2026" / "7 Dec 2026", without the weekday (tables with a weekday column). */
export function formatDateOnly(lang: Lang, date: string | Date): string {
  const d = instant(date);
  return lang === 'en' ? enDateFmt.format(d) : numericDateFmt[lang].format(d);
}

/** In words: "maanantai 7. joulukuuta 2026", "måndag 7 december 2026", "Monday 7 December 2026". */
export function formatDateWords(lang: Lang, date: string | Date): string {
  return remembered('w', lang, date, () => {
    const d = instant(date);
    return `${weekdayLongFmt[lang].format(d)} ${longDateFmt[lang].format(d)}`;
  });
}

/** "9.00" in Finnish and Swedish, "09:00" in English; Helsinki wall time. */
export function formatTime(lang: Lang, iso: string | Date): string {
  return remembered('t', lang, iso, () => formatTimeNow(lang, iso));
}
function formatTimeNow(lang: Lang, iso: string | Date): string {
  const t = DateTime.fromJSDate(instant(iso), { zone: ZONE });
  return lang === 'en' ? t.toFormat('HH:mm') : `${t.hour}.${t.toFormat('mm')}`;
}

/** A wall-clock "09:00" from a pattern or a turn, in the language's style. */
export function formatClock(lang: Lang, hhmm: string): string {
  const m = /^(\d{1,2}):(\d{2})/.exec(hhmm);
  if (!m) return hhmm;
  return lang === 'en' ? `${m[1]?.padStart(2, '0')}:${m[2]}` : `${Number(m[1])}.${m[2]}`;
}

const AT: Record<Lang, string> = { fi: ' klo ', sv: ' kl. ', en: ', ' };

/** "ma 7.12.2026 klo 9.00", "mån 7.12.2026 kl. 9.00", "Mon 7 Dec 2026, 09:00". */
export function formatDateTime(lang: Lang, iso: string | Date): string {
  return `${formatDate(lang, iso)}${AT[lang]}${formatTime(lang, iso)}`;
}

/** A time range of one day: "9.00–12.00" / "09:00–12:00". */
export function formatTimeRange(lang: Lang, startIso: string, endIso: string): string {
  return `${formatTime(lang, startIso)}–${formatTime(lang, endIso)}`;
}

/** A turn as one phrase: "ma 7.12.2026 klo 9.00–12.00". */
export function formatTurnWhen(lang: Lang, startIso: string, endIso: string): string {
  return `${formatDate(lang, startIso)}${AT[lang]}${formatTimeRange(lang, startIso, endIso)}`;
}

/** "joulukuu 2026", "december 2026", "December 2026". */
export function formatMonth(lang: Lang, date: string | Date): string {
  return monthYearFmt[lang].format(instant(date));
}

/** Decimal comma in Finnish and Swedish: formatNumber('fi', 1.5) → "1,5". */
export function formatNumber(lang: Lang, n: number, maxFractionDigits = 2): string {
  const key = `${lang}|${maxFractionDigits}`;
  let f = numberFmt.get(key);
  if (!f) numberFmt.set(key, (f = new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: maxFractionDigits })));
  return f.format(n);
}

/** A language code as its name in the UI language: ('fi', 'sv') → "ruotsi". */
export function languageName(lang: Lang, code: string): string {
  try {
    return languageNames[lang].of(code) ?? code;
  } catch {
    return code;
  }
}

const SERVICE_NAMES: Record<string, Record<Lang, string>> = {
  phone: { fi: 'puhelinneuvonta', sv: 'telefonrådgivning', en: 'phone advisory' },
  email: { fi: 'sähköpostineuvonta', sv: 'e-postrådgivning', en: 'email advisory' },
  change_security: { fi: 'muutosturvaneuvonta', sv: 'omställningsskydd, rådgivning', en: 'change-security counselling' },
};

/** The glossary name of a service code, for places without the service's row (its own names win where known). */
export function serviceName(lang: Lang, code: string): string {
  return SERVICE_NAMES[code]?.[lang] ?? code;
}

const ROLE_NAMES: Record<'admin' | 'supervisor' | 'adviser', Record<Lang, string>> = {
  admin: { fi: 'Ylläpitäjä', sv: 'Administratör', en: 'Administrator' },
  supervisor: { fi: 'Esihenkilö', sv: 'Chef', en: 'Supervisor' },
  adviser: { fi: 'Neuvoja', sv: 'Rådgivare', en: 'Adviser' },
};

export function roleName(lang: Lang, role: string): string {
  return (ROLE_NAMES as Record<string, Record<Lang, string>>)[role]?.[lang] ?? role;
}

const DATE_HINTS: Record<Lang, string> = { fi: 'VVVV-KK-PP', sv: 'ÅÅÅÅ-MM-DD', en: 'YYYY-MM-DD' };
const MONTH_HINTS: Record<Lang, string> = { fi: 'VVVV-KK', sv: 'ÅÅÅÅ-MM', en: 'YYYY-MM' };

/** The typed form of a date field (what a browser without a date picker expects), in the user's letters. */
export function dateHint(lang: Lang): string {
  return DATE_HINTS[lang];
}
export function monthHint(lang: Lang): string {
  return MONTH_HINTS[lang];
}

/** Everything above bound to one language, for templates (`f.dateTime(iso)`). */
export function intlFor(lang: Lang) {
  return BOUND[lang];
}
function bind(lang: Lang) {
  return {
    date: (d: string | Date) => formatDate(lang, d),
    dateOnly: (d: string | Date) => formatDateOnly(lang, d),
    dateWords: (d: string | Date) => formatDateWords(lang, d),
    time: (iso: string | Date) => formatTime(lang, iso),
    clock: (hhmm: string) => formatClock(lang, hhmm),
    dateTime: (iso: string | Date) => formatDateTime(lang, iso),
    timeRange: (a: string, b: string) => formatTimeRange(lang, a, b),
    turnWhen: (a: string, b: string) => formatTurnWhen(lang, a, b),
    month: (d: string | Date) => formatMonth(lang, d),
    number: (n: number, digits?: number) => formatNumber(lang, n, digits),
    language: (code: string) => languageName(lang, code),
    service: (code: string) => serviceName(lang, code),
    role: (role: string) => roleName(lang, role),
    dateHint: () => dateHint(lang),
    monthHint: () => monthHint(lang),
  };
}
export type IntlFormat = ReturnType<typeof bind>;
const BOUND: Record<Lang, IntlFormat> = { fi: bind('fi'), sv: bind('sv'), en: bind('en') };
