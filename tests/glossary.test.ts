import { describe, expect, it } from 'vitest';
import { cityGenitive } from '../src/i18n/genitive.js';
import { catalogue } from '../src/i18n/messages/index.js';
import { loggedIn, makeTestApp } from './helpers/app.js';
import { makeRegion } from './helpers/factories.js';

describe('city names in the genitive', () => {
  it.each([
    ['Helsinki', 'fi', 'Helsingin'],
    ['Espoo', 'fi', 'Espoon'],
    ['Vantaa', 'fi', 'Vantaan'],
    ['Kauniainen', 'fi', 'Kauniaisten'],
    ['Hyvinkää', 'fi', 'Hyvinkään'],
    ['Lappeenranta', 'fi', null],
    ['Helsingfors', 'sv', 'Helsingfors'],
    ['Esbo', 'sv', 'Esbos'],
    ['Vanda', 'sv', 'Vandas'],
    ['Helsinki', 'en', null],
  ] as const)('when the name is %s in %s, then the genitive is %s', (name, lang, expected) => {
    expect(cityGenitive(name, lang)).toBe(expected);
  });
});

describe('reviewed wording', () => {
  it('when the Finnish and Swedish texts are scanned, then the jargon the supervisors flagged is gone', () => {
    const fi = Object.values(catalogue).flatMap((ns) => Object.values(ns.fi));
    const sv = Object.values(catalogue).flatMap((ns) => Object.values(ns.sv));
    for (const bad of [/Kaupungin \{/, /\bRikkeet\b/, /rikkei/, /Kiertoyksikkö/, /Neuvojatieto/, /^Sijaiset:/]) {
      expect(
        fi.filter((text) => bad.test(text)),
        String(bad),
      ).toEqual([]);
    }
    expect(sv.filter((text) => /Rättvisa/.test(text))).toEqual([]);
  });

  it('when a Finnish admin sets shares, then each field says "Helsingin osuus", and a name without a known genitive gets a caseless label', async () => {
    const t = makeTestApp();
    const region = makeRegion(t.db);
    t.db.prepare("UPDATE cities SET name_fi = 'Helsinki', name_sv = 'Helsingfors' WHERE id = ?").run(region.cities.helsinki);
    t.db.prepare("UPDATE cities SET name_fi = 'Lappeenranta' WHERE id = ?").run(region.cities.vantaa);
    const fi = await loggedIn(t, 'admin', { language: 'fi' });
    const page = (await fi.browser.get(`/services/${region.services.phone}/shares`)).text;
    expect(page).toContain('Helsingin osuus');
    expect(page).toContain('Osuus: Lappeenranta');
    expect(page).not.toContain('Kaupungin');
    const sv = await loggedIn(t, 'admin', { language: 'sv' });
    expect((await sv.browser.get(`/services/${region.services.phone}/shares`)).text).toContain('Helsingfors andel');
  });
});
