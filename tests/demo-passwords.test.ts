import { describe, expect, it } from 'vitest';
import { ensureAdmin } from '../src/bootstrap.js';
import { demoUsernames, demoUsersMessage, seedDemoIfEmpty } from '../src/seed/demo.js';
import { Browser, makeTestApp } from './helpers/app.js';

const clock = { now: () => new Date('2026-03-04T08:00:00Z') };

describe('demo accounts', () => {
  it("when the demo is seeded without DEMO_PASSWORD, then every demo user has a password of their own, none the admin's, printed once", async () => {
    const t = makeTestApp({ clock });
    const admin = await ensureAdmin(t.ctx, undefined);
    const summary = await seedDemoIfEmpty(t.ctx);
    expect(summary).not.toBeNull();
    if (!summary?.passwords || !admin.generatedPassword) throw new Error('expected generated passwords');
    expect(summary.users).toEqual(demoUsernames());
    expect(summary.users).toHaveLength(9);
    const passwords = summary.users.map((u) => summary.passwords?.[u] ?? '');
    expect(new Set([...passwords, admin.generatedPassword]).size).toBe(10);
    for (const u of summary.users) {
      const row = t.ctx.repos.users.byUsername(u);
      expect(await t.ctx.hasher.verify(row?.password_hash ?? '', summary.passwords[u] ?? '')).toBe(true);
      expect(await t.ctx.hasher.verify(row?.password_hash ?? '', admin.generatedPassword)).toBe(false);
    }
    const message = demoUsersMessage(summary);
    for (const u of summary.users) expect(message).toContain(`${u}: ${summary.passwords[u] ?? ''}`);

    const [first = '', second = ''] = summary.users;
    expect((await new Browser(t.app).login(first, summary.passwords[first])).status).toBe(303);
    expect((await new Browser(t.app).login(second, summary.passwords[first])).status).toBe(401);
  }, 60_000);

  it('when DEMO_PASSWORD is given, then all demo users share it and it is not printed', async () => {
    const t = makeTestApp({ clock });
    await ensureAdmin(t.ctx, 'the admin password 1');
    const summary = await seedDemoIfEmpty(t.ctx, 'one demo password');
    if (!summary) throw new Error('not seeded');
    expect(summary.passwords).toBeNull();
    expect(demoUsersMessage(summary)).not.toContain('one demo password');
    for (const u of summary.users) {
      expect(await t.ctx.hasher.verify(t.ctx.repos.users.byUsername(u)?.password_hash ?? '', 'one demo password')).toBe(true);
    }
    expect(await seedDemoIfEmpty(t.ctx, 'one demo password')).toBeNull();
  }, 60_000);
});
