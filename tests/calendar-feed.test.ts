import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { testConfig } from '../src/config.js';
import { openDatabase } from '../src/db/connection.js';
import { migrate } from '../src/db/migrate.js';
import { hashToken } from '../src/features/auth/secrets.js';
import { apiToken, makeTestApp, makeUser, type TestApp } from './helpers/app.js';
import { makeAdviser, makeRegion, makeTurn } from './helpers/factories.js';
import {
  bodyOf,
  contentLines,
  DST_TURNS,
  dstScenario,
  feedToken,
  fixedClock,
  getFeed,
  parseWithIcalJs,
  parseWithNodeIcal,
  physicalLines,
} from './calendar/support.js';

const NOW = '2027-03-01T10:00:00Z';
const decoder = new TextDecoder('utf-8', { fatal: true });

function app(): TestApp {
  return makeTestApp({ clock: fixedClock(NOW) });
}

/** Everything a client trips on, checked on the raw bytes. */
function expectWireFormat(body: Buffer): string[] {
  expect(body.subarray(-15).toString('latin1')).toBe('END:VCALENDAR\r\n');
  const physical = physicalLines(body);
  for (const line of physical) {
    expect(line.length).toBeLessThanOrEqual(75);
    expect(() => decoder.decode(line)).not.toThrow();
  }
  const lines = contentLines(body);
  const uids = lines.filter((l) => l.startsWith('UID:'));
  expect(new Set(uids).size).toBe(uids.length);
  for (const stamp of lines.filter((l) => l.startsWith('DTSTAMP'))) expect(stamp).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);
  const used = new Set(lines.flatMap((l) => [...l.matchAll(/;TZID=([^;:]+)/g)].map((m) => m[1])));
  const defined = new Set(lines.filter((l) => l.startsWith('TZID:')).map((l) => l.slice(5)));
  for (const tz of used) expect(defined).toContain(tz);
  // Inside events no time may float: either a TZID or Z (VTIMEZONE's own DTSTART is local by definition).
  let inEvent = false;
  for (const l of lines) {
    if (l === 'BEGIN:VEVENT' || l === 'END:VEVENT') inEvent = l === 'BEGIN:VEVENT';
    else if (inEvent && /^DT(START|END)/.test(l)) expect(l).toMatch(/(;TZID=[^:]+:\d{8}T\d{6}|:\d{8}T\d{6}Z)$/);
  }
  return lines;
}

describe('a feed, as clients read it', () => {
  it('when an adviser feed is fetched, then it passes the wire-format rules and both parsers read every event', async () => {
    const t = app();
    const { adviser } = dstScenario(t);
    const res = await getFeed(t, await feedToken(t, 'adviser', adviser));
    expect(res.status).toBe(200);
    const body = bodyOf(res);
    const lines = expectWireFormat(body);
    expect(lines).toContain('METHOD:PUBLISH');
    expect(lines).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H');
    expect(lines).toContain('X-PUBLISHED-TTL:PT1H');
    expect(lines.filter((l) => l === 'TRANSP:OPAQUE')).toHaveLength(4);
    expect(parseWithIcalJs(body.toString('utf8')).events).toHaveLength(4);
    expect(parseWithNodeIcal(body.toString('utf8'))).toHaveLength(4);
  });

  it('when turns lie on both sides of the 2027 clock changes, then 09:00 Helsinki time is 07:00Z, 06:00Z, 06:00Z and 07:00Z in both parsers', async () => {
    const t = app();
    const { adviser } = dstScenario(t);
    const text = bodyOf(await getFeed(t, await feedToken(t, 'adviser', adviser))).toString('utf8');
    const expected = DST_TURNS.map((d) => d.startAt.replace('Z', '.000Z'));
    expect(
      parseWithIcalJs(text)
        .events.map((e) => e.start.toISOString())
        .sort(),
    ).toEqual(expected);
    expect(
      parseWithNodeIcal(text)
        .map((e) => e.start.toISOString())
        .sort(),
    ).toEqual(expected);
    // And the wall time written is 09:00 every time.
    expect(
      contentLines(Buffer.from(text))
        .filter((l) => l.startsWith('DTSTART;'))
        .every((l) => l.endsWith('T090000')),
    ).toBe(true);
  });

  it('when a turn holds names with ; , \\ newlines and äöå, then both parsers read them back', async () => {
    const t = app();
    const region = makeRegion(t.db);
    const nasty = 'Åsa; Öhman, \\ "Ä"\nnäin';
    t.db.prepare('UPDATE services SET name_fi = ? WHERE id = ?').run('Puhelin; neuvonta, ÄÖÅ', region.services.phone);
    const me = makeAdviser(t.db, region.cities.espoo, { name: 'Me' });
    const other = makeAdviser(t.db, region.cities.espoo, { name: nasty });
    makeTurn(t.db, {
      serviceId: region.services.phone,
      cityId: region.cities.espoo,
      date: '2027-03-10',
      startAt: '2027-03-10T07:00:00Z',
      endAt: '2027-03-10T10:00:00Z',
      status: 'published',
      adviserIds: [me, other],
    });
    const text = bodyOf(await getFeed(t, await feedToken(t, 'adviser', me))).toString('utf8');
    expectWireFormat(Buffer.from(text));
    for (const e of [...parseWithIcalJs(text).events, ...parseWithNodeIcal(text)]) {
      expect(e.summary).toBe('Puhelin; neuvonta, ÄÖÅ – Espoo fi');
      expect(e.description).toBe(`Samassa vuorossa myös: ${nasty}`);
    }
  });

  it('when a feed is fetched, then the headers are exactly right and an If-None-Match with its ETag gets 304', async () => {
    const t = app();
    const { adviser } = dstScenario(t);
    const token = await feedToken(t, 'adviser', adviser, 'sv');
    const res = await getFeed(t, token);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^inline; filename="[a-z0-9_-]+\.ics"$/);
    expect(res.headers['content-disposition']).not.toContain(token);
    expect(res.headers['cache-control']).toBe('private, max-age=300');
    expect(res.headers['content-language']).toBe('sv');
    const etag = String(res.headers.etag);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{16,}"$/);
    const again = await getFeed(t, token, { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(bodyOf(again)).toHaveLength(0);
    expect(again.headers.etag).toBe(etag);
    expect((await getFeed(t, token, { 'If-None-Match': `"other", W/${etag}` })).status).toBe(304);
    const stale = await getFeed(t, token, { 'If-None-Match': '"something-else"' });
    expect(stale.status).toBe(200);
    const head = await request(t.app).head(`/calendar/${token}.ics`);
    expect(head.status).toBe(200);
    expect(head.headers.etag).toBe(etag);
  });

  it('when a turn changes, then the ETag changes too', async () => {
    const t = app();
    const { adviser, turns } = dstScenario(t);
    const token = await feedToken(t, 'adviser', adviser);
    const before = String((await getFeed(t, token)).headers.etag);
    t.db.prepare('UPDATE turns SET version = version + 1 WHERE id = ?').run(turns[0]);
    const after = await getFeed(t, token, { 'If-None-Match': before });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before);
  });
});

describe('what a feed contains', () => {
  it('when an assignment is edited (version up, co-adviser changed), then it keeps its UID and gets a higher SEQUENCE', async () => {
    const t = app();
    const region = makeRegion(t.db);
    const [me, first, second] = [1, 2, 3].map((n) => makeAdviser(t.db, region.cities.helsinki, { name: `Person ${n}` })) as [number, number, number];
    const turn = makeTurn(t.db, {
      serviceId: region.services.phone,
      cityId: region.cities.helsinki,
      date: '2027-03-10',
      startAt: '2027-03-10T07:00:00Z',
      endAt: '2027-03-10T10:00:00Z',
      status: 'published',
      adviserIds: [me, first],
    });
    const token = await feedToken(t, 'adviser', me);
    const [before] = parseWithIcalJs(bodyOf(await getFeed(t, token)).toString('utf8')).events;
    // As PUT /turns/:id/assignments would: rows rewritten, version bumped.
    t.db.prepare('DELETE FROM assignments WHERE turn_id = ?').run(turn);
    for (const a of [me, second]) t.db.prepare('INSERT INTO assignments (turn_id, adviser_id, pinned) VALUES (?, ?, 1)').run(turn, a);
    t.db.prepare("UPDATE turns SET version = version + 1, updated_at = '2027-03-02T08:00:00Z' WHERE id = ?").run(turn);
    const text = bodyOf(await getFeed(t, token)).toString('utf8');
    for (const after of [parseWithIcalJs(text).events[0], parseWithNodeIcal(text)[0]]) {
      expect(after?.uid).toBe(before?.uid);
      expect(after?.sequence).toBeGreaterThan(before?.sequence ?? Infinity);
      expect(after?.description).toContain('Person 3');
      expect(after?.description).not.toContain('Person 2');
    }
  });

  it('when an assignment is removed or its turn deleted, then its event disappears', async () => {
    const t = app();
    const { adviser, turns } = dstScenario(t);
    const token = await feedToken(t, 'adviser', adviser);
    t.db.prepare('DELETE FROM assignments WHERE turn_id = ? AND adviser_id = ?').run(turns[0], adviser);
    t.db.prepare('DELETE FROM turns WHERE id = ?').run(turns[1]);
    const events = parseWithNodeIcal(bodyOf(await getFeed(t, token)).toString('utf8'));
    expect(events.map((e) => e.start.toISOString()).sort()).toEqual(['2027-10-29T06:00:00.000Z', '2027-11-01T07:00:00.000Z']);
  });

  it('when turns are drafts or outside 30 days back to one year ahead, then they never appear', async () => {
    const t = app();
    const region = makeRegion(t.db);
    const me = makeAdviser(t.db, region.cities.vantaa);
    const turn = (date: string, status: 'draft' | 'published') =>
      makeTurn(t.db, {
        serviceId: region.services.email,
        cityId: region.cities.vantaa,
        date,
        startAt: `${date}T06:00:00Z`,
        endAt: `${date}T14:00:00Z`,
        status,
        adviserIds: [me],
      });
    turn('2027-03-03', 'draft');
    turn('2027-03-04', 'published');
    turn('2027-01-20', 'published'); // more than 30 days back
    turn('2027-02-10', 'published'); // within 30 days back
    turn('2028-03-10', 'published'); // more than a year ahead
    for (const [scope, id] of [
      ['adviser', me],
      ['city', region.cities.vantaa],
      ['service', region.services.email],
    ] as const) {
      const text = bodyOf(await getFeed(t, await feedToken(t, scope, id))).toString('utf8');
      expect(
        parseWithIcalJs(text)
          .events.map((e) => e.start.toISOString().slice(0, 10))
          .sort(),
      ).toEqual(['2027-02-10', '2027-03-04']);
    }
  });

  it('when city and service feeds are fetched, then the city feed has the turns it holds and the service feed all of the service', async () => {
    const t = app();
    const region = makeRegion(t.db);
    const a = makeAdviser(t.db, region.cities.helsinki, { name: 'Aino' });
    const b = makeAdviser(t.db, region.cities.espoo, { name: 'Bertil' });
    makeTurn(t.db, {
      serviceId: region.services.phone,
      cityId: region.cities.helsinki,
      date: '2027-03-08',
      startAt: '2027-03-08T07:00:00Z',
      endAt: '2027-03-08T10:00:00Z',
      status: 'published',
      adviserIds: [a],
    });
    makeTurn(t.db, {
      serviceId: region.services.phone,
      cityId: region.cities.espoo,
      date: '2027-03-09',
      startAt: '2027-03-09T07:00:00Z',
      endAt: '2027-03-09T10:00:00Z',
      status: 'published',
      adviserIds: [b],
    });
    makeTurn(t.db, {
      serviceId: region.services.email,
      cityId: region.cities.helsinki,
      date: '2027-03-09',
      startAt: '2027-03-09T06:00:00Z',
      endAt: '2027-03-09T14:00:00Z',
      status: 'published',
    });
    const city = parseWithIcalJs(bodyOf(await getFeed(t, await feedToken(t, 'city', region.cities.helsinki, 'en'))).toString('utf8'));
    expect(city.name).toBe('vuoro: Helsinki');
    expect(city.events.map((e) => `${e.summary} / ${e.description}`).sort()).toEqual([
      'Email advisory – Helsinki / No adviser is on this turn yet.',
      'Phone advisory – Helsinki / On this turn: Aino',
    ]);
    const service = parseWithNodeIcal(bodyOf(await getFeed(t, await feedToken(t, 'service', region.services.phone, 'sv'))).toString('utf8'));
    expect(service.map((e) => `${e.summary} / ${e.description}`).sort()).toEqual([
      'Phone advisory sv – Espoo sv / På turen: Bertil',
      'Phone advisory sv – Helsinki sv / På turen: Aino',
    ]);
    expect(new Set(service.map((e) => e.uid)).size).toBe(2);
  });
});

describe('tokens that do not open a feed', () => {
  it('when the token is unknown, malformed or revoked, then 404 with the JSON error shape', async () => {
    const t = app();
    const { adviser } = dstScenario(t);
    const token = await feedToken(t, 'adviser', adviser);
    t.db.prepare('UPDATE calendar_tokens SET revoked_at = ? WHERE token_hash = ?').run(NOW, hashToken(token));
    for (const bad of [token, 'A'.repeat(43), 'short', '..%2F..%2Fetc', `${token}x`]) {
      const res = await request(t.app).get(`/calendar/${bad}.ics`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
  });

  it('when the adviser is deactivated, then their feed answers 404 (the trigger revoked it)', async () => {
    const t = app();
    const { adviser } = dstScenario(t);
    const token = await feedToken(t, 'adviser', adviser);
    expect((await getFeed(t, token)).status).toBe(200);
    t.db.prepare('UPDATE advisers SET active = 0 WHERE id = ?').run(adviser);
    expect((await getFeed(t, token)).status).toBe(404);
    const row = t.db.prepare('SELECT revoked_at FROM calendar_tokens WHERE token_hash = ?').get(hashToken(token)) as { revoked_at: string | null };
    expect(row.revoked_at).not.toBeNull();
    // Reactivating does not bring the old link back.
    t.db.prepare('UPDATE advisers SET active = 1 WHERE id = ?').run(adviser);
    expect((await getFeed(t, token)).status).toBe(404);
  });

  it('when a token is stored, then only its hash is in the database', async () => {
    const t = app();
    const { adviser } = dstScenario(t);
    const token = await feedToken(t, 'adviser', adviser);
    const rows = t.db.prepare('SELECT * FROM calendar_tokens').all();
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows).toHaveLength(1);
  });
});

describe('privacy of the capability', () => {
  it('when requests are logged, then no log line contains the token', async () => {
    const lines: string[] = [];
    const db = openDatabase(':memory:');
    migrate(db);
    // Request lines carry the path in their structured fields (JSON logs): read both.
    const line = (m: string, fields?: unknown) => lines.push(`${m} ${JSON.stringify(fields ?? {})}`);
    const log = { info: (m: string, fields?: unknown) => line(m, fields), error: (m: string, _err?: unknown, fields?: unknown) => line(m, fields) };
    const logged = createApp({ db, config: testConfig({ logRequests: true }), log, clock: fixedClock(NOW) });
    const t = makeTestApp({ db, clock: fixedClock(NOW) });
    const { adviser } = dstScenario(t);
    const token = await feedToken(t, 'adviser', adviser);
    expect((await request(logged).get(`/calendar/${token}.ics`)).status).toBe(200);
    expect((await request(logged).get(`/calendar/${token.slice(1)}A.ics`)).status).toBe(404);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.join('\n')).not.toContain(token.slice(0, 20));
    expect(lines.join('\n')).toContain('/calendar/[redacted]');
  });

  it('when the user who made a feed is deactivated, then the feed stops (the trigger revokes it)', async () => {
    const t = app();
    const region = makeRegion(t.db);
    const supervisor = await makeUser(t, 'supervisor', { cityId: region.cities.helsinki });
    const res = await request(t.app)
      .post('/api/v1/calendar-tokens')
      .set('Authorization', `Bearer ${apiToken(t, supervisor.id)}`)
      .send({ scope: 'city', id: region.cities.helsinki });
    expect(res.status).toBe(201);
    expect((await getFeed(t, res.body.token)).status).toBe(200);
    t.db.prepare('UPDATE users SET active = 0 WHERE id = ?').run(supervisor.id);
    expect((await getFeed(t, res.body.token)).status).toBe(404);
  });

  it('when no language is asked for, then the feed speaks Finnish', async () => {
    const t = app();
    const { adviser } = dstScenario(t);
    const text = bodyOf(await getFeed(t, await feedToken(t, 'adviser', adviser))).toString('utf8');
    expect(parseWithIcalJs(text).name).toBe('vuoro: Åsa Öhman – vuorot');
    expect(parseWithNodeIcal(text)[0]?.summary).toBe('Email advisory fi – Helsinki fi');
    expect(parseWithNodeIcal(text)[0]?.description).toBe('Vuorossa ei ole muita.');
  });
});
