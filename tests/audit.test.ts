import { describe, expect, it } from 'vitest';
import { listChanges, markChangesSeen, recordChange, unseenChangesCount } from '../src/features/audit/rules.js';
import { makeTestApp, makeUser } from './helpers/app.js';
import { makeAdviser, makeCity } from './helpers/factories.js';

function clockAt(iso: string) {
  const clock = {
    at: new Date(iso),
    now: () => clock.at,
    set: (s: string) => {
      clock.at = new Date(s);
    },
  };
  return clock;
}

describe('recordChange', () => {
  it('when a change names advisers in before/after, then one row is written and every affected adviser is linked', () => {
    const t = makeTestApp();
    const city = makeCity(t.db);
    const [anna, bertil, cecilia] = [makeAdviser(t.db, city), makeAdviser(t.db, city), makeAdviser(t.db, city)];
    const id = recordChange(t.ctx, {
      userId: null,
      kind: 'turn.assign',
      entity: 'turn',
      entityId: 7,
      cityId: city,
      before: { adviserIds: [anna, bertil] },
      after: { adviserIds: [anna, cecilia] },
    });
    const row = t.db.prepare('SELECT * FROM audit_log WHERE id = ?').get(id) as Record<string, unknown>;
    expect(row).toMatchObject({ kind: 'turn.assign', entity: 'turn', entity_id: 7, city_id: city, adviser_id: anna });
    expect(JSON.parse(row.before as string)).toEqual({ adviserIds: [anna, bertil] });
    expect(JSON.parse(row.after as string)).toEqual({ adviserIds: [anna, cecilia] });
    const linked = t.db.prepare('SELECT adviser_id FROM audit_log_advisers WHERE audit_id = ? ORDER BY adviser_id').all(id);
    expect(linked).toEqual([anna, bertil, cecilia].sort((a, b) => a - b).map((adviser_id) => ({ adviser_id })));
  });

  it('when called inside a transaction that rolls back, then no change is left in the log', () => {
    const t = makeTestApp();
    const adviser = makeAdviser(t.db, makeCity(t.db));
    expect(() =>
      t.db
        .transaction(() => {
          recordChange(t.ctx, { userId: null, kind: 'absence.create', entity: 'absence', adviserId: adviser, after: { from: '2027-01-01' } });
          throw new Error('the change itself failed');
        })
        .immediate(),
    ).toThrow('the change itself failed');
    expect(t.db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 0 });
    expect(t.db.prepare('SELECT count(*) AS n FROM audit_log_advisers').get()).toEqual({ n: 0 });
  });

  it('when the kind is not a dotted code, then it throws and writes nothing', () => {
    const t = makeTestApp();
    expect(() => recordChange(t.ctx, { userId: null, kind: 'Turn Assign', entity: 'turn' })).toThrow(/invalid change kind/);
    expect(() => recordChange(t.ctx, { userId: null, kind: 'turn.assign', entity: 'Turn; DROP' })).toThrow(/invalid change entity/);
    expect(t.db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 0 });
  });

  it('when filtering by local dates, then the day boundaries are Helsinki midnights', () => {
    const clock = clockAt('2027-03-27T21:59:59.999Z'); // 23:59:59.999 on the 27th in Helsinki (UTC+2)
    const t = makeTestApp({ clock });
    recordChange(t.ctx, { userId: null, kind: 'roster.generate', entity: 'roster' });
    clock.set('2027-03-27T22:00:00.000Z'); // 00:00 on the 28th, the day clocks go forward
    recordChange(t.ctx, { userId: null, kind: 'roster.publish', entity: 'roster' });
    clock.set('2027-03-28T20:59:59.999Z'); // 23:59:59.999 on the 28th (now UTC+3)
    recordChange(t.ctx, { userId: null, kind: 'share.change', entity: 'share' });
    clock.set('2027-03-28T21:00:00.000Z'); // 00:00 on the 29th
    recordChange(t.ctx, { userId: null, kind: 'adviser.update', entity: 'adviser' });
    const kinds = listChanges(t.ctx, { from: '2027-03-28', to: '2027-03-28' }).rows.map((r) => r.kind);
    expect(kinds).toEqual(['share.change', 'roster.publish']);
  });
});

describe('unseenChangesCount', () => {
  it("when others change the adviser's turns, then the count grows, ignores the user's own changes and drops to 0 once seen", async () => {
    const clock = clockAt('2027-05-03T08:00:00.000Z');
    const t = makeTestApp({ clock });
    const city = makeCity(t.db);
    const adviser = makeAdviser(t.db, city);
    const other = makeAdviser(t.db, city);
    const me = await makeUser(t, 'adviser', { adviserId: adviser });
    const boss = await makeUser(t, 'supervisor', { cityId: city });
    recordChange(t.ctx, { userId: boss.id, kind: 'turn.assign', entity: 'turn', before: { adviserIds: [] }, after: { adviserIds: [adviser] } });
    recordChange(t.ctx, { userId: boss.id, kind: 'turn.assign', entity: 'turn', before: { adviserIds: [] }, after: { adviserIds: [other] } });
    recordChange(t.ctx, { userId: me.id, kind: 'swap.request', entity: 'swap', adviserId: adviser });
    expect(unseenChangesCount(t.ctx, me.id, adviser)).toBe(1);
    markChangesSeen(t.ctx, me.id);
    expect(unseenChangesCount(t.ctx, me.id, adviser)).toBe(0);
    clock.set('2027-05-03T08:05:00.000Z');
    recordChange(t.ctx, { userId: boss.id, kind: 'absence.create', entity: 'absence', adviserId: adviser });
    expect(unseenChangesCount(t.ctx, me.id, adviser)).toBe(1);
    expect(unseenChangesCount(t.ctx, me.id, null)).toBe(0);
  });
});
