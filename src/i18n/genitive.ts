import type { Lang } from './define.js';
import type { Translate } from './index.js';

// Finnish genitives of the region's place names. Finnish inflection cannot be
// derived safely from the nominative (Helsinki → Helsingin, Turku → Turun:
// consonant gradation), so known names are listed; see docs/GLOSSARY.md.
const FINNISH: Record<string, string> = {
  Helsinki: 'Helsingin',
  Espoo: 'Espoon',
  Vantaa: 'Vantaan',
  Kauniainen: 'Kauniaisten',
  Kerava: 'Keravan',
  Järvenpää: 'Järvenpään',
  Tuusula: 'Tuusulan',
  Kirkkonummi: 'Kirkkonummen',
  Sipoo: 'Sipoon',
  Nurmijärvi: 'Nurmijärven',
  Porvoo: 'Porvoon',
  Lohja: 'Lohjan',
  Hyvinkää: 'Hyvinkään',
  Turku: 'Turun',
  Tampere: 'Tampereen',
  Lahti: 'Lahden',
  Oulu: 'Oulun',
};

/**
 * A city's name in the genitive ("Helsingin", "Helsingfors", "Esbos"), or null
 * when it cannot be formed safely: the caller then uses a wording without a case.
 * Finnish: the list above, or a long final vowel (Vantaa, Espoo), which takes -n
 * without gradation. Swedish: -s, none after s, x or z. English needs none.
 */
export function cityGenitive(name: string, lang: Lang): string | null {
  const trimmed = name.trim();
  if (!trimmed) return null;
  if (lang === 'fi') {
    const known = FINNISH[trimmed];
    if (known) return known;
    return /(aa|ää|oo|öö|uu|yy|ee|ii)$/i.test(trimmed) ? `${trimmed}n` : null;
  }
  if (lang === 'sv') return /[sxz]$/i.test(trimmed) ? trimmed : `${trimmed}s`;
  return null;
}

/** A glossary wording about a city: the genitive form when there is one ("Helsingin osuus"), else one without a case ("Osuus: Kerava"). */
export function cityPhrase(t: Translate, lang: Lang, key: 'shareOf' | 'colourOf', city: string, params: Record<string, string | number> = {}): string {
  const cityGen = cityGenitive(city, lang);
  return cityGen === null ? t(`glossary.${key}`, { ...params, city }) : t(`glossary.${key}Gen`, { ...params, city, cityGen });
}
