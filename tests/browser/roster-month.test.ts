import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeAbsence, makeAdviser, makeTurn } from '../helpers/factories.js';
import { describeBrowser, loginAs, runAxe, startHarness, type Harness } from './harness.js';

// The month calendar at a desktop width and on a phone: a grid of weeks ×
// weekdays at 1280 px, a list by day at 375 px that never scrolls sideways.
describeBrowser('month calendar', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    const { db } = h.t;
    const { cities, services } = h.region;
    const month = new Date().toISOString().slice(0, 7);
    const date = `${month}-15`;
    const aino = makeAdviser(db, cities.helsinki, { name: 'Aino Virtanen', skills: Object.values(services), languages: ['fi', 'sv'] });
    const bo = makeAdviser(db, cities.helsinki, { name: 'Bo Lindqvist-Österberg-Hämäläinen', skills: Object.values(services), languages: ['fi', 'sv'] });
    for (const [svc, start, end] of [
      [services.phone, '07', '10'],
      [services.email, '06', '14'],
      [services.changeSecurity, '07', '13'],
    ] as const) {
      makeTurn(db, {
        serviceId: svc,
        date,
        startAt: `${date}T${start}:00:00Z`,
        endAt: `${date}T${end}:00:00Z`,
        cityId: cities.helsinki,
        status: 'published',
        headcount: 2,
        adviserIds: [aino, bo],
        pinned: svc === services.phone,
      });
    }
    makeAbsence(db, aino, date, date);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  for (const [width, height] of [
    [1280, 800],
    [375, 812],
    [320, 640],
  ] as const) {
    it(`when a supervisor opens the month at ${width} px, then nothing scrolls sideways, the marks are words and axe finds nothing`, async () => {
      const user = await h.makeUser('supervisor');
      const page = await h.newPage({ width, height });
      await loginAs(page, user, '/roster/month');
      await page.goto(h.url('/roster/month'));
      const scrollWidth = await page.evaluate<number>('document.documentElement.scrollWidth');
      expect(scrollWidth).toBeLessThanOrEqual(width);
      const body = await page.locator('table.roster-calendar').innerText();
      expect(body).toContain('käsin asetettu');
      expect(body).toContain('poissa: Aino Virtanen');
      // On a phone the weekday is written beside each day, since the column headers are hidden.
      const headerShown = await page.evaluate<number>("document.querySelector('table.roster-calendar thead').getBoundingClientRect().height");
      if (width < 400) expect(headerShown).toBeLessThanOrEqual(1);
      else expect(headerShown).toBeGreaterThan(10);
      expect(await runAxe(page)).toEqual([]);
    }, 120_000);
  }
});
