import { describe, expect, it } from 'vitest';
import { apiToken, loggedIn, makeUser } from './helpers/app.js';
import { makeAbsence, makeTurn } from './helpers/factories.js';
import { api, staffOf, versionOf, workflowApp } from './workflow.helpers.js';

const DAY = '2027-05-03';

/** A published Helsinki email turn and an adviser who is absent that day: putting them on it breaks a hard rule. */
function setup() {
  const w = workflowApp();
  const [first, absent] = w.advisers.helsinki as [number, number];
  makeAbsence(w.t.db, absent, DAY, DAY);
  const turn = makeTurn(w.t.db, {
    serviceId: w.services.email,
    date: DAY,
    startAt: `${DAY}T05:00:00Z`,
    endAt: `${DAY}T13:00:00Z`,
    cityId: w.cities.helsinki,
    status: 'published',
    adviserIds: [first],
  });
  return { ...w, first, absent, turn };
}

const auditOf = (w: ReturnType<typeof setup>) =>
  w.t.db.prepare("SELECT user_id, after FROM audit_log WHERE kind = 'turn.assign' ORDER BY id").all() as Array<{ user_id: number; after: string }>;

describe('PUT /api/v1/turns/:id/assignments with an override', () => {
  it('when an admin saves a breaking change with a reason, then it is saved and the reason and the overridden rules are in the change log', async () => {
    const w = setup();
    const admin = await makeUser(w.t, 'admin');
    const res = await api(w.t, apiToken(w.t, admin.id)).put(`/api/v1/turns/${w.turn}/assignments`, {
      adviserIds: [w.absent],
      version: 1,
      overrideReason: 'She works the morning from home',
    });
    expect(res.status).toBe(200);
    expect(res.body.assignments).toEqual([expect.objectContaining({ adviserId: w.absent, pinned: true })]);
    expect(versionOf(w.t, w.turn)).toBe(2);
    const log = auditOf(w);
    expect(log).toHaveLength(1);
    expect(log[0]?.user_id).toBe(admin.id);
    expect(JSON.parse(log[0]?.after ?? '{}')).toMatchObject({
      overrideReason: 'She works the morning from home',
      overridden: ['absent'],
      adviserIds: [w.absent],
    });
  });

  it('when an admin saves a breaking change without a reason (or only spaces), then 422 with the violations and nothing changes', async () => {
    const w = setup();
    const token = apiToken(w.t, (await makeUser(w.t, 'admin')).id);
    for (const overrideReason of [undefined, '   ']) {
      const res = await api(w.t, token).put(`/api/v1/turns/${w.turn}/assignments`, {
        adviserIds: [w.absent],
        version: 1,
        ...(overrideReason === undefined ? {} : { overrideReason }),
      });
      expect(res.status).toBe(422);
      expect(res.body.error.details).toContainEqual(expect.objectContaining({ code: 'absent', adviserId: w.absent }));
    }
    expect(staffOf(w.t, w.turn)).toEqual([w.first]);
    expect(auditOf(w)).toEqual([]);
  });

  it("when a supervisor of the turn's city gives a reason, then 403 with the violations and nothing changes", async () => {
    const w = setup();
    const sup = await makeUser(w.t, 'supervisor', { cityId: w.cities.helsinki });
    const res = await api(w.t, apiToken(w.t, sup.id)).put(`/api/v1/turns/${w.turn}/assignments`, {
      adviserIds: [w.absent],
      version: 1,
      overrideReason: 'please',
    });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('Only an admin may save');
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ code: 'absent' }));
    expect(staffOf(w.t, w.turn)).toEqual([w.first]);
    expect(versionOf(w.t, w.turn)).toBe(1);
    expect(auditOf(w)).toEqual([]);
  });

  it('when nothing breaks, then a reason is not needed and the change log records no override', async () => {
    const w = setup();
    const admin = await makeUser(w.t, 'admin');
    const other = w.advisers.helsinki[2] as number;
    const res = await api(w.t, apiToken(w.t, admin.id)).put(`/api/v1/turns/${w.turn}/assignments`, {
      adviserIds: [other],
      version: 1,
      overrideReason: 'not needed',
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(auditOf(w)[0]?.after ?? '{}')).not.toHaveProperty('overrideReason');
  });
});

describe('the turn form with an override', () => {
  it('when an admin saves a breaking change, then the form shows the violations and a reason field; saving with a reason goes through', async () => {
    const w = setup();
    const { browser } = await loggedIn(w.t, 'admin');
    await browser.get(`/roster/turns/${w.turn}`);
    const refused = await browser.post(`/roster/turns/${w.turn}`, { adviserIds: [String(w.absent)], version: '1', action: 'save' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('is absent on');
    expect(refused.text).toContain('name="overrideReason"');
    expect(refused.text).toContain('or give a reason below to save anyway');
    expect(refused.text).toContain('<label for="f-overrideReason">Reason for saving despite the errors');
    const saved = await browser.post(`/roster/turns/${w.turn}`, {
      adviserIds: [String(w.absent)],
      version: '1',
      action: 'save',
      overrideReason: 'Agreed with her',
    });
    expect(saved.status).toBe(303);
    expect(staffOf(w.t, w.turn)).toEqual([w.absent]);
    expect(JSON.parse(auditOf(w)[0]?.after ?? '{}')).toMatchObject({ overrideReason: 'Agreed with her' });
  });

  it('when a supervisor saves a breaking change, then there is no reason field, only the note; a forged reason is refused with 403 on the form', async () => {
    const w = setup();
    const { browser } = await loggedIn(w.t, 'supervisor', { cityId: w.cities.helsinki, language: 'sv' });
    await browser.get(`/roster/turns/${w.turn}`);
    const refused = await browser.post(`/roster/turns/${w.turn}`, { adviserIds: [String(w.absent)], version: '1', action: 'save' });
    expect(refused.status).toBe(422);
    expect(refused.text).not.toContain('name="overrideReason" type');
    expect(refused.text).toContain('Endast en administratör kan spara trots fel');
    expect(refused.text).not.toContain('ange nedan ett skäl');
    const forged = await browser.post(`/roster/turns/${w.turn}`, { adviserIds: [String(w.absent)], version: '1', action: 'save', overrideReason: 'x' });
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('Endast en administratör kan spara en tur');
    expect(forged.text).toContain('role="alert"');
    expect(staffOf(w.t, w.turn)).toEqual([w.first]);
  });
});
