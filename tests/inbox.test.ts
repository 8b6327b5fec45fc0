import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { notifyAdvisers, unreadCount } from '../src/features/notifications/rules.js';
import { loggedIn, makeTestApp, type TestApp } from './helpers/app.js';
import { makeAdviser, makeCity } from './helpers/factories.js';

const text = (subject: string, body: string) => ({ text: { fi: { subject, body }, sv: { subject, body }, en: { subject, body } } });
const rowIds = (html: string): number[] => [...html.matchAll(/data-notification="(\d+)"/g)].map((m) => Number(m[1]));

async function adviserWithInbox(t: TestApp, language: 'fi' | 'sv' | 'en' = 'en') {
  const adviser = makeAdviser(t.db, makeCity(t.db));
  const { browser, user } = await loggedIn(t, 'adviser', { adviserId: adviser, language });
  return { adviser, browser, user };
}

describe('GET /inbox', () => {
  it('when an adviser has notifications, then the inbox lists only theirs, newest first, with the unread marked', async () => {
    const t = makeTestApp();
    const me = await adviserWithInbox(t);
    const other = await adviserWithInbox(t);
    const [first] = notifyAdvisers(t.ctx, [me.adviser], text('Roster published', 'Line one\nLine two')).notificationIds;
    const [second] = notifyAdvisers(t.ctx, [me.adviser], text('Swap approved', 'Done.')).notificationIds;
    const [foreign] = notifyAdvisers(t.ctx, [other.adviser], text('Not for you', 'Secret')).notificationIds;
    const res = await me.browser.get('/inbox');
    expect(res.status).toBe(200);
    expect(rowIds(res.text)).toEqual([second, first]);
    expect(rowIds(res.text)).not.toContain(foreign);
    expect(res.text).not.toContain('Not for you');
    expect(res.text).toContain('2 unread');
    expect(res.text).toContain('<strong>Roster published</strong>');
    expect(res.text).toContain('Line one<br>Line two');
    expect(res.text).toContain('<span class="badge">Unread</span>');
    expect(res.text).toContain('action="/inbox/read-all"');
  });

  it('when marking all read, then the unread count drops to 0 for that user only and the page says read', async () => {
    const t = makeTestApp();
    const me = await adviserWithInbox(t);
    const other = await adviserWithInbox(t);
    notifyAdvisers(t.ctx, [me.adviser, other.adviser], text('Roster published', 'Check your turns.'));
    expect(unreadCount(t.ctx, me.user.id)).toBe(1);
    await me.browser.get('/inbox');
    const posted = await me.browser.post('/inbox/read-all');
    expect(posted.status).toBe(303);
    expect(posted.headers.location).toBe('/inbox');
    expect(unreadCount(t.ctx, me.user.id)).toBe(0);
    expect(unreadCount(t.ctx, other.user.id)).toBe(1);
    const page = await me.browser.get('/inbox');
    expect(page.text).toContain('All notifications marked as read.');
    expect(page.text).toContain('0 unread');
    expect(page.text).not.toContain('<span class="badge">Unread</span>');
    expect(page.text).not.toContain('action="/inbox/read-all"');
  });

  it('when marking read without the CSRF token, then 403 and nothing is marked', async () => {
    const t = makeTestApp();
    const me = await adviserWithInbox(t);
    notifyAdvisers(t.ctx, [me.adviser], text('Hello', 'World'));
    const res = await me.browser.post('/inbox/read-all', { _csrf: '' });
    expect(res.status).toBe(403);
    expect(unreadCount(t.ctx, me.user.id)).toBe(1);
  });

  it('when a stored subject or body carries markup, then the inbox shows it escaped', async () => {
    const t = makeTestApp();
    const me = await adviserWithInbox(t);
    notifyAdvisers(t.ctx, [me.adviser], text('<script>alert(1)</script>', '<img src=x onerror=alert(2)>\n"quoted" & more'));
    const res = await me.browser.get('/inbox');
    expect(res.status).toBe(200);
    expect(res.text).not.toMatch(/<script>alert|<img src=x/);
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.text).toContain('&lt;img src=x onerror=alert(2)&gt;<br>&#34;quoted&#34; &amp; more');
  });

  it('when the user reads Swedish, then the page and the stored message are in Swedish', async () => {
    const t = makeTestApp();
    const me = await adviserWithInbox(t, 'sv');
    notifyAdvisers(t.ctx, [me.adviser], {
      subjectKey: 'notifications.swapApprovedSubject',
      bodyKey: 'notifications.swapApprovedBody',
      params: { turn: 'ti 1.6. 09:00' },
    });
    const res = await me.browser.get('/inbox');
    expect(res.text).toContain('<h1>Inkorg</h1>');
    expect(res.text).toContain('Bytet har godkänts');
    expect(res.text).toContain('Bytet av passet ti 1.6. 09:00 har godkänts.');
    expect(res.text).toContain('lang="sv"');
  });

  it('when not logged in or the page number is bad, then a redirect to the login or 400', async () => {
    const t = makeTestApp();
    const me = await adviserWithInbox(t);
    expect((await me.browser.get('/inbox?page=abc')).status).toBe(400);
    const anonymous = await request(t.app).get('/inbox').set('Accept', 'text/html');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/login?next=%2Finbox');
  });
});
