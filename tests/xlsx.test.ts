import ExcelJS from 'exceljs';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { apiToken, loggedIn, makeUser, type TestApp } from './helpers/app.js';
import { rosterApp } from './roster-views-fixtures.js';
import { workflowApp } from './workflow.helpers.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function binary(res: request.Response, cb: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

async function download(t: TestApp, userId: number, url: string): Promise<{ res: request.Response; book: ExcelJS.Workbook }> {
  const res = await request(t.app)
    .get(url)
    .set('Authorization', `Bearer ${apiToken(t, userId)}`)
    .buffer(true)
    .parse(binary);
  const book = new ExcelJS.Workbook();
  if (res.status === 200) {
    const bytes = res.body as Buffer;
    // exceljs declares its own Buffer (an ArrayBuffer); hand it exactly the bytes received.
    await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  }
  return { res, book };
}

const rowsOf = (sheet: ExcelJS.Worksheet | undefined): unknown[][] => {
  const out: unknown[][] = [];
  sheet?.eachRow({ includeEmpty: false }, (row) => out.push((row.values as unknown[]).slice(1)));
  return out;
};

describe('GET /roster.xlsx', () => {
  it('when an admin exports a week, then there is one sheet per service and one for fairness, with real dates, times and numbers', async () => {
    const { t } = rosterApp();
    const admin = await makeUser(t, 'admin');
    const { res, book } = await download(t, admin.id, '/roster.xlsx?from=2027-03-22&to=2027-03-28');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toBe('attachment; filename="vuoro-2027-03-22_2027-03-28.xlsx"');
    expect(book.worksheets.map((s) => s.name)).toEqual(['Phone advisory', 'Email advisory', 'Change security', 'Fairness']);

    const phone = rowsOf(book.getWorksheet('Phone advisory'));
    expect(phone[0]).toEqual(['Date', 'Weekday', 'Starts', 'Ends', 'Hours', 'City', 'Advisers', 'Set by hand', 'Status', 'Seats', 'Open seats']);
    expect(phone).toHaveLength(4);
    const [date, weekday, start, end, hours, city, advisers, , status, seats, open] = phone[3] as unknown[];
    expect(date).toBeInstanceOf(Date);
    expect((date as Date).toISOString()).toBe('2027-03-24T00:00:00.000Z');
    expect(weekday).toBe('Wednesday');
    expect((start as Date).toISOString()).toBe('2027-03-24T12:00:00.000Z');
    expect((end as Date).toISOString()).toBe('2027-03-24T16:00:00.000Z');
    expect([hours, city, advisers, status, seats, open]).toEqual([4, 'Espoo', 'Bertil Berg', 'Published', 2, 1]);
    expect(book.getWorksheet('Phone advisory')?.getCell('A2').numFmt).toBe('yyyy-mm-dd');

    const email = rowsOf(book.getWorksheet('Email advisory'));
    expect(email.slice(1).map((r) => [r[5], r[8], r[4]])).toEqual([['Vantaa', 'Draft', 8]]);
    expect(rowsOf(book.getWorksheet('Change security'))).toHaveLength(1);
  });

  it('when the fairness sheet is read, then the phone figures match the hand count (10 h split 50/25/25)', async () => {
    const { t } = rosterApp();
    const admin = await makeUser(t, 'admin');
    const { book } = await download(t, admin.id, '/roster.xlsx?from=2027-03-22&to=2027-03-28&service=phone');
    expect(book.worksheets.map((s) => s.name)).toEqual(['Phone advisory', 'Fairness']);
    const rows = rowsOf(book.getWorksheet('Fairness'));
    expect(rows[1]).toEqual(['Service', 'City', 'Share', 'Target hours', 'Actual hours', 'Deviation (hours)']);
    // Helsinki Mon 3 h + Wed 3 h, Espoo Wed 4 h, Vantaa nothing.
    expect(rows.slice(2, 5)).toEqual([
      ['Phone advisory', 'Helsinki', 0.5, 5, 6, 1],
      ['Phone advisory', 'Espoo', 0.25, 2.5, 4, 1.5],
      ['Phone advisory', 'Vantaa', 0.25, 2.5, 0, -2.5],
    ]);
    const advisers = rows.filter((r) => r[0] === 'Phone advisory' && typeof r[3] === 'number' && r.length === 6 && typeof r[2] === 'string' && r[2] !== '');
    const anna = advisers.find((r) => r[1] === 'Anna Aalto');
    expect(anna?.slice(3, 5)).toEqual([2, 6]);
  });

  it('when a Finnish adviser exports, then headers are Finnish, dates formatted d.m.yyyy, and drafts are left out', async () => {
    const { t, advisers } = rosterApp();
    const user = await makeUser(t, 'adviser', { adviserId: advisers.cecilia, language: 'fi' });
    const { res, book } = await download(t, user.id, '/roster.xlsx?from=2027-03-22&to=2027-03-28');
    expect(res.status).toBe(200);
    expect(book.worksheets.at(-1)?.name).toBe('Tasapuolisuus');
    const email = book.getWorksheet('Email advisory fi');
    expect(rowsOf(email)).toEqual([
      ['Päivämäärä', 'Viikonpäivä', 'Alkaa', 'Päättyy', 'Tunnit', 'Kaupunki', 'Neuvojat', 'Käsin asetettu', 'Tila', 'Paikat', 'Avoimet paikat'],
    ]);
    const phone = book.getWorksheet('Phone advisory fi');
    expect(phone?.getCell('A2').numFmt).toBe('d.m.yyyy');
    expect(phone?.getCell('I2').value).toBe('Julkaistu');
  });

  it('when turns are set by hand, then the sheet names who was set by hand', async () => {
    const { t, turns } = rosterApp();
    t.db
      .prepare('UPDATE assignments SET pinned = 1 WHERE turn_id = ? AND adviser_id = (SELECT id FROM advisers WHERE name = ?)')
      .run(turns.phoneMonday, 'Bertil Berg');
    const admin = await makeUser(t, 'admin');
    const { book } = await download(t, admin.id, '/roster.xlsx?from=2027-03-22&to=2027-03-22&service=phone');
    expect(book.getWorksheet('Phone advisory')?.getCell('H2').value).toBe('Bertil Berg');
  });

  it('when the range is reversed or over a year, then it is 400 like the CSV', async () => {
    const { t } = rosterApp();
    const admin = await makeUser(t, 'admin');
    expect((await download(t, admin.id, '/roster.xlsx?from=2027-03-28&to=2027-03-22')).res.status).toBe(400);
    expect((await download(t, admin.id, '/roster.xlsx?from=2027-01-01&to=2028-01-05')).res.status).toBe(400);
  });

  it('when the week page is shown, then the Excel link sits beside the CSV link with the same range and filters', async () => {
    const { t } = rosterApp();
    const { browser } = await loggedIn(t, 'admin');
    const res = await browser.get('/roster?week=2027-03-24&city=espoo');
    expect(res.text).toContain('href="/roster.csv?from=2027-03-22&amp;to=2027-03-28&amp;city=espoo"');
    expect(res.text).toContain('href="/roster.xlsx?from=2027-03-22&amp;to=2027-03-28&amp;city=espoo"');
  });

  it('when a supervisor opens a planning period, then it links the Excel export of exactly that range, which downloads', async () => {
    const w = workflowApp();
    const { browser, user } = await loggedIn(w.t, 'supervisor', { cityId: w.cities.espoo });
    const gen = await browser.post('/planning', { from: '2027-05-03', to: '2027-05-09' });
    const page = await browser.get(gen.headers.location as string);
    expect(page.text).toContain('href="/roster.xlsx?from=2027-05-03&amp;to=2027-05-09"');
    const { res, book } = await download(w.t, user.id, '/roster.xlsx?from=2027-05-03&to=2027-05-09');
    expect(res.status).toBe(200);
    expect(book.worksheets.at(-1)?.name).toBe('Fairness');
    const turns = book.worksheets.slice(0, -1).reduce((n, sheet) => n + sheet.actualRowCount - 1, 0);
    expect(turns).toBe((w.t.db.prepare("SELECT count(*) AS n FROM turns WHERE date BETWEEN '2027-05-03' AND '2027-05-09'").get() as { n: number }).n);
    expect(turns).toBeGreaterThan(0);
  });
});
