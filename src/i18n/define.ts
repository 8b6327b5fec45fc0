export const LANGUAGES = ['fi', 'sv', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** Every other language has exactly the keys English defines. */
type Translations<T> = { en: T } & { [L in Exclude<Lang, 'en'>]: { [K in keyof T]: string } };

/**
 * A namespace of UI strings. English defines the keys; every other language
 * in LANGUAGES must have exactly the same ones, or the build fails (adding a
 * language is a compile error until each namespace has its texts).
 */
export function defineMessages<const T extends Record<string, string>>(m: Translations<T>): Translations<T> {
  return m;
}

/** A row named in every language (columns name_fi, name_sv, …): a new language needs its column everywhere. */
export type LocalNames = { [L in Lang as `name_${L}`]: string };

/** A city's, service's or holiday's name in one language. */
export function nameIn(row: LocalNames, lang: Lang): string {
  return row[`name_${lang}`];
}
