import ICAL from 'ical.js';
import nodeIcal from 'node-ical';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxSettings } from '../src/config.js';
import { deliverDue } from '../src/features/outbox/rules.js';
import { finnishClosedDaysBetween } from '../src/time/holidays.js';
import { addDays, localToday, wallToUtc } from '../src/time/zone.js';
import { apiToken, Browser, makeTestApp, makeUser, type TestApp } from './helpers/app.js';
import { makeAdviser, makeRegion, makeTurn } from './helpers/factories.js';
import { startSmtp, type ReceivedMail } from './helpers/peers.js';
import { parseWithIcalJs } from './calendar/parse.js';

// Turns delivered into calendars as iTIP invitations (RFC 5546 over email,
// RFC 6047), sent through a real SMTP server and read back with two
// independent parsers.

const FAST: OutboxSettings = { pollMs: 40, retryBaseMs: 60, maxAttempts: 30, webhookDisableAfter: 3 };
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const instant = (date: string, time: string) => new Date(wallToUtc(date, time)).toISOString().replace('.000Z', 'Z');

interface Invite {
  mail: ReceivedMail;
  method: string;
  contentType: string;
  ics: string;
  text: string;
}

function invitesIn(mails: readonly ReceivedMail[]): Invite[] {
  return mails.flatMap((mail) => {
    const cal = mail.parts.find((p) => (p.headers.get('content-type') ?? '').startsWith('text/calendar'));
    if (!cal) return [];
    const text = mail.parts.find((p) => (p.headers.get('content-type') ?? '').startsWith('text/plain'))?.body ?? '';
    const contentType = cal.headers.get('content-type') ?? '';
    return [{ mail, method: /method=([A-Z]+)/i.exec(contentType)?.[1] ?? '', contentType, ics: cal.body, text }];
  });
}

function icalJs(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  const events = cal.getAllSubcomponents('vevent');
  const ev = events[0]!;
  return {
    method: String(cal.getFirstPropertyValue('method')),
    events: events.length,
    tzid: String(cal.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')),
    uid: String(ev.getFirstPropertyValue('uid')),
    sequence: Number(ev.getFirstPropertyValue('sequence')),
    organizer: String(ev.getFirstPropertyValue('organizer')),
    attendee: String(ev.getFirstPropertyValue('attendee')),
    status: String(ev.getFirstPropertyValue('status')),
    transp: String(ev.getFirstPropertyValue('transp')),
    busy: String(ev.getFirstPropertyValue('x-microsoft-cdo-busystatus')),
    start: new ICAL.Event(ev).startDate.toJSDate(),
  };
}

/** A Tuesday or Wednesday three weeks or more ahead that, with the day after, is neither a holiday nor a closed day. */
function openWeekday(): string {
  let d = addDays(localToday(new Date()), 21);
  for (;;) {
    const weekday = new Date(`${d}T12:00:00Z`).getUTCDay();
    if ((weekday === 2 || weekday === 3) && finnishClosedDaysBetween(d, addDays(d, 1)).length === 0) return d;
    d = addDays(d, 1);
  }
}

async function setup(config: { calendarInvites: boolean }) {
  const smtp = await startSmtp();
  cleanups.push(smtp.close);
  const t = makeTestApp({ config: { smtpUrl: smtp.url, mailFrom: 'vuoro <rota@vuoro.example>', outbox: FAST, ...config } });
  const r = makeRegion(t.db);
  const aino = makeAdviser(t.db, r.cities.espoo, {
    name: 'Aino Virtanen',
    email: 'aino@espoo.example',
    skills: [r.services.phone, r.services.email],
    languages: ['fi', 'sv'],
    maxHoursPerWeek: 40,
  });
  const sven = makeAdviser(t.db, r.cities.espoo, {
    name: 'Sven Holm',
    email: 'sven@espoo.example',
    skills: [r.services.phone],
    languages: ['sv', 'fi'],
    maxHoursPerWeek: 40,
  });
  const bertil = makeAdviser(t.db, r.cities.espoo, {
    name: 'Bertil Ek',
    email: 'bertil@espoo.example',
    skills: [r.services.phone],
    languages: ['sv', 'fi'],
    maxHoursPerWeek: 40,
  });
  const ainoUser = await makeUser(t, 'adviser', { adviserId: aino, language: 'fi' });
  const svenUser = await makeUser(t, 'adviser', { adviserId: sven, language: 'sv' });
  const admin = await makeUser(t, 'admin', { language: 'en' });
  const token = apiToken(t, admin.id);
  const day = openWeekday();
  const phone = makeTurn(t.db, {
    serviceId: r.services.phone,
    cityId: r.cities.espoo,
    date: day,
    startAt: instant(day, '09:00'),
    endAt: instant(day, '12:00'),
    headcount: 2,
    adviserIds: [aino, sven],
    pinned: true,
  });
  const email = makeTurn(t.db, {
    serviceId: r.services.email,
    cityId: r.cities.espoo,
    date: addDays(day, 1),
    startAt: instant(addDays(day, 1), '08:00'),
    endAt: instant(addDays(day, 1), '16:00'),
    adviserIds: [aino],
    pinned: true,
  });
  return { smtp, t, r, aino, sven, bertil, ainoUser, svenUser, token, day, phone, email };
}

async function publish(t: TestApp, token: string, from: string, to: string) {
  const res = await request(t.app).post('/api/v1/rosters/publish').set('Authorization', `Bearer ${token}`).send({ from, to, overrideReason: 'test' });
  expect(res.status).toBe(200);
}

const versionOf = (t: TestApp, turn: number) => (t.db.prepare('SELECT version FROM turns WHERE id = ?').get(turn) as { version: number }).version;

async function feedEvents(t: TestApp, token: string, adviserId: number) {
  const made = await request(t.app).post('/api/v1/calendar-tokens').set('Authorization', `Bearer ${token}`).send({ scope: 'adviser', id: adviserId });
  expect(made.status).toBe(201);
  const feed = await request(t.app)
    .get(`/calendar/${made.body.token}.ics`)
    .buffer(true)
    .parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
  return parseWithIcalJs((feed.body as Buffer).toString('utf8')).events;
}

describe('invitations on publish', () => {
  it("when a range is published, then each adviser gets one iTIP REQUEST per turn with the feed's UID and SEQUENCE, busy, in Helsinki time and their language", async () => {
    const { smtp, t, aino, sven, token, day, phone, email } = await setup({ calendarInvites: true });
    await publish(t, token, day, addDays(day, 1));
    await deliverDue(t.ctx);

    const invites = invitesIn(smtp.mails);
    expect(invites).toHaveLength(3);
    expect(invites.map((i) => i.method)).toEqual(['REQUEST', 'REQUEST', 'REQUEST']);
    expect(invites.map((i) => i.mail.to[0]).sort()).toEqual(['aino@espoo.example', 'aino@espoo.example', 'sven@espoo.example']);
    // The other mails are the inbox notifications, without calendar parts.
    expect(smtp.mails.length - invites.length).toBe(2);

    const feed = await feedEvents(t, token, aino);
    for (const inv of invites) {
      expect(inv.contentType).toMatch(/^text\/calendar; .*method=REQUEST/i);
      expect(inv.mail.headers.get('content-type')).toMatch(/^multipart\//);
      const parsed = icalJs(inv.ics);
      const adviser = inv.mail.to[0] === 'sven@espoo.example' ? sven : aino;
      const turn = parsed.uid.startsWith(`turn-${phone}-`) ? phone : email;
      expect(parsed).toMatchObject({
        method: 'REQUEST',
        events: 1,
        tzid: 'Europe/Helsinki',
        uid: `turn-${turn}-adviser-${adviser}@vuoro`,
        sequence: versionOf(t, turn),
        organizer: 'mailto:rota@vuoro.example',
        attendee: `mailto:${inv.mail.to[0]}`,
        status: 'CONFIRMED',
        transp: 'OPAQUE',
        busy: 'BUSY',
      });
      expect(parsed.start.toISOString()).toBe(new Date(turn === phone ? instant(day, '09:00') : instant(addDays(day, 1), '08:00')).toISOString());
      // node-ical reads the same event independently.
      const other = Object.values(nodeIcal.sync.parseICS(inv.ics)).filter((c) => c?.type === 'VEVENT') as nodeIcal.VEvent[];
      expect(other).toHaveLength(1);
      expect(other[0]?.uid).toBe(parsed.uid);
      expect(Number(other[0]?.sequence)).toBe(parsed.sequence);
      expect(other[0]?.start.getTime()).toBe(parsed.start.getTime());
      if (adviser === aino) {
        // The subscribed feed carries the very same UID and SEQUENCE: one event in the calendar, not two.
        expect(feed).toContainEqual(expect.objectContaining({ uid: parsed.uid, sequence: parsed.sequence }));
      }
    }
    const svensText = invites.find((i) => i.mail.to[0] === 'sven@espoo.example')?.text ?? '';
    expect(svensText).toContain('Du har serviceturen');
    const ainosText = invites.find((i) => i.mail.to[0] === 'aino@espoo.example')?.text ?? '';
    expect(ainosText).toContain('Olet palveluvuorossa');
    expect(ainosText).toContain('Sven Holm');
    // Delivered once: a second round sends nothing more.
    expect(await deliverDue(t.ctx)).toBe(0);
  });

  it('when CALENDAR_INVITES is off, then nobody who has not chosen gets invitations, but a user who switched them on does', async () => {
    const { smtp, t, aino, ainoUser, token, day } = await setup({ calendarInvites: false });
    const browser = new Browser(t.app);
    await browser.login(ainoUser.username);
    const page = await browser.get('/profile');
    expect(page.text).toContain('name="enabled" value="true"');
    expect((await browser.post('/profile/calendar-invites', { enabled: ['false', 'true'] })).status).toBe(303);
    await publish(t, token, day, addDays(day, 1));
    await deliverDue(t.ctx);
    const invites = invitesIn(smtp.mails);
    expect(invites.map((i) => i.mail.to[0])).toEqual(['aino@espoo.example', 'aino@espoo.example']);
    const log = t.db.prepare("SELECT user_id, adviser_id, after FROM audit_log WHERE kind = 'user.calendar_invites'").all() as Array<Record<string, unknown>>;
    expect(log).toEqual([expect.objectContaining({ user_id: ainoUser.id, adviser_id: aino })]);
  });
});

describe('invitations on later changes', () => {
  it('when a published turn moves from one adviser to another, then the one leaving gets a CANCEL with a higher SEQUENCE and the one joining a REQUEST', async () => {
    const { smtp, t, aino, sven, bertil, svenUser, token, day, phone } = await setup({ calendarInvites: true });
    await publish(t, token, day, addDays(day, 1));
    await deliverDue(t.ctx);
    const first = invitesIn(smtp.mails).find((i) => i.mail.to[0] === 'sven@espoo.example')!;
    const before = icalJs(first.ics).sequence;
    smtp.mails.length = 0;

    const res = await request(t.app)
      .put(`/api/v1/turns/${phone}/assignments`)
      .set('Authorization', `Bearer ${token}`)
      .send({ adviserIds: [aino, bertil], version: versionOf(t, phone) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await deliverDue(t.ctx);
    const invites = invitesIn(smtp.mails);
    expect(invites.map((i) => `${i.mail.to[0]} ${i.method}`).sort()).toEqual(['bertil@espoo.example REQUEST', 'sven@espoo.example CANCEL']);

    const cancel = icalJs(invites.find((i) => i.method === 'CANCEL')!.ics);
    expect(cancel).toMatchObject({ method: 'CANCEL', uid: `turn-${phone}-adviser-${sven}@vuoro`, status: 'CANCELLED' });
    expect(cancel.sequence).toBeGreaterThan(before);
    expect(cancel.sequence).toBe(versionOf(t, phone));
    expect(invites.find((i) => i.method === 'CANCEL')!.text).toContain('Du har inte längre serviceturen');
    const request_ = icalJs(invites.find((i) => i.method === 'REQUEST')!.ics);
    expect(request_).toMatchObject({ uid: `turn-${phone}-adviser-${bertil}@vuoro`, sequence: versionOf(t, phone) });
    // Sven's own feed no longer lists the turn; the cancellation removed the invitation's copy.
    const svenFeed = await feedEvents(t, apiToken(t, svenUser.id), sven);
    expect(svenFeed.map((e) => e.uid)).not.toContain(cancel.uid);
  });

  it('when a user has switched invitations off, then a change of their turn sends them none', async () => {
    const { smtp, t, aino, bertil, svenUser, token, day, phone } = await setup({ calendarInvites: true });
    const b = new Browser(t.app);
    await b.login(svenUser.username);
    expect((await b.post('/profile/calendar-invites', { enabled: 'false' })).status).toBe(303);
    await publish(t, token, day, addDays(day, 1));
    await deliverDue(t.ctx);
    expect(invitesIn(smtp.mails).map((i) => i.mail.to[0])).not.toContain('sven@espoo.example');
    const res = await request(t.app)
      .put(`/api/v1/turns/${phone}/assignments`)
      .set('Authorization', `Bearer ${token}`)
      .send({ adviserIds: [aino, bertil], version: versionOf(t, phone) });
    expect(res.status).toBe(200);
    await deliverDue(t.ctx);
    expect(invitesIn(smtp.mails).map((i) => i.mail.to[0])).not.toContain('sven@espoo.example');
  });
});
