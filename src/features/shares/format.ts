import type { Lang } from '../../i18n/index.js';

const LOCALES: Record<Lang, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/** A fraction as a percentage in the UI language, e.g. 0.3333… → "33,33 %" in Finnish. */
export function percent(fraction: number, lang: Lang): string {
  return `${new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 2 }).format(fraction * 100)} %`;
}

/** A fraction as a percentage for an input field: a dot decimal, up to 4 decimals. */
export function percentInput(fraction: number): string {
  return String(Math.round(fraction * 1_000_000) / 10_000);
}
