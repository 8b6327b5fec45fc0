import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { reminderDue, tick } from '../src/features/my-day/reminders.js';
import { loggedIn, makeTestApp, makeUser } from './helpers/app.js';
import { makeAdviser, makeRegion, makeTurn } from './helpers/factories.js';

interface Mail {
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that keeps what it receives. */
async function startSmtp(): Promise<{ url: string; mails: Mail[]; close: () => Promise<void> }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()?.();
});

/** Tuesday 4 May 2027 09:00–12:00 Helsinki (EEST, +3): the working day before is Monday 3 May, 15:00 = 12:00Z. */
const START = '2027-05-04T06:00:00Z';
const END = '2027-05-04T09:00:00Z';

async function setup() {
  const smtp = await startSmtp();
  closers.push(smtp.close);
  const clock = { at: new Date('2027-05-03T11:59:00Z') };
  const t = makeTestApp({ config: { smtpUrl: smtp.url }, clock: { now: () => clock.at } });
  const r = makeRegion(t.db);
  const anna = makeAdviser(t.db, r.cities.vantaa, { name: 'Anna', email: 'anna@example.test', skills: [r.services.email] });
  const user = await makeUser(t, 'adviser', { adviserId: anna, language: 'en' });
  const turn = makeTurn(t.db, {
    serviceId: r.services.email,
    date: '2027-05-04',
    startAt: START,
    endAt: END,
    cityId: r.cities.vantaa,
    status: 'published',
    adviserIds: [anna],
  });
  return { smtp, clock, t, r, anna, user, turn };
}

const subjects = (t: ReturnType<typeof makeTestApp>, userId: number) =>
  (t.db.prepare('SELECT subject FROM notifications WHERE user_id = ? ORDER BY id').all(userId) as Array<{ subject: string }>).map((r) => r.subject);

describe('when a reminder is due', () => {
  it('when the working day before 15:00 comes, then one reminder goes to the inbox and by real email, never earlier and never twice, also after a restart', async () => {
    const { smtp, clock, t, user } = await setup();
    expect(tick(t.ctx).reminders).toBe(0);
    clock.at = new Date('2027-05-03T12:00:00Z');
    const first = tick(t.ctx);
    expect(first.reminders).toBe(1);
    expect(await first.mailed).toEqual([expect.objectContaining({ status: 'sent' })]);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]?.to).toEqual(['anna@example.test']);
    expect(smtp.mails[0]?.raw).toContain('Reminder: your turn Tue 4 May 2027');
    expect(subjects(t, user.id)).toEqual(['Reminder: your turn Tue 4 May 2027']);
    clock.at = new Date('2027-05-03T12:01:00Z');
    expect(tick(t.ctx).reminders).toBe(0);
    // A restart: a new app and context on the same database.
    const again = makeTestApp({ db: t.db, config: { smtpUrl: smtp.url }, clock: { now: () => clock.at } });
    const afterRestart = tick(again.ctx);
    expect(afterRestart.reminders).toBe(0);
    await afterRestart.mailed;
    expect(smtp.mails).toHaveLength(1);
  });

  it('when the turn was removed or the adviser turned reminders off, then nothing is sent', async () => {
    const { smtp, clock, t, r, anna, user, turn } = await setup();
    t.db.prepare('DELETE FROM assignments WHERE turn_id = ?').run(turn);
    const other = makeAdviser(t.db, r.cities.vantaa, { name: 'Olli', email: 'olli@example.test', skills: [r.services.email] });
    const olli = await makeUser(t, 'adviser', { adviserId: other, language: 'en' });
    t.db.prepare("UPDATE users SET reminder = 'off' WHERE id = ?").run(olli.id);
    makeTurn(t.db, {
      serviceId: r.services.phone,
      date: '2027-05-04',
      startAt: START,
      endAt: END,
      cityId: r.cities.vantaa,
      status: 'published',
      adviserIds: [other],
    });
    clock.at = new Date('2027-05-03T13:00:00Z');
    const result = tick(t.ctx);
    await result.mailed;
    expect(result.reminders).toBe(0);
    expect(subjects(t, user.id).filter((s) => s.startsWith('Reminder'))).toEqual([]);
    expect(smtp.mails.filter((m) => m.raw.includes('Reminder'))).toEqual([]);
    expect(anna).toBeGreaterThan(0);
  });

  it('when the adviser chose 7 days before, then the reminder comes exactly 7 days before the start', async () => {
    const { clock, t, anna, user } = await setup();
    t.db.prepare('UPDATE users SET reminder = ? WHERE id = ?').run('7', user.id);
    clock.at = new Date('2027-04-27T05:59:00Z');
    expect(tick(t.ctx).reminders).toBe(0);
    clock.at = new Date('2027-04-27T06:00:00Z');
    expect(tick(t.ctx).reminders).toBe(1);
    expect(anna).toBeGreaterThan(0);
  });

  it('when the profile form sets the reminder, then it is stored, logged, and a bad value is refused', async () => {
    const { t, anna } = await setup();
    const { browser, user } = await loggedIn(t, 'adviser', { adviserId: makeAdviser(t.db, 1, { name: 'Other' }) });
    expect(anna).toBeGreaterThan(0);
    const page = await browser.get('/profile');
    expect(page.text).toContain('name="reminder"');
    expect((await browser.post('/profile/reminder', { reminder: '2' })).status).toBe(303);
    expect(t.db.prepare('SELECT reminder FROM users WHERE id = ?').get(user.id)).toEqual({ reminder: '2' });
    expect(t.db.prepare("SELECT kind FROM audit_log WHERE kind = 'profile.reminder'").all()).toHaveLength(1);
    expect((await browser.post('/profile/reminder', { reminder: '3' })).status).toBe(400);
  });
});

describe('the working day before', () => {
  it('when the day before is a weekend or a holiday, then the reminder comes on the last working day before, at 15:00 Helsinki time', () => {
    const none = new Set<string>();
    // Monday 10 May 2027 09:00 → Friday 7 May 15:00 (12:00Z in summer time).
    expect(reminderDue('2027-05-10T06:00:00Z', 'working_day', none)).toBe('2027-05-07T12:00:00Z');
    // Friday 7 May after Ascension Day (Thursday 6 May, closed) → Wednesday 5 May.
    expect(reminderDue('2027-05-07T06:00:00Z', 'working_day', new Set(['2027-05-06']))).toBe('2027-05-05T12:00:00Z');
    // Winter time: 15:00 is 13:00Z.
    expect(reminderDue('2027-01-12T07:00:00Z', 'working_day', none)).toBe('2027-01-11T13:00:00Z');
    expect(reminderDue('2027-05-10T06:00:00Z', '2', none)).toBe('2027-05-08T06:00:00Z');
    expect(reminderDue('2027-05-10T06:00:00Z', 'off', none)).toBeNull();
  });
});

describe('change notices', () => {
  it('when one of my published turns moves or is removed, then I am told at the next tick, once', async () => {
    const { smtp, clock, t, r, anna, user, turn } = await setup();
    const second = makeTurn(t.db, {
      serviceId: r.services.email,
      date: '2027-05-05',
      startAt: '2027-05-05T06:00:00Z',
      endAt: '2027-05-05T09:00:00Z',
      cityId: r.cities.vantaa,
      status: 'published',
      adviserIds: [anna],
    });
    clock.at = new Date('2027-05-01T08:00:00Z');
    expect(tick(t.ctx)).toMatchObject({ moved: 0, gone: 0 });
    t.db.prepare("UPDATE turns SET start_at = '2027-05-04T07:00:00Z', end_at = '2027-05-04T10:00:00Z', version = version + 1 WHERE id = ?").run(turn);
    t.db.prepare('DELETE FROM turns WHERE id = ?').run(second);
    clock.at = new Date('2027-05-01T08:01:00Z');
    const result = tick(t.ctx);
    expect(result).toMatchObject({ moved: 1, gone: 1 });
    await result.mailed;
    expect(subjects(t, user.id)).toEqual(['Your turn moved', 'Your turn was removed']);
    const body = t.db.prepare("SELECT body FROM notifications WHERE subject = 'Your turn moved'").get() as { body: string };
    expect(body.body).toBe('Your turn Email advisory Tue 4 May 2027 09:00–12:00 is now Tue 4 May 2027 10:00–13:00 (Vantaa).');
    expect(smtp.mails).toHaveLength(2);
    clock.at = new Date('2027-05-01T08:02:00Z');
    expect(tick(t.ctx)).toMatchObject({ moved: 0, gone: 0 });
  });
});
