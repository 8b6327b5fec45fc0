import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { apiToken, loggedIn } from './helpers/app.js';
import { acceptEveryCity } from './planning.helpers.js';
import { api, FROM, inbox, kinds, staffOf, TO, turnsOf, versionOf, workflowApp } from './workflow.helpers.js';

describe('planning together, end to end over HTTP', () => {
  it('when a week is generated, edited, previewed, published, hit by an absence, replaced and swapped, then the feed shows the new adviser with a higher SEQUENCE and the change log lists each step', async () => {
    const { t, cities, services, advisers } = workflowApp();
    const { browser: sup } = await loggedIn(t, 'supervisor', { cityId: cities.helsinki });

    // Generate.
    const generated = await sup.post('/rosters/generate', { from: FROM, to: TO });
    expect(generated.status).toBe(200);
    expect(generated.text).toContain('action="/rosters/publish"');

    // Edit a Helsinki email turn by hand: check first, then save.
    const email = turnsOf(t, 'service_id = ? AND city_id = ?', services.email, cities.helsinki);
    const edited = email[0];
    if (!edited) throw new Error('Helsinki has no email turn');
    const form = await sup.get(`/roster/turns/${edited.id}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain(`name="version" value="${edited.version}"`);
    const onIt = staffOf(t, edited.id);
    const other = (advisers.helsinki as number[]).find((a) => !onIt.includes(a) && form.text.includes(`id="adviser-${a}"`)) as number;
    const checked = await sup.post(`/roster/turns/${edited.id}`, { adviserIds: [String(other)], version: String(edited.version), action: 'check' });
    expect(checked.status).toBe(200);
    expect(checked.text).toMatch(/No rule would break|These rules would break/);
    expect(staffOf(t, edited.id)).toEqual(onIt);
    let chosen = other;
    if (!checked.text.includes('No rule would break')) {
      // The generator may have used the first free colleague already that day: try the others.
      for (const a of advisers.helsinki as number[]) {
        const res = await sup.post(`/roster/turns/${edited.id}`, { adviserIds: [String(a)], version: String(edited.version), action: 'check' });
        if (res.text.includes('No rule would break')) {
          chosen = a;
          break;
        }
      }
    }
    const saved = await sup.post(`/roster/turns/${edited.id}`, { adviserIds: [String(chosen)], version: String(edited.version), action: 'save' });
    expect(saved.status).toBe(303);
    expect(staffOf(t, edited.id)).toEqual([chosen]);
    expect(versionOf(t, edited.id)).toBe(edited.version + 1);

    // Preview, then publish what was previewed.
    const preview = await sup.get(`/rosters/publish?from=${FROM}&to=${TO}`);
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('helsinki 0');
    expect(preview.text).toContain('Turns added');
    // Every city accepts its part before a supervisor may publish (accepting changes no turn, so the preview stands).
    await acceptEveryCity(t, FROM, TO);
    const fingerprint = /name="previewed" value="([0-9a-f]+)"/.exec(preview.text)?.[1] as string;
    expect(fingerprint).toMatch(/^[0-9a-f]{32}$/);
    const published = await sup.post('/rosters/publish', { from: FROM, to: TO, previewed: fingerprint, overrideReason: '' });
    expect(published.status).toBe(303);
    expect(turnsOf(t, "status = 'draft'")).toEqual([]);
    expect(t.db.prepare('SELECT count(*) AS n FROM published_assignments').get()).toEqual({
      n: (t.db.prepare('SELECT count(*) AS n FROM assignments').get() as { n: number }).n,
    });
    // Advisers without an account are told in Finnish, by email.
    expect(inbox(t, chosen).some((s) => s.includes('julkaistu'))).toBe(true);

    // An absence hits a published turn: the supervisor replaces the adviser in one step.
    const absent = chosen;
    const absenceRes = await sup.post('/absences', { adviserId: String(absent), from: edited.date, to: edited.date, reason: 'sick' });
    expect(absenceRes.status).toBe(303);
    expect(absenceRes.headers.location).toMatch(/^\/absences\/\d+\/replacements$/);
    const page = await sup.get(absenceRes.headers.location as string);
    expect(page.status).toBe(200);
    const candidate = Number(/name="adviserId" value="(\d+)"/.exec(page.text)?.[1]);
    expect((advisers.helsinki as number[]).includes(candidate)).toBe(true);
    const beforeReplace = versionOf(t, edited.id);
    const replaced = await sup.post(absenceRes.headers.location as string, {
      turnId: String(edited.id),
      adviserId: String(candidate),
      version: String(beforeReplace),
    });
    expect(replaced.status).toBe(303);
    expect(staffOf(t, edited.id)).toEqual([candidate]);
    expect(versionOf(t, edited.id)).toBe(beforeReplace + 1);
    expect(inbox(t, candidate).some((s) => s.startsWith('Uusi vuoro'))).toBe(true);
    expect(inbox(t, absent).some((s) => s.startsWith('Vuoro poistui'))).toBe(true);

    // The replacement gives the turn away: asks, the colleague accepts, the supervisor approves.
    const { browser: giver } = await loggedIn(t, 'adviser', { adviserId: candidate });
    const mine = await giver.get('/roster/mine');
    expect(mine.text).toContain(`/requests/swaps/new?turnId=${edited.id}`);
    const swapForm = await giver.get(`/requests/swaps/new?turnId=${edited.id}`);
    expect(swapForm.status).toBe(200);
    const offers = [...swapForm.text.matchAll(/<option value="(give:\d+)"/g)].map((m) => m[1] as string);
    let offer = '';
    for (const o of offers) {
      const res = await giver.post('/requests/swaps', { turnId: String(edited.id), offer: o, message: 'dentist', action: 'check' });
      if (res.status === 200 && res.text.includes('No rule would break')) {
        offer = o;
        break;
      }
    }
    expect(offer).not.toBe('');
    const taker = Number(offer.split(':')[1]);
    const sent = await giver.post('/requests/swaps', { turnId: String(edited.id), offer, message: 'dentist', action: 'send' });
    expect(sent.status).toBe(303);
    const { browser: takerBrowser, user: takerUser } = await loggedIn(t, 'adviser', { adviserId: taker });
    const requests = await takerBrowser.get('/requests');
    expect(requests.text).toContain('dentist');
    const swapId = Number(/action="\/requests\/swaps\/(\d+)\/respond"/.exec(requests.text)?.[1]);
    const swapVersion = (t.db.prepare('SELECT version FROM swap_requests WHERE id = ?').get(swapId) as { version: number }).version;
    expect((await takerBrowser.post(`/requests/swaps/${swapId}/respond`, { decision: 'accept', version: String(swapVersion) })).status).toBe(303);
    const approvals = await sup.get('/requests');
    expect(approvals.text).toContain(`action="/requests/swaps/${swapId}/decide"`);
    const beforeSwap = versionOf(t, edited.id);
    expect((await sup.post(`/requests/swaps/${swapId}/decide`, { decision: 'approve', version: String(swapVersion + 1) })).status).toBe(303);
    expect(staffOf(t, edited.id)).toEqual([taker]);
    expect(versionOf(t, edited.id)).toBe(beforeSwap + 1);
    expect((t.db.prepare('SELECT status FROM swap_requests WHERE id = ?').get(swapId) as { status: string }).status).toBe('approved');

    // The taker's feed shows the turn with the turn's current version as SEQUENCE.
    const takerToken = apiToken(t, takerUser.id);
    const created = await api(t, takerToken).post('/api/v1/calendar-tokens', { scope: 'adviser', id: taker });
    expect(created.status).toBe(201);
    const feed = await request(t.app).get(`/calendar/${created.body.token as string}.ics`);
    expect(feed.status).toBe(200);
    const event = feed.text.split('BEGIN:VEVENT').find((e) => e.includes(`UID:turn-${edited.id}-adviser-${taker}@vuoro`));
    expect(event).toBeDefined();
    const sequence = Number(/SEQUENCE:(\d+)/.exec(event as string)?.[1]);
    expect(sequence).toBe(versionOf(t, edited.id));
    expect(sequence).toBeGreaterThan(edited.version + 2);

    // The change log lists every step, and the taker sees the change to their turn.
    expect(kinds(t)).toEqual(
      expect.arrayContaining([
        'roster.generate',
        'turn.assign',
        'roster.publish',
        'absence.create',
        'absence.replace',
        'swap.request',
        'swap.accept',
        'swap.approve',
      ]),
    );
    const { browser: admin } = await loggedIn(t, 'admin');
    const log = await admin.get('/changes');
    expect(log.status).toBe(200);
    expect(log.text).toContain('absence.replace');
    const theirs = await takerBrowser.get('/changes/mine');
    expect(theirs.status).toBe(200);
    expect(theirs.text).not.toContain('No changes to your turns yet.');
  });
});
