import request from 'supertest';
import { apiToken, makeTestApp, makeUser, type TestApp } from './helpers/app.js';
import { makeAdviser, makeRegion } from './helpers/factories.js';

/** Wednesday before the planned week: every turn of the week is still ahead. */
export const NOW = new Date('2027-04-28T09:00:00Z');
export const FROM = '2027-05-03';
export const TO = '2027-05-09';

/** The demo-like region with six advisers per city who can do everything (so someone is free), and a clock fixed at NOW. */
export function workflowApp(perCity = 6) {
  const t = makeTestApp({ clock: { now: () => NOW } });
  const r = makeRegion(t.db);
  const skills = Object.values(r.services);
  const advisers: Record<'helsinki' | 'espoo' | 'vantaa', number[]> = { helsinki: [], espoo: [], vantaa: [] };
  for (const name of ['helsinki', 'espoo', 'vantaa'] as const) {
    advisers[name] = Array.from({ length: perCity }, (_, i) =>
      makeAdviser(t.db, r.cities[name], { name: `${name} ${i}`, skills, languages: i % 2 === 0 ? ['fi', 'sv'] : ['fi'], maxHoursPerWeek: 30 }),
    );
  }
  return { t, ...r, advisers };
}

export async function tokenFor(t: TestApp, role: 'admin' | 'supervisor' | 'adviser', o: { cityId?: number; adviserId?: number } = {}): Promise<string> {
  const user = await makeUser(t, role, o);
  return apiToken(t, user.id);
}

export const api = (t: TestApp, token: string) => ({
  get: (url: string) => request(t.app).get(url).set('Authorization', `Bearer ${token}`),
  post: (url: string, body: object) => request(t.app).post(url).set('Authorization', `Bearer ${token}`).send(body),
  put: (url: string, body: object) => request(t.app).put(url).set('Authorization', `Bearer ${token}`).send(body),
});

export interface TurnRow {
  id: number;
  service_id: number;
  city_id: number | null;
  date: string;
  start_at: string;
  status: string;
  version: number;
}

export function turnsOf(t: TestApp, where = '1 = 1', ...params: unknown[]): TurnRow[] {
  return t.db
    .prepare(`SELECT id, service_id, city_id, date, start_at, status, version FROM turns WHERE ${where} ORDER BY start_at, service_id`)
    .all(...params) as TurnRow[];
}

export function staffOf(t: TestApp, turnId: number): number[] {
  return (t.db.prepare('SELECT adviser_id FROM assignments WHERE turn_id = ? ORDER BY adviser_id').all(turnId) as Array<{ adviser_id: number }>).map(
    (r) => r.adviser_id,
  );
}

export function versionOf(t: TestApp, turnId: number): number {
  return (t.db.prepare('SELECT version FROM turns WHERE id = ?').get(turnId) as { version: number }).version;
}

export function kinds(t: TestApp): string[] {
  return (t.db.prepare('SELECT kind FROM audit_log ORDER BY id').all() as Array<{ kind: string }>).map((r) => r.kind);
}

export function inbox(t: TestApp, adviserId: number): string[] {
  return (t.db.prepare('SELECT subject FROM notifications WHERE adviser_id = ? ORDER BY id').all(adviserId) as Array<{ subject: string }>).map(
    (r) => r.subject,
  );
}
