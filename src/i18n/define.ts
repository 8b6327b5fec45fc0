export const LANGUAGES = ['fi', 'sv', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

/**
 * A namespace of UI strings. English defines the keys; Finnish and Swedish
 * must have exactly the same ones, or the build fails.
 */
export function defineMessages<const T extends Record<string, string>>(m: {
  en: T;
  fi: { [K in keyof T]: string };
  sv: { [K in keyof T]: string };
}): { en: T; fi: { [K in keyof T]: string }; sv: { [K in keyof T]: string } } {
  return m;
}
