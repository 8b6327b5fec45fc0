import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { apiToken, loggedIn, makeTestApp, makeUser } from './helpers/app.js';

/** Our own error page: the layout's skip link and language switch, no stack, no file paths. */
function expectOwnPage(res: request.Response, status: number, lang: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^text\/html/);
  expect(res.text).toContain(`<html lang="${lang}">`);
  expect(res.text).toContain('class="skip-link"');
  expect(res.text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\/work\/|\/src\/|SyntaxError|PayloadTooLargeError|UnsupportedMediaType/);
}

describe('errors before the language is known', () => {
  it('when POST /login carries malformed JSON, then the app answers its own 400 page in Finnish', async () => {
    const { app } = makeTestApp();
    const res = await request(app).post('/login').set({ 'Content-Type': 'application/json', Accept: 'text/html' }).send('{bad');
    expectOwnPage(res, 400, 'fi');
    expect(res.text).toContain('Pyynnön runko ei ole kelvollista JSONia.');
  });

  it('when the browser prefers Swedish, then the malformed-body page is in Swedish', async () => {
    const { app } = makeTestApp();
    const res = await request(app)
      .post('/login')
      .set({ 'Content-Type': 'application/json', Accept: 'text/html', 'Accept-Language': 'sv-FI,sv;q=0.9' })
      .send('{bad');
    expectOwnPage(res, 400, 'sv');
    expect(res.text).toContain('Begärans innehåll är inte giltig JSON.');
  });

  it('when POST /login carries an oversized form, then the app answers its own 413 page', async () => {
    const { app } = makeTestApp();
    const res = await request(app)
      .post('/login')
      .set({ Accept: 'text/html' })
      .type('form')
      .send(`username=${'a'.repeat(300 * 1024)}&password=x`);
    expectOwnPage(res, 413, 'fi');
    expect(res.text).toContain('Pyyntö on liian suuri.');
  });

  it('when POST /login declares an unsupported charset, then the app answers its own 415 page', async () => {
    const { app } = makeTestApp();
    const form = await request(app)
      .post('/login')
      .set({ Accept: 'text/html', 'Content-Type': 'application/x-www-form-urlencoded; charset=koi8-r' })
      .send('username=a&password=b');
    expectOwnPage(form, 415, 'fi');
    expect(form.text).toContain('UTF-8');
    const json = await request(app).post('/login').set({ Accept: 'text/html', 'Content-Type': 'application/json; charset=latin1' }).send('{}');
    expectOwnPage(json, 415, 'fi');
  });

  it('when a signed-in Swedish user posts a malformed body to a page, then the error page is theirs: Swedish, with their navigation', async () => {
    const t = makeTestApp();
    const { browser } = await loggedIn(t, 'admin', { language: 'sv' });
    const res = await request(t.app)
      .post('/language')
      .set({ Cookie: browser.cookieHeader(), Accept: 'text/html', 'Content-Type': 'application/json' })
      .send('{"lang":');
    expectOwnPage(res, 400, 'sv');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('when an API call carries malformed JSON or an unsupported charset, then it answers the JSON error shape', async () => {
    const t = makeTestApp();
    const admin = await makeUser(t, 'admin');
    const token = apiToken(t, admin.id);
    const bad = await request(t.app)
      .post('/api/v1/absences')
      .set({ Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' })
      .send('{bad');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('bad_json');
    expect(bad.body.error.message).toBe('The request body is not valid JSON.');
    const charset = await request(t.app)
      .post('/api/v1/absences')
      .set({ Authorization: `Bearer ${token}`, 'Content-Type': 'application/json; charset=latin1' })
      .send('{}');
    expect(charset.status).toBe(415);
    expect(charset.body.error.code).toBe('unsupported_charset');
    expect(JSON.stringify(charset.body)).not.toMatch(/node_modules|\/work\//);
  });

  it('when a page request carries a malformed bearer token, then the 401 comes on our own page', async () => {
    const { app } = makeTestApp();
    const res = await request(app).get('/').set({ Accept: 'text/html', Authorization: 'Bearer !' });
    expectOwnPage(res, 401, 'fi');
  });
});
