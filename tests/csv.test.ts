import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from '../src/features/roster-views/csv.js';
import { loggedIn } from './helpers/app.js';
import { makeAdviser, makeTurn } from './helpers/factories.js';
import { rosterApp } from './roster-views-fixtures.js';

const BOM = '\uFEFF';

describe('CSV cells', () => {
  it.each([
    ['plain', 'plain'],
    ['a;b', '"a;b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rlf', '"cr\rlf"'],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['=1;2', '"\'=1;2"'],
    ['a=b', 'a=b'],
    [3, '3'],
  ])('when the value is %j, then the cell is %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('when joining a row, then cells are separated by ; and the row ends with CRLF', () => {
    expect(csvRow(['a', 'b;c', 1])).toBe('a;"b;c";1\r\n');
  });
});

describe('GET /roster.csv', () => {
  it('when exporting a week, then it is a UTF-8 attachment with a BOM, a header and one CRLF row per turn', async () => {
    const { t } = rosterApp();
    const { browser } = await loggedIn(t, 'admin');
    const res = await browser.get('/roster.csv?from=2027-03-22&to=2027-03-28', { Accept: 'text/csv' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="vuoro-2027-03-22_2027-03-28.csv"');
    expect(res.text.startsWith(BOM)).toBe(true);
    const lines = res.text.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe('date;weekday;service;start;end;city;advisers;status;open seats');
    expect(lines.slice(1, -1)).toEqual([
      '2027-03-22;Monday;Phone advisory;09:00;12:00;Helsinki;Anna Aalto, Bertil Berg;Published;0',
      '2027-03-24;Wednesday;Phone advisory;09:00;12:00;Helsinki;Aino Ahonen, Anna Aalto;Published;0',
      '2027-03-24;Wednesday;Phone advisory;12:00;16:00;Espoo;Bertil Berg;Published;1',
      '2027-03-25;Thursday;Email advisory;08:00;16:00;Vantaa;Cecilia Corte;Draft;0',
    ]);
  });

  it('when the user speaks Finnish or Swedish, then the header row and words are in that language', async () => {
    const { t } = rosterApp();
    const fi = await loggedIn(t, 'admin', { language: 'fi' });
    const fiCsv = (await fi.browser.get('/roster.csv?from=2027-03-24&to=2027-03-24')).text.slice(1).split('\r\n');
    expect(fiCsv[0]).toBe('päivämäärä;viikonpäivä;palvelu;alkaa;päättyy;kaupunki;neuvojat;tila;avoimet paikat');
    expect(fiCsv[1]).toBe('2027-03-24;keskiviikko;Phone advisory fi;09:00;12:00;Helsinki fi;Aino Ahonen, Anna Aalto;Julkaistu;0');
    const sv = await loggedIn(t, 'admin', { language: 'sv' });
    const svCsv = (await sv.browser.get('/roster.csv?from=2027-03-24&to=2027-03-24')).text.slice(1).split('\r\n');
    expect(svCsv[0]).toBe('datum;veckodag;tjänst;början;slut;stad;rådgivare;status;lediga platser');
    expect(svCsv[1]).toContain(';onsdag;Phone advisory sv;');
  });

  it('when names hold separators, quotes, newlines or formulas, then they are quoted and neutralised', async () => {
    const { t, region } = rosterApp();
    const a = makeAdviser(t.db, region.cities.helsinki, { name: "=cmd|'/C calc'!A0" });
    const b = makeAdviser(t.db, region.cities.helsinki, { name: 'Smith; "Jr"\nSecond line' });
    makeTurn(t.db, {
      serviceId: region.services.email,
      date: '2027-03-26',
      startAt: '2027-03-26T06:00:00Z',
      endAt: '2027-03-26T14:00:00Z',
      cityId: region.cities.helsinki,
      status: 'published',
      headcount: 1,
      adviserIds: [a],
    });
    makeTurn(t.db, {
      serviceId: region.services.changeSecurity,
      date: '2027-03-26',
      startAt: '2027-03-26T07:00:00Z',
      endAt: '2027-03-26T13:00:00Z',
      cityId: region.cities.helsinki,
      status: 'published',
      headcount: 1,
      adviserIds: [b],
    });
    const { browser } = await loggedIn(t, 'admin');
    const body = (await browser.get('/roster.csv?from=2027-03-26&to=2027-03-26')).text;
    expect(body).toContain(";Helsinki;'=cmd|'/C calc'!A0;Published;0\r\n");
    expect(body).toContain(';Helsinki;"Smith; ""Jr""\nSecond line";Published;0\r\n');
    expect(body).not.toMatch(/;=cmd/);
  });

  it('when an adviser exports with filters, then drafts and other turns are left out and the filters name the file', async () => {
    const { t, advisers } = rosterApp();
    const { browser } = await loggedIn(t, 'adviser', { adviserId: advisers.cecilia });
    const all = (await browser.get('/roster.csv?from=2027-03-22&to=2027-03-28')).text;
    expect(all).not.toContain('Cecilia Corte');
    expect(all).not.toContain('Draft');
    const res = await browser.get('/roster.csv?from=2027-03-22&to=2027-03-28&city=espoo&service=phone');
    expect(res.headers['content-disposition']).toBe('attachment; filename="vuoro-2027-03-22_2027-03-28_espoo_phone.csv"');
    expect(res.text.slice(1).split('\r\n').slice(1, -1)).toEqual(['2027-03-24;Wednesday;Phone advisory;12:00;16:00;Espoo;Bertil Berg;Published;1']);
  });

  it('when from and to are left out, then this week is exported', async () => {
    const { t } = rosterApp();
    const { browser } = await loggedIn(t, 'admin');
    const res = await browser.get('/roster.csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain('vuoro-2027-03-22_2027-03-28.csv');
  });

  it.each([['from=2027-03-28&to=2027-03-22'], ['from=2027-01-01&to=2028-01-02'], ['from=nope'], ['city=atlantis'], ['to=2027-02-29']])(
    'when the query is %s, then 400',
    async (query) => {
      const { t } = rosterApp();
      const { browser } = await loggedIn(t, 'admin');
      const res = await browser.get(`/roster.csv?${query}`);
      expect(res.status).toBe(400);
      expect(res.text).toContain('The request has invalid fields.');
    },
  );

  it('when the week view links to the CSV, then the link carries the week and its filters', async () => {
    const { t } = rosterApp();
    const { browser } = await loggedIn(t, 'admin');
    const res = await browser.get('/roster?week=2027-03-24&service=phone');
    expect(res.text).toContain('href="/roster.csv?from=2027-03-22&amp;to=2027-03-28&amp;service=phone"');
  });
});
