import { describe, expect, it } from 'vitest';
import { checkSum, normalise, parseShare } from '../src/features/shares/parse.js';
import { sharesInForce } from '../src/features/shares/rules.js';
import { apiAs, browserAs, countRows, EVIL, EVIL_ESCAPED } from './cities.helpers.js';
import { makeTestApp, type TestApp } from './helpers/app.js';
import { makeCity, makeRegion, setShares } from './helpers/factories.js';

// 2026-05-15 in Helsinki.
const fixedClock = { now: () => new Date('2026-05-15T09:00:00Z') };

function region() {
  const t = makeTestApp({ clock: fixedClock });
  return { t, ...makeRegion(t.db) };
}

const shareRows = (t: TestApp, serviceId: number) =>
  t.db.prepare('SELECT city_id, valid_from, share FROM shares WHERE service_id = ? ORDER BY valid_from, city_id').all(serviceId) as {
    city_id: number;
    valid_from: string;
    share: number;
  }[];

describe('share parsing', () => {
  it('when shares are typed as percentages, fractions or ratios, then they read as percentages', () => {
    expect(parseShare('50', 'percent')).toBe(50);
    expect(parseShare(' 33,333 % ', 'percent')).toBeCloseTo(33.333);
    expect(parseShare('0.25', 'fraction')).toBe(25);
    expect(parseShare('1/3', 'percent')).toBeCloseTo(100 / 3);
    for (const bad of ['', 'abc', '-5', '101', '1/0', '2/1', '1e2']) expect(parseShare(bad, 'percent'), bad).toBeNull();
  });

  it('when three cities get 33.333 % each, then the sum passes and the fractions are 1/3 each summing to exactly 1', () => {
    expect(checkSum([33.333, 33.333, 33.333])).toEqual([]);
    const f = normalise([33.333, 33.333, 33.333]);
    expect(f.reduce((a, b) => a + b, 0)).toBe(1);
    for (const x of f) expect(x).toBeCloseTo(1 / 3, 12);
    expect(checkSum([50, 25, 24.98])).toHaveLength(1);
    const odd = normalise([10.001, 29.999, 60.005]);
    expect(odd.reduce((a, b) => a + b, 0)).toBe(1);
  });
});

describe('shares page', () => {
  it.each(['admin', 'supervisor', 'adviser'] as const)("when a %s opens a service's shares, then today's shares and the history show", async (role) => {
    const { t, cities, services } = region();
    const { browser } = await browserAs(t, role, { cityId: cities.espoo });
    const res = await browser.get(`/services/${services.phone}/shares`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1>Shares: Phone advisory</h1>');
    expect(res.text).toMatch(/Helsinki<\/th><td>50 %<\/td>/);
    expect(res.text).toContain('datetime="2020-01-01"');
    expect(res.text.includes(`action="/services/${services.phone}/shares"`)).toBe(role !== 'adviser');
  });

  it('when an admin sets 40/30/30 from a future date, then earlier periods keep 50/25/25 and today stays 50 %', async () => {
    const { t, cities, services } = region();
    const { browser } = await browserAs(t, 'admin');
    await browser.get(`/services/${services.phone}/shares`);
    const res = await browser.post(`/services/${services.phone}/shares`, {
      validFrom: '2026-06-01',
      unit: 'percent',
      [`share_${cities.helsinki}`]: '40',
      [`share_${cities.espoo}`]: '30',
      [`share_${cities.vantaa}`]: '30',
    });
    expect(res.status).toBe(303);
    const rows = shareRows(t, services.phone);
    expect(rows.filter((r) => r.valid_from === '2020-01-01').map((r) => r.share)).toEqual([0.5, 0.25, 0.25]);
    expect(rows.filter((r) => r.valid_from === '2026-06-01').map((r) => r.share)).toEqual([0.4, 0.3, 0.3]);
    expect(sharesInForce(t.ctx, services.phone, '2026-05-31').get(cities.helsinki)).toBe(0.5);
    expect(sharesInForce(t.ctx, services.phone, '2026-06-01').get(cities.helsinki)).toBe(0.4);
    const api = await (await apiAs(t, 'adviser', { cityId: cities.espoo })).get('/api/v1/cities');
    expect(api.body.find((c: { code: string }) => c.code === 'helsinki').shares.phone).toBe(0.5);
  });

  it('when an admin sets shares from today, then the API shows them at once', async () => {
    const { t, cities, services } = region();
    const { browser } = await browserAs(t, 'admin');
    await browser.get(`/services/${services.email}/shares`);
    const res = await browser.post(`/services/${services.email}/shares`, {
      validFrom: '2026-05-15',
      unit: 'percent',
      [`share_${cities.helsinki}`]: '33.333',
      [`share_${cities.espoo}`]: '33,333',
      [`share_${cities.vantaa}`]: '33.333',
    });
    expect(res.status).toBe(303);
    const api = await (await apiAs(t, 'adviser', { cityId: cities.vantaa })).get('/api/v1/cities');
    const shares = api.body.map((c: { shares: { email: number } }) => c.shares.email) as number[];
    expect(shares).toHaveLength(3);
    for (const s of shares) expect(s).toBeCloseTo(1 / 3, 12);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it.each([
    [{ validFrom: '2026-06-01', h: '50', e: '25', v: '20' }, 'shares', 'The shares must add up to 100 % (now 95 %).'],
    [{ validFrom: '2026-06-01', h: '50', e: '25', v: '' }, 'share_V', 'This field is required.'],
    [{ validFrom: '2026-06-01', h: '50', e: 'lots', v: '25' }, 'share_E', 'Enter a share between 0 and 100 %, e.g. 25, 33.333 or 1/3.'],
    [{ validFrom: '2026-02-30', h: '50', e: '25', v: '25' }, 'validFrom', 'Enter a date as YYYY-MM-DD.'],
    [{ validFrom: '2026-05-14', h: '50', e: '25', v: '25' }, 'validFrom', 'The date must be today or later: a change never applies to the past.'],
  ])('when the form is %o, then 400 with the error beside %s and nothing is written', async (f, field, message) => {
    const { t, cities, services } = region();
    const { browser } = await browserAs(t, 'admin');
    await browser.get(`/services/${services.phone}/shares`);
    const before = shareRows(t, services.phone);
    const res = await browser.post(`/services/${services.phone}/shares`, {
      validFrom: f.validFrom,
      unit: 'percent',
      [`share_${cities.helsinki}`]: f.h,
      [`share_${cities.espoo}`]: f.e,
      [`share_${cities.vantaa}`]: f.v,
    });
    expect(res.status).toBe(400);
    const id = field === 'shares' ? 'shares-error' : `f-${field.replace('_E', `_${cities.espoo}`).replace('_V', `_${cities.vantaa}`)}-error`;
    expect(res.text).toContain(`id="${id}">${message}</p>`);
    expect(res.text).toContain(`value="${f.h}"`);
    expect(shareRows(t, services.phone)).toEqual(before);
  });

  it('when the sum is wrong for a Finnish user, then the message is in Finnish', async () => {
    const { t, cities, services } = region();
    const { browser } = await browserAs(t, 'admin', { language: 'fi' });
    await browser.get(`/services/${services.phone}/shares`);
    const res = await browser.post(`/services/${services.phone}/shares`, {
      validFrom: '2026-06-01',
      unit: 'percent',
      [`share_${cities.helsinki}`]: '60',
      [`share_${cities.espoo}`]: '30',
      [`share_${cities.vantaa}`]: '30',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Osuuksien summan on oltava 100 % (nyt 120 %).');
  });

  it('when a city is inactive, then only active cities are asked and it gets 0 from the change on', async () => {
    const { t, cities, services } = region();
    t.db.prepare('UPDATE cities SET active = 0 WHERE id = ?').run(cities.vantaa);
    const { browser } = await browserAs(t, 'admin');
    const page = await browser.get(`/services/${services.phone}/shares`);
    expect(page.text).not.toContain(`name="share_${cities.vantaa}"`);
    expect(page.text).toContain('add up to 75 %');
    const res = await browser.post(`/services/${services.phone}/shares`, {
      validFrom: '2026-06-01',
      unit: 'fraction',
      [`share_${cities.helsinki}`]: '0.5',
      [`share_${cities.espoo}`]: '0.5',
    });
    expect(res.status).toBe(303);
    expect(Object.fromEntries(sharesInForce(t.ctx, services.phone, '2026-06-01'))).toEqual({ [cities.helsinki]: 0.5, [cities.espoo]: 0.5, [cities.vantaa]: 0 });
  });

  it('when an adviser posts shares, then 403 and nothing is written', async () => {
    const { t, cities, services } = region();
    const { browser } = await browserAs(t, 'adviser');
    await browser.get(`/services/${services.phone}/shares`);
    const res = await browser.post(`/services/${services.phone}/shares`, {
      validFrom: '2026-06-01',
      [`share_${cities.helsinki}`]: '100',
      [`share_${cities.espoo}`]: '0',
      [`share_${cities.vantaa}`]: '0',
    });
    expect(res.status).toBe(403);
    expect(shareRows(t, services.phone)).toHaveLength(3);
  });

  it('when a city name holds markup, then the shares page shows it escaped', async () => {
    const t = makeTestApp({ clock: fixedClock });
    const { services } = makeRegion(t.db);
    const evil = makeCity(t.db, { code: 'evil', name: EVIL });
    setShares(t.db, services.phone, '2021-01-01', { [evil]: 1 });
    const { browser } = await browserAs(t, 'admin');
    const page = await browser.get(`/services/${services.phone}/shares`);
    expect(page.text).not.toContain(EVIL);
    expect(page.text).toContain(EVIL_ESCAPED);
  });
});

describe('share proposals', () => {
  const form = (c: { helsinki: number; espoo: number; vantaa: number }) => ({
    validFrom: '2026-06-01',
    unit: 'percent',
    [`share_${c.helsinki}`]: '40',
    [`share_${c.espoo}`]: '30',
    [`share_${c.vantaa}`]: '30',
  });
  const proposalRow = (t: TestApp) => t.db.prepare('SELECT id, status, version FROM share_proposals').get() as { id: number; status: string; version: number };

  it('when a supervisor proposes, then nothing applies until every other city approves; then it applies from its date', async () => {
    const { t, cities, services } = region();
    const hki = await browserAs(t, 'supervisor', { cityId: cities.helsinki });
    await hki.browser.get(`/services/${services.phone}/shares`);
    expect((await hki.browser.post(`/services/${services.phone}/shares`, form(cities))).status).toBe(303);
    expect(shareRows(t, services.phone)).toHaveLength(3);
    const p = proposalRow(t);
    expect(p.status).toBe('pending');

    // The proposer's city cannot approve again.
    const own = await hki.browser.get(`/services/${services.phone}/shares`);
    expect(own.text).toContain('Awaiting: Espoo, Vantaa');
    expect(own.text).not.toContain(`/proposals/${p.id}/approve`);
    expect((await hki.browser.post(`/services/${services.phone}/shares/proposals/${p.id}/approve`, { version: String(p.version) })).status).toBe(403);

    const espoo = await browserAs(t, 'supervisor', { cityId: cities.espoo });
    await espoo.browser.get(`/services/${services.phone}/shares`);
    expect((await espoo.browser.post(`/services/${services.phone}/shares/proposals/${p.id}/approve`, { version: String(p.version) })).status).toBe(303);
    expect(proposalRow(t).status).toBe('pending');
    expect(shareRows(t, services.phone)).toHaveLength(3);

    const vantaa = await browserAs(t, 'supervisor', { cityId: cities.vantaa });
    await vantaa.browser.get(`/services/${services.phone}/shares`);
    // A stale version (read before Espoo approved) is refused.
    expect((await vantaa.browser.post(`/services/${services.phone}/shares/proposals/${p.id}/approve`, { version: String(p.version) })).status).toBe(409);
    const now = proposalRow(t);
    expect((await vantaa.browser.post(`/services/${services.phone}/shares/proposals/${p.id}/approve`, { version: String(now.version) })).status).toBe(303);
    expect(proposalRow(t).status).toBe('applied');
    expect(sharesInForce(t.ctx, services.phone, '2026-06-01').get(cities.helsinki)).toBe(0.4);
    expect(sharesInForce(t.ctx, services.phone, '2026-05-31').get(cities.helsinki)).toBe(0.5);
  });

  it('when a city was activated after the proposal, then approving it does not apply it and says why', async () => {
    const { t, cities, services } = region();
    const hki = await browserAs(t, 'supervisor', { cityId: cities.helsinki });
    await hki.browser.get(`/services/${services.phone}/shares`);
    await hki.browser.post(`/services/${services.phone}/shares`, form(cities));
    const p = proposalRow(t);
    makeCity(t.db, { code: 'kauniainen' });
    const admin = await browserAs(t, 'admin');
    await admin.browser.get(`/services/${services.phone}/shares`);
    await admin.browser.post(`/services/${services.phone}/shares/proposals/${p.id}/approve`, { version: String(p.version) });
    expect(proposalRow(t).status).toBe('pending');
    expect(shareRows(t, services.phone)).toHaveLength(3);
    expect((await admin.browser.get(`/services/${services.phone}/shares`)).text).toContain('The active cities have changed since.');
  });

  it('when another supervisor rejects, then the proposal is closed and nothing applies', async () => {
    const { t, cities, services } = region();
    const hki = await browserAs(t, 'supervisor', { cityId: cities.helsinki });
    await hki.browser.get(`/services/${services.phone}/shares`);
    await hki.browser.post(`/services/${services.phone}/shares`, form(cities));
    const p = proposalRow(t);
    const espoo = await browserAs(t, 'supervisor', { cityId: cities.espoo });
    await espoo.browser.get(`/services/${services.phone}/shares`);
    expect((await espoo.browser.post(`/services/${services.phone}/shares/proposals/${p.id}/reject`, { version: String(p.version) })).status).toBe(303);
    expect(proposalRow(t).status).toBe('rejected');
    expect(shareRows(t, services.phone)).toHaveLength(3);
    expect((await espoo.browser.get(`/services/${services.phone}/shares`)).text).not.toContain('Proposals awaiting approval');
  });

  it('when an admin approves a pending proposal, then it applies at once; an adviser cannot approve', async () => {
    const { t, cities, services } = region();
    const hki = await browserAs(t, 'supervisor', { cityId: cities.helsinki });
    await hki.browser.get(`/services/${services.phone}/shares`);
    await hki.browser.post(`/services/${services.phone}/shares`, form(cities));
    const p = proposalRow(t);
    const adviser = await browserAs(t, 'adviser', { cityId: cities.vantaa });
    await adviser.browser.get(`/services/${services.phone}/shares`);
    expect((await adviser.browser.post(`/services/${services.phone}/shares/proposals/${p.id}/approve`, { version: String(p.version) })).status).toBe(403);
    expect(proposalRow(t).status).toBe('pending');
    const admin = await browserAs(t, 'admin');
    await admin.browser.get(`/services/${services.phone}/shares`);
    expect((await admin.browser.post(`/services/${services.phone}/shares/proposals/${p.id}/approve`, { version: String(p.version) })).status).toBe(303);
    expect(proposalRow(t).status).toBe('applied');
    expect(countRows(t, 'shares')).toBe(12);
  });
});

describe('shares API', () => {
  it('when an admin posts fractions by city code, then 201 and the history keeps the earlier period', async () => {
    const { t, services } = region();
    const admin = await apiAs(t, 'admin');
    const res = await admin.post(`/api/v1/services/${services.phone}/shares`, {
      validFrom: '2026-05-15',
      shares: { helsinki: 1 / 3, espoo: 1 / 3, vantaa: 1 / 3 },
    });
    expect(res.status).toBe(201);
    const read = await admin.get(`/api/v1/services/${services.phone}/shares`);
    expect(read.body.history.map((p: { validFrom: string }) => p.validFrom)).toEqual(['2026-05-15', '2020-01-01']);
    expect(read.body.history[1].shares).toEqual({ helsinki: 0.5, espoo: 0.25, vantaa: 0.25 });
    expect(read.body.today.espoo).toBeCloseTo(1 / 3, 12);
  });

  it('when the API shares do not sum to 1 or a city is missing, then 400 and nothing is written', async () => {
    const { t, services } = region();
    const admin = await apiAs(t, 'admin');
    const sum = await admin.post(`/api/v1/services/${services.phone}/shares`, { validFrom: '2026-06-01', shares: { helsinki: 0.5, espoo: 0.5, vantaa: 0.5 } });
    expect(sum.status).toBe(400);
    expect(sum.body.error.details[0].message).toContain('100 %');
    const missing = await admin.post(`/api/v1/services/${services.phone}/shares`, { validFrom: '2026-06-01', shares: { helsinki: 1 } });
    expect(missing.status).toBe(400);
    expect(countRows(t, 'shares')).toBe(9);
  });

  it('when a supervisor posts through the API, then 202 and a pending proposal; an adviser gets 403', async () => {
    const { t, cities, services } = region();
    const sup = await apiAs(t, 'supervisor', { cityId: cities.espoo });
    const res = await sup.post(`/api/v1/services/${services.phone}/shares`, { validFrom: '2026-06-01', shares: { helsinki: 0.4, espoo: 0.3, vantaa: 0.3 } });
    expect(res.status).toBe(202);
    expect(countRows(t, 'share_proposals')).toBe(1);
    const adviser = await apiAs(t, 'adviser');
    expect(
      (await adviser.post(`/api/v1/services/${services.phone}/shares`, { validFrom: '2026-06-01', shares: { helsinki: 1, espoo: 0, vantaa: 0 } })).status,
    ).toBe(403);
    expect(countRows(t, 'shares')).toBe(9);
  });
});
