import { createServer, type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { testConfig, type AppConfig } from '../src/config.js';
import { createContext, type Logger } from '../src/context.js';
import { openDatabase } from '../src/db/connection.js';
import { migrate } from '../src/db/migrate.js';
import { smtpMailer } from '../src/features/notifications/mailer.js';
import { notifyAdvisers, unreadCount } from '../src/features/notifications/rules.js';
import { makeUser, type TestApp } from './helpers/app.js';
import { makeAdviser, makeCity } from './helpers/factories.js';

/** An app whose log the test reads; makeTestApp's log is silent. */
function appWithLog(config: Partial<AppConfig> = {}): TestApp & { lines: { info: string[]; error: string[] } } {
  const lines = { info: [] as string[], error: [] as string[] };
  const log: Logger = { info: (m) => lines.info.push(m), error: (m) => lines.error.push(m) };
  const db = openDatabase(':memory:');
  migrate(db);
  const deps = { db, config: testConfig(config), log };
  return { app: createApp(deps), db, ctx: createContext(deps), config: deps.config, lines };
}

interface Received {
  to: string[];
  headers: Map<string, string>;
  body: string;
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=) as nodemailer writes non-ASCII subjects. */
function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=(\s+(?==\?))?/g, (_m, _charset: string, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_h, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

function decodeBody(body: string, encoding: string | undefined): string {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_h, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

function parseMail(raw: string, to: string[]): Received {
  const split = raw.indexOf('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  return { to, headers, body: decodeBody(raw.slice(split + 4), headers.get('content-transfer-encoding')) };
}

/** A real SMTP server on 127.0.0.1 and a random port, keeping what it receives. */
async function startSmtp(): Promise<{ url: string; mails: Received[]; close: () => Promise<void> }> {
  const mails: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP: the default STARTTLS would offer a self-signed certificate nodemailer rightly refuses.
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push(
          parseMail(
            Buffer.concat(chunks).toString('latin1'),
            session.envelope.rcptTo.map((r) => r.address),
          ),
        );
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const turnChanged = {
  subjectKey: 'notifications.turnChangedSubject',
  bodyKey: 'notifications.turnChangedBody',
  params: (lang: 'fi' | 'sv' | 'en') => ({ turn: '2.6.2027 09:00', change: { fi: 'uusi neuvoja', sv: 'ny rådgivare', en: 'new adviser' }[lang] }),
} as const;

const inbox = (t: TestApp) =>
  t.db.prepare('SELECT user_id, adviser_id, email, language, subject, body, mail_status, read_at FROM notifications ORDER BY id').all() as Record<
    string,
    unknown
  >[];

describe('notifyAdvisers with SMTP', () => {
  it('when SMTP is configured, then each adviser gets a real email in their language after the transaction commits', async () => {
    const smtp = await startSmtp();
    cleanups.push(smtp.close);
    const t = appWithLog({ smtpUrl: smtp.url, mailFrom: 'vuoro <noreply@vuoro.test>', baseUrl: 'https://vuoro.example' });
    const city = makeCity(t.db);
    const sven = makeAdviser(t.db, city, { email: 'sven@example.test' });
    const noAccount = makeAdviser(t.db, city, { email: 'tiina@example.test' });
    const sUser = await makeUser(t, 'adviser', { adviserId: sven, language: 'sv' });

    const result = t.db.transaction(() => notifyAdvisers(t.ctx, [sven, noAccount, sven], turnChanged)).immediate();
    expect(result.notificationIds).toHaveLength(2);
    expect(smtp.mails).toHaveLength(0);
    const outcome = await result.mailed;
    expect(outcome.map((o) => o.status)).toEqual(['sent', 'sent']);

    const bySven = smtp.mails.find((m) => m.to.includes('sven@example.test'));
    expect(bySven?.headers.get('subject')).toBe('Ditt pass har ändrats');
    expect(bySven?.headers.get('from')).toContain('noreply@vuoro.test');
    expect(bySven?.headers.get('content-language')).toBe('sv');
    expect(bySven?.body).toContain('Ditt pass 2.6.2027 09:00 har ändrats: ny rådgivare');
    expect(bySven?.body).toContain('https://vuoro.example/inbox');
    // No user account: Finnish, the default.
    const byTiina = smtp.mails.find((m) => m.to.includes('tiina@example.test'));
    expect(byTiina?.headers.get('subject')).toBe('Vuorosi muuttui');
    expect(byTiina?.body).toContain('Vuorosi 2.6.2027 09:00 muuttui: uusi neuvoja');
    expect(smtp.mails).toHaveLength(2);

    expect(inbox(t)).toEqual([
      expect.objectContaining({ user_id: sUser.id, adviser_id: sven, language: 'sv', subject: 'Ditt pass har ändrats', mail_status: 'sent', read_at: null }),
      expect.objectContaining({ user_id: null, adviser_id: noAccount, language: 'fi', subject: 'Vuorosi muuttui', mail_status: 'sent' }),
    ]);
    expect(t.lines.error).toEqual([]);
  });

  it('when the calling transaction rolls back, then no inbox row stays and no email is sent', async () => {
    const smtp = await startSmtp();
    cleanups.push(smtp.close);
    const t = appWithLog({ smtpUrl: smtp.url });
    const adviser = makeAdviser(t.db, makeCity(t.db));
    let pending: Promise<unknown> = Promise.resolve();
    expect(() =>
      t.db
        .transaction(() => {
          pending = notifyAdvisers(t.ctx, [adviser], turnChanged).mailed;
          throw new Error('publish refused');
        })
        .immediate(),
    ).toThrow('publish refused');
    expect(await pending).toEqual([{ notificationId: expect.any(Number), status: 'skipped' }]);
    expect(smtp.mails).toEqual([]);
    expect(inbox(t)).toEqual([]);
  });

  it('when the SMTP server refuses the connection, then nothing throws, the inbox row stays and the failure is logged', async () => {
    const t = appWithLog({ smtpUrl: `smtp://127.0.0.1:${await closedPort()}` });
    const adviser = makeAdviser(t.db, makeCity(t.db), { email: 'refused@example.test' });
    const user = await makeUser(t, 'adviser', { adviserId: adviser, language: 'en' });
    const result = t.db.transaction(() => notifyAdvisers(t.ctx, [adviser], turnChanged)).immediate();
    expect(await result.mailed).toEqual([{ notificationId: result.notificationIds[0], status: 'failed' }]);
    expect(inbox(t)).toEqual([expect.objectContaining({ user_id: user.id, subject: 'Your turn changed', mail_status: 'failed' })]);
    expect(unreadCount(t.ctx, user.id)).toBe(1);
    expect(t.lines.error).toHaveLength(1);
    expect(t.lines.error[0]).toMatch(/mail to r\*\*\*@example\.test failed .*ECONNREFUSED/);
  });
});

describe('an injected mailer', () => {
  it('when AppDeps carries a mailer, then the context sends through it even without SMTP_URL', async () => {
    const smtp = await startSmtp();
    cleanups.push(smtp.close);
    const db = openDatabase(':memory:');
    migrate(db);
    const ctx = createContext({ db, config: testConfig(), log: { info: () => {}, error: () => {} }, mailer: smtpMailer(smtp.url, 'x@vuoro.test') });
    const adviser = makeAdviser(db, makeCity(db), { email: 'injected@example.test' });
    expect(await notifyAdvisers(ctx, [adviser], turnChanged).mailed).toEqual([expect.objectContaining({ status: 'sent' })]);
    expect(smtp.mails.map((m) => m.to)).toEqual([['injected@example.test']]);
  });
});

describe('notifyAdvisers without SMTP', () => {
  it('when no SMTP_URL is set, then the inbox row is written and one log line names the masked recipient and subject', async () => {
    const t = appWithLog();
    const adviser = makeAdviser(t.db, makeCity(t.db), { email: 'maija@example.test' });
    const user = await makeUser(t, 'adviser', { adviserId: adviser, language: 'fi' });
    const result = t.db.transaction(() => notifyAdvisers(t.ctx, [adviser], turnChanged)).immediate();
    expect(await result.mailed).toEqual([{ notificationId: result.notificationIds[0], status: 'logged' }]);
    expect(inbox(t)).toEqual([
      expect.objectContaining({ user_id: user.id, subject: 'Vuorosi muuttui', body: 'Vuorosi 2.6.2027 09:00 muuttui: uusi neuvoja', mail_status: 'none' }),
    ]);
    const mailLines = t.lines.info.filter((l) => l.startsWith('mail'));
    expect(mailLines).toEqual(['mail not sent (no SMTP_URL): to=m***@example.test subject="Vuorosi muuttui"']);
  });

  it('when an adviser id is unknown, then it is skipped and the others are still notified', async () => {
    const t = appWithLog();
    const adviser = makeAdviser(t.db, makeCity(t.db));
    const result = notifyAdvisers(t.ctx, [999_999, adviser], {
      text: { fi: { subject: 'Hei', body: 'Teksti' }, sv: { subject: 'Hej', body: 'Text' }, en: { subject: 'Hi', body: 'Text' } },
    });
    expect(result.notificationIds).toHaveLength(1);
    await result.mailed;
    expect(inbox(t)).toEqual([expect.objectContaining({ adviser_id: adviser, subject: 'Hei', body: 'Teksti' })]);
  });
});
