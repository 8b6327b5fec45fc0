import { LANGUAGES, type Lang } from './define.js';
import { catalogue } from './messages/index.js';

export { LANGUAGES, type Lang };

type Catalogue = typeof catalogue;
type Keys<NS extends keyof Catalogue> = keyof Catalogue[NS]['en'] & string;
/** "namespace.key", checked against the English catalogue at compile time. */
export type MessageKey = { [NS in keyof Catalogue & string]: `${NS}.${Keys<NS>}` }[keyof Catalogue & string];
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

// Hand-written rather than i18next: keys are checked by the compiler from the
// English catalogue, and all vuoro needs is lookup plus {name} interpolation.
const flat: Record<Lang, Map<string, string>> = { fi: new Map(), sv: new Map(), en: new Map() };
for (const [ns, langs] of Object.entries(catalogue)) {
  for (const lang of LANGUAGES) {
    for (const [key, text] of Object.entries((langs as Record<Lang, Record<string, string>>)[lang])) {
      flat[lang].set(`${ns}.${key}`, text);
    }
  }
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const text = flat[lang].get(key) ?? flat.en.get(key) ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

const translators: Record<Lang, Translate> = {
  fi: (key, params) => translate('fi', key, params),
  sv: (key, params) => translate('sv', key, params),
  en: (key, params) => translate('en', key, params),
};

export function translator(lang: Lang): Translate {
  return translators[lang];
}

/** All keys of one language, for the test that the three catalogues agree. */
export function keysOf(lang: Lang): string[] {
  return [...flat[lang].keys()].sort();
}

/** Picks fi, sv or en from an Accept-Language header by quality. */
export function fromAcceptLanguage(header: string | undefined): Lang | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { base: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((x) => x.base).find(isLang);
}
