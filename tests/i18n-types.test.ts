import { describe, expect, it } from 'vitest';
import { defineMessages, LANGUAGES, nameIn } from '../src/i18n/define.js';

describe('texts per language', () => {
  it('when a namespace lacks a language or a key, then it does not compile (checked by tsc in npm test)', () => {
    // @ts-expect-error: no Swedish texts
    const missingLanguage = defineMessages({ en: { a: 'A' }, fi: { a: 'A' } });
    // @ts-expect-error: Finnish lacks the key b
    const missingKey = defineMessages({ en: { a: 'A', b: 'B' }, fi: { a: 'A' }, sv: { a: 'A', b: 'B' } });
    expect([missingLanguage, missingKey]).toHaveLength(2);
  });

  it('when a row is named in each language, then nameIn picks the column of every language', () => {
    const row = { name_fi: 'Helsinki', name_sv: 'Helsingfors', name_en: 'Helsinki (en)' };
    expect(LANGUAGES.map((lang) => nameIn(row, lang))).toEqual(['Helsinki', 'Helsingfors', 'Helsinki (en)']);
  });
});
