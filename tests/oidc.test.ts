import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, type OidcConfig } from '../src/config.js';
import { claimValues, grantFor, parseRoleMap } from '../src/features/oidc/role-map.js';
import { openTransaction, sealTransaction } from '../src/features/oidc/transaction.js';
import { Browser, makeTestApp, makeUser, PASSWORD, type TestApp } from './helpers/app.js';
import { makeAdviser, makeCity } from './helpers/factories.js';
import { ProviderBrowser, startIdp, type TestIdp } from './oidc/idp.js';

// The whole sign-in against a real OpenID provider (oidc-provider) on loopback:
// vuoro is driven through supertest, the provider with fetch, the browser's
// redirects between them by hand.
const BASE = 'http://localhost:3000';
const ROLE_MAP = {
  'vuoro-admins': { role: 'admin' },
  'vuoro-supervisors-espoo': { role: 'supervisor', city: 'espoo' },
  'vuoro-advisers': { role: 'adviser' },
};

let idp: TestIdp;
let oidc: OidcConfig;
let accountSeq = 0;

beforeAll(async () => {
  idp = await startIdp(BASE);
  const map = parseRoleMap(JSON.stringify(ROLE_MAP));
  if (!map.ok) throw new Error(map.problems.join());
  oidc = { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, scopes: 'openid profile email', roleClaim: 'groups', roleMap: map.map };
});
afterAll(() => idp.close());

function setup(passwordLogin = true) {
  const t = makeTestApp({ config: { oidc, passwordLogin } });
  const espoo = makeCity(t.db, { code: 'espoo', name: 'Espoo' });
  return { t, espoo };
}

function person(claims: Record<string, unknown>): string {
  const id = `person-${++accountSeq}`;
  idp.accounts.set(id, claims);
  return id;
}

/** Starts at vuoro, signs in at the provider, and returns vuoro's callback path (not yet visited). */
async function toCallback(browser: Browser, account: string, o: { next?: string; tamper?: (url: URL) => void } = {}): Promise<string> {
  const start = await browser.get(`/login/oidc${o.next ? `?next=${encodeURIComponent(o.next)}` : ''}`);
  expect(start.status).toBe(303);
  const authUrl = new URL(String(start.headers.location));
  expect(authUrl.origin).toBe(idp.issuer);
  expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');
  o.tamper?.(authUrl);
  const back = await new ProviderBrowser().authorize(authUrl.href, account, BASE);
  expect(back.startsWith(`${BASE}/login/oidc/callback?`)).toBe(true);
  return back.slice(BASE.length);
}

const users = (t: TestApp) => t.db.prepare('SELECT * FROM users WHERE oidc_subject IS NOT NULL ORDER BY id').all() as Array<Record<string, unknown>>;
const sessionsOf = (t: TestApp) => t.db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number };
const changes = (t: TestApp, kind: string) => t.db.prepare('SELECT * FROM audit_log WHERE kind = ? ORDER BY id').all(kind) as Array<Record<string, unknown>>;

describe('single sign-on with OpenID Connect', () => {
  it('when an adviser of the advisers group signs in, then a user is made with the adviser role, linked by email, and logged in', async () => {
    const { t, espoo } = setup();
    const adviserId = makeAdviser(t.db, espoo, { name: 'Aino Virtanen', email: 'aino.virtanen@espoo.fi' });
    const account = person({ name: 'Aino Virtanen', email: 'Aino.Virtanen@espoo.fi', email_verified: true, groups: ['vuoro-advisers', 'staff'], locale: 'fi' });
    const browser = new Browser(t.app);

    const callback = await toCallback(browser, account, { next: '/profile' });
    // Starting the sign-in kept its state in a cookie, not in a session row.
    expect(sessionsOf(t).n).toBe(0);
    const done = await browser.get(callback);
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/profile');

    const [user] = users(t);
    expect(user).toMatchObject({
      role: 'adviser',
      adviser_id: adviserId,
      city_id: null,
      display_name: 'Aino Virtanen',
      email: 'Aino.Virtanen@espoo.fi',
      language: 'fi',
      password_hash: '',
      active: 1,
    });
    expect(user?.oidc_issuer).toBe(idp.issuer);
    const page = await browser.get('/profile');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Aino Virtanen');
    expect(changes(t, 'user.sso_create')).toHaveLength(1);
    expect(changes(t, 'user.sso_create')[0]).toMatchObject({ user_id: user?.id, entity_id: user?.id, adviser_id: adviserId });

    // A user made by single sign-on has no password to log in with.
    const withPassword = await new Browser(t.app).post('/login', { username: String(user?.username), password: '' });
    expect(withPassword.status).toBe(401);
  });

  it('when a local user is already linked to the adviser with the same address, then the sign-in takes over that user', async () => {
    const { t, espoo } = setup();
    const adviserId = makeAdviser(t.db, espoo, { name: 'Kalle Koski', email: 'kalle.koski@espoo.fi' });
    const local = await makeUser(t, 'adviser', { adviserId });
    const account = person({ name: 'Kalle Koski', email: 'kalle.koski@espoo.fi', groups: ['vuoro-advisers'] });
    const browser = new Browser(t.app);
    expect((await browser.get(await toCallback(browser, account))).status).toBe(303);
    expect(users(t)).toMatchObject([{ id: local.id, username: local.username, oidc_subject: account, adviser_id: adviserId, display_name: 'Kalle Koski' }]);
    expect(changes(t, 'user.sso_update')).toMatchObject([{ user_id: local.id, entity_id: local.id }]);
    expect(t.db.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 1 });
  });

  it('when the city moves to a new provider, then its users are found again by their address, and keep no password form', async () => {
    const { t } = setup();
    const account = person({ name: 'Mirja', email: 'mirja@espoo.fi', groups: ['vuoro-admins'] });
    const first = new Browser(t.app);
    expect((await first.get(await toCallback(first, account))).status).toBe(303);
    const [before] = users(t);
    t.db.prepare("UPDATE users SET oidc_issuer = 'https://tunnistamo.example.fi', oidc_subject = 'old-subject'").run();

    const again = new Browser(t.app);
    expect((await again.get(await toCallback(again, account))).status).toBe(303);
    expect(users(t)).toMatchObject([{ id: before?.id, oidc_issuer: idp.issuer, oidc_subject: account }]);
    const profile = await again.get('/profile');
    expect(profile.text).toContain('Kirjaudut kaupungin tunnuksella');
    expect(profile.text).not.toContain('name="currentPassword"');
  });

  it('when someone is in the admin and a supervisor group, then the highest role wins, and a later sign-in updates the same user', async () => {
    const { t, espoo } = setup();
    const claims: Record<string, unknown> = { name: 'Eero Esimies', email: 'eero@espoo.fi', groups: ['vuoro-supervisors-espoo', 'vuoro-admins'] };
    const account = person(claims);
    const first = new Browser(t.app);
    expect((await first.get(await toCallback(first, account))).status).toBe(303);
    expect(users(t)).toMatchObject([{ role: 'admin', city_id: null }]);

    idp.accounts.set(account, { ...claims, name: 'Eero Esimies-Korhonen', groups: ['vuoro-supervisors-espoo'] });
    const second = new Browser(t.app);
    expect((await second.get(await toCallback(second, account))).status).toBe(303);
    expect(users(t)).toMatchObject([{ role: 'supervisor', city_id: espoo, display_name: 'Eero Esimies-Korhonen' }]);
    // An admin sees that this user's role comes from the city account.
    const admin = await makeUser(t, 'admin', { language: 'en' });
    const adminBrowser = new Browser(t.app);
    await adminBrowser.login(admin.username);
    expect((await adminBrowser.get(`/users/${String(users(t)[0]?.id)}/edit`)).text).toContain('signs in with the city account');
    const [update] = changes(t, 'user.sso_update');
    expect(JSON.parse(String(update?.before))).toMatchObject({ role: 'admin' });
    expect(JSON.parse(String(update?.after))).toMatchObject({ role: 'supervisor', cityId: espoo });

    // Nothing changed: no new change-log entry.
    const third = new Browser(t.app);
    expect((await third.get(await toCallback(third, account))).status).toBe(303);
    expect(changes(t, 'user.sso_update')).toHaveLength(1);
  });

  it('when the state in the callback is not the one sent, then the sign-in is refused and nobody is logged in', async () => {
    const { t } = setup();
    const account = person({ name: 'Sanna', email: 'sanna@espoo.fi', groups: ['vuoro-admins'] });
    const browser = new Browser(t.app);
    const callback = new URL(await toCallback(browser, account), BASE);
    callback.searchParams.set('state', 'a-state-we-never-sent');
    const res = await browser.get(callback.pathname + callback.search);
    expect(res.status).toBe(400);
    expect(res.text).toContain('Kirjautumista ei voitu viedä loppuun');
    expect(users(t)).toEqual([]);
    expect((await browser.get('/profile')).status).toBe(303);
  });

  it('when the sign-in comes back after the transaction cookie expired, then it is refused before the code is redeemed', async () => {
    let now = Date.now();
    const t = makeTestApp({ config: { oidc }, clock: { now: () => new Date(now) } });
    const account = person({ name: 'Hidas', email: 'hidas@espoo.fi', groups: ['vuoro-admins'] });
    const browser = new Browser(t.app);
    const callback = await toCallback(browser, account);
    now += 11 * 60_000;
    expect((await browser.get(callback)).status).toBe(400);
    expect(users(t)).toEqual([]);
    // A sign-in completed in time is accepted.
    now -= 11 * 60_000;
    const retry = new Browser(t.app);
    const fresh = await toCallback(retry, account);
    expect((await retry.get(fresh)).status).toBe(303);
  });

  it('when the ID token carries another nonce than the one sent, then the sign-in is refused', async () => {
    const { t } = setup();
    const account = person({ name: 'Noora', email: 'noora@espoo.fi', groups: ['vuoro-admins'] });
    const browser = new Browser(t.app);
    const callback = await toCallback(browser, account, { tamper: (url) => url.searchParams.set('nonce', 'a-nonce-we-never-sent') });
    const res = await browser.get(callback);
    expect(res.status).toBe(400);
    expect(users(t)).toEqual([]);
  });

  it('when a code is replayed, even with the transaction cookie, then the provider refuses it and so does vuoro', async () => {
    const { t } = setup();
    const account = person({ name: 'Ville', email: 'ville@espoo.fi', groups: ['vuoro-admins'] });
    const browser = new Browser(t.app);
    const callback = await toCallback(browser, account);
    const stolenCookies = browser.cookieHeader();
    expect((await browser.get(callback)).status).toBe(303);

    const attacker = new Browser(t.app);
    const replay = await attacker.get(callback, { Cookie: stolenCookies });
    expect(replay.status).toBe(400);
    expect((await attacker.get('/profile', { Cookie: attacker.cookieHeader() })).status).toBe(303);
    // The original callback again, in the browser whose transaction is spent.
    expect((await browser.get(callback)).status).toBe(400);
  });

  it('when the code has expired before it is redeemed, then the sign-in is refused', async () => {
    const { t } = setup();
    const account = person({ name: 'Elli', email: 'elli@espoo.fi', groups: ['vuoro-admins'] });
    const browser = new Browser(t.app);
    idp.codeTtl.seconds = 1;
    let callback: string;
    try {
      callback = await toCallback(browser, account);
    } finally {
      idp.codeTtl.seconds = 60;
    }
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect((await browser.get(callback)).status).toBe(400);
    expect(users(t)).toEqual([]);
  });

  it('when the groups map to no role, then a clear refusal page in the person’s language is shown and no user is made', async () => {
    const { t } = setup();
    const account = person({ name: 'Stina', email: 'stina@espoo.fi', groups: ['other-application-users'], locale: 'sv' });
    const browser = new Browser(t.app);
    const res = await browser.get(await toCallback(browser, account));
    expect(res.status).toBe(403);
    expect(res.text).toContain('<html lang="sv">');
    expect(res.text).toContain('Ditt stadskonto har ingen behörighet till vuoro');
    expect(users(t)).toEqual([]);
    expect(changes(t, 'user.sso_create')).toEqual([]);
  });

  it('when an adviser group member has no adviser record with their address, then they are refused', async () => {
    const { t } = setup();
    const account = person({ name: 'Outi', email: 'outi@espoo.fi', groups: ['vuoro-advisers'], locale: 'fi' });
    const browser = new Browser(t.app);
    const res = await browser.get(await toCallback(browser, account));
    expect(res.status).toBe(403);
    expect(res.text).toContain('ei ole neuvojaa');
    expect(users(t)).toEqual([]);
  });

  it('when a deactivated user signs in at the provider, then vuoro refuses them', async () => {
    const { t } = setup();
    const account = person({ name: 'Pekka', email: 'pekka@espoo.fi', groups: ['vuoro-admins'], locale: 'en' });
    const first = new Browser(t.app);
    expect((await first.get(await toCallback(first, account))).status).toBe(303);
    t.db.prepare('UPDATE users SET active = 0 WHERE oidc_subject = ?').run(account);

    const again = new Browser(t.app);
    const res = await again.get(await toCallback(again, account));
    expect(res.status).toBe(403);
    expect(res.text).toContain('has been deactivated');
    expect((await again.get('/profile')).status).toBe(303);
    expect(users(t)).toMatchObject([{ active: 0 }]);
  });

  it('when a signed-in user logs out, then the session ends and the browser goes to the provider’s logout with the ID token', async () => {
    const { t } = setup();
    const account = person({ name: 'Laura', email: 'laura@espoo.fi', groups: ['vuoro-admins'] });
    const browser = new Browser(t.app);
    expect((await browser.get(await toCallback(browser, account))).status).toBe(303);
    await browser.get('/profile');
    const out = await browser.post('/logout');
    expect(out.status).toBe(303);
    const end = new URL(String(out.headers.location));
    expect(end.origin).toBe(idp.issuer);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${BASE}/login`);
    expect(end.searchParams.get('id_token_hint')).toMatch(/^ey/);
    expect((await browser.get('/profile')).status).toBe(303);
    // The provider accepts the hint and the return address: it asks to confirm rather than erring.
    const confirm = await new ProviderBrowser().fetch(end.href);
    expect(confirm.status).toBe(200);
    // The form-action CSP lets the logout form's redirect reach the provider.
    expect(String(out.headers['content-security-policy'] ?? (await browser.get('/login')).headers['content-security-policy'])).toContain(idp.issuer);
  });

  it('when PASSWORD_LOGIN is off, then the login page offers only the city account and a password login is refused', async () => {
    const { t } = setup(false);
    const local = await makeUser(t, 'admin');
    const browser = new Browser(t.app);
    const page = await browser.get('/login');
    expect(page.text).toContain('href="/login/oidc"');
    expect(page.text).not.toContain('name="password"');
    const res = await browser.post('/login', { username: local.username, password: PASSWORD });
    expect(res.status).toBe(403);
    expect(res.text).toContain('Salasanalla kirjautuminen on poistettu käytöstä');
    expect((await browser.get('/profile')).status).toBe(303);
  });

  it('when single sign-on is configured beside passwords, then the city account comes first on the login page; without it the routes are 404', async () => {
    const { t } = setup();
    const page = await new Browser(t.app).get('/login?next=/roster');
    expect(page.text.indexOf('href="/login/oidc?next=%2Froster"')).toBeGreaterThan(-1);
    expect(page.text.indexOf('/login/oidc')).toBeLessThan(page.text.indexOf('name="password"'));

    const plain = makeTestApp();
    const browser = new Browser(plain.app);
    expect((await browser.get('/login')).text).not.toContain('/login/oidc');
    expect((await browser.get('/login/oidc')).status).toBe(404);
    expect((await browser.get('/login/oidc/callback?code=x&state=y')).status).toBe(404);
  });
});

describe('single sign-on when the provider is down', () => {
  it('when the provider cannot be reached, then starting the sign-in answers 503 with a clear page and starts nothing', async () => {
    const down = { ...oidc, issuer: 'http://127.0.0.1:9' };
    const t = makeTestApp({ config: { oidc: down } });
    const res = await new Browser(t.app).get('/login/oidc', { 'Accept-Language': 'en' });
    expect(res.status).toBe(503);
    expect(res.text).toContain('cannot be reached just now');
    expect(String(res.headers['set-cookie'] ?? '')).not.toContain('vuoro_oidc');
    expect(t.db.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 0 });
  });
});

describe('single sign-on configuration', () => {
  const env = { OIDC_ISSUER: 'https://login.example.fi/realms/city', OIDC_CLIENT_ID: 'vuoro', OIDC_ROLE_MAP: JSON.stringify(ROLE_MAP) };
  const problem = (e: NodeJS.ProcessEnv) => {
    try {
      parseConfig(e);
      return null;
    } catch (err) {
      return err instanceof ConfigError ? err.message : String(err);
    }
  };

  it('when the configuration is complete, then it is read with its defaults', () => {
    const c = parseConfig(env);
    expect(c.oidc).toMatchObject({ issuer: env.OIDC_ISSUER, clientId: 'vuoro', scopes: 'openid profile email', roleClaim: 'groups', clientSecret: undefined });
    expect(c.oidc?.roleMap.map(([g]) => g)).toEqual(Object.keys(ROLE_MAP));
    expect(c.passwordLogin).toBe(true);
  });

  it('when the role map or issuer is wrong, then the start fails with a message naming the problem', () => {
    expect(problem({ ...env, OIDC_ROLE_MAP: '{"sup": {"role": "supervisor"}}' })).toContain('sup.city: a supervisor needs a city code');
    expect(problem({ ...env, OIDC_ROLE_MAP: '{"x": {"role": "boss"}}' })).toContain('OIDC_ROLE_MAP: x.role');
    expect(problem({ ...env, OIDC_ROLE_MAP: '{not json' })).toContain('OIDC_ROLE_MAP: not valid JSON');
    expect(problem({ ...env, OIDC_ROLE_MAP: '{}' })).toContain('maps no group');
    expect(problem({ ...env, OIDC_ISSUER: 'http://login.example.fi' })).toContain('OIDC_ISSUER: must be an https URL');
    expect(problem({ ...env, OIDC_CLIENT_ID: undefined })).toContain('OIDC_CLIENT_ID');
    expect(problem({ PASSWORD_LOGIN: 'false' })).toContain('PASSWORD_LOGIN');
    expect(problem({ ...env, OIDC_ISSUER: 'http://127.0.0.1:8080/realms/city' })).toBeNull();
  });
});

describe('single sign-on building blocks', () => {
  it('when the transaction cookie is altered, sealed with another secret or expired, then it opens to nothing', () => {
    const secret = 'a-session-secret-of-at-least-32-characters';
    const txn = { state: 's', nonce: 'n', verifier: 'v', next: '/roster', expires: 2000 };
    const sealed = sealTransaction(secret, txn);
    expect(sealed).not.toContain('verifier');
    expect(openTransaction(secret, sealed, 1000)).toEqual(txn);
    const bytes = Buffer.from(sealed, 'base64url');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    expect(openTransaction(secret, bytes.toString('base64url'), 1000)).toBeNull();
    expect(openTransaction(`${secret}-other`, sealed, 1000)).toBeNull();
    expect(openTransaction(secret, sealed, 2000)).toBeNull();
    expect(openTransaction(secret, 'garbage', 1000)).toBeNull();
  });

  it('when groups match several entries, then the highest role wins and unusable grants are skipped', () => {
    const map = parseRoleMap(
      JSON.stringify({ a: { role: 'adviser' }, s1: { role: 'supervisor', city: 'espoo' }, s2: { role: 'supervisor', city: 'vantaa' }, x: { role: 'admin' } }),
    );
    if (!map.ok) throw new Error('map');
    expect(grantFor(map.map, ['a', 's2', 's1'])).toEqual({ role: 'supervisor', city: 'espoo' });
    expect(grantFor(map.map, ['a', 's1', 'x'])).toEqual({ role: 'admin', city: undefined });
    expect(grantFor(map.map, ['s1', 's2'], (g) => g.city !== 'espoo')).toEqual({ role: 'supervisor', city: 'vantaa' });
    expect(grantFor(map.map, ['nobody'])).toBeNull();
    expect(claimValues({ realm_access: { roles: ['x', 1] } }, 'realm_access.roles')).toEqual(['x']);
    expect(claimValues({ 'https://example.fi/groups': 'a' }, 'https://example.fi/groups')).toEqual(['a']);
    expect(claimValues({}, 'groups')).toEqual([]);
  });
});
