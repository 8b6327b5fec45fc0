import Holidays from 'date-holidays';
import type { Lang } from '../i18n/index.js';

export interface ClosedDay {
  date: string; // YYYY-MM-DD, local
  name: Record<Lang, string>;
  kind: 'holiday' | 'closure';
}

const byLang: Record<Lang, Holidays> = {
  fi: new Holidays('FI', { languages: ['fi'], types: ['public', 'bank'] }),
  sv: new Holidays('FI', { languages: ['sv'], types: ['public', 'bank'] }),
  en: new Holidays('FI', { languages: ['en'], types: ['public', 'bank'] }),
};

// Midsummer Eve and Christmas Eve are "bank" days in date-holidays, not public
// holidays, but the employment services close on them: they are default closures.
const DEFAULT_CLOSURES: Record<string, Record<Lang, string>> = {
  '06-eve': { fi: 'Juhannusaatto', sv: 'Midsommarafton', en: 'Midsummer Eve' },
  '12-24': { fi: 'Jouluaatto', sv: 'Julafton', en: 'Christmas Eve' },
};

const cache = new Map<number, ClosedDay[]>();

// date-holidays writes Finnish and Swedish names in lower case, as in running
// text; in lists they start with a capital like the default closures.
const capitalise = (s: string): string => s.charAt(0).toLocaleUpperCase('fi') + s.slice(1);

/** Finnish public holidays (kind holiday) plus Midsummer Eve and Christmas Eve (kind closure) of a year. */
export function finnishClosedDays(year: number): ClosedDay[] {
  const hit = cache.get(year);
  if (hit) return hit;
  const names = (lang: Lang) => new Map(byLang[lang].getHolidays(year, lang).map((h) => [`${h.date.slice(0, 10)}|${h.type}`, h.name]));
  const fi = names('fi');
  const sv = names('sv');
  const en = names('en');
  const days: ClosedDay[] = [];
  for (const h of byLang.fi.getHolidays(year, 'fi')) {
    const date = h.date.slice(0, 10);
    const key = `${date}|${h.type}`;
    if (h.type === 'public') {
      const name = (n: string | undefined) => capitalise(n ?? h.name);
      days.push({ date, kind: 'holiday', name: { fi: name(fi.get(key)), sv: name(sv.get(key)), en: name(en.get(key)) } });
    } else if (date.endsWith('-12-24')) {
      days.push({ date, kind: 'closure', name: DEFAULT_CLOSURES['12-24'] as Record<Lang, string> });
    } else if (date.slice(5, 7) === '06' && /juhannusaatto/i.test(h.name)) {
      days.push({ date, kind: 'closure', name: DEFAULT_CLOSURES['06-eve'] as Record<Lang, string> });
    }
  }
  days.sort((a, b) => a.date.localeCompare(b.date));
  cache.set(year, days);
  return days;
}

/** Holidays and default closures whose date lies in from..to (inclusive). */
export function finnishClosedDaysBetween(from: string, to: string): ClosedDay[] {
  const out: ClosedDay[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    for (const d of finnishClosedDays(y)) if (d.date >= from && d.date <= to) out.push(d);
  }
  return out;
}
