import { randomBytes } from 'node:crypto';
import type { AppContext } from '../context.js';
import { logMailer } from '../features/notifications/mailer.js';
import { deliverDue } from '../features/outbox/rules.js';
import { generateRoster, publishRoster } from '../features/rosters/rules.js';
import { addDays, localToday, mondayOf } from '../time/zone.js';
import { DEMO_CITIES, DEMO_SERVICES, DEMO_SHARES, demoAdvisers } from './demo-data.js';

// The seed writes its rows with its own statements: it is data loading at
// first start, and must not depend on the feature code it demonstrates.

export interface DemoSummary {
  cities: number;
  services: number;
  advisers: number;
  users: string[];
  roster: string;
  /** Each demo user's generated password, to print once; null when one was given for all. */
  passwords: Record<string, string> | null;
}

/**
 * Seeds the demo on an empty database; returns a summary, or null when there
 * was data already. Every demo user gets a password of their own unless
 * `demoPassword` (DEMO_PASSWORD) chooses one for all of them: a demo account
 * must not open with the admin's password.
 */
export async function seedDemoIfEmpty(ctx: AppContext, demoPassword?: string): Promise<DemoSummary | null> {
  const { db } = ctx;
  const existing = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM cities').get()?.n ?? 0;
  if (existing > 0) return null;
  const passwords = demoPassword === undefined ? Object.fromEntries(demoUsernames().map((u) => [u, randomBytes(12).toString('base64url')])) : null;
  const shared = demoPassword === undefined ? null : await ctx.hasher.hash(demoPassword);
  const hashes = new Map<string, string>();
  for (const username of demoUsernames()) hashes.set(username, shared ?? (await ctx.hasher.hash(passwords?.[username] ?? '')));
  const hashOf = (username: string): string => {
    const hash = hashes.get(username);
    if (!hash) throw new Error(`no password for demo user ${username}`);
    return hash;
  };
  const monday = mondayOf(localToday(ctx.clock.now()));

  const insertCity = db.prepare('INSERT INTO cities (code, name_fi, name_sv, name_en, colour) VALUES (?, ?, ?, ?, ?)');
  const insertService = db.prepare('INSERT INTO services (code, name_fi, name_sv, name_en, rotation_unit) VALUES (?, ?, ?, ?, ?)');
  const insertTemplate = db.prepare(
    'INSERT INTO turn_templates (service_id, weekday, start_time, end_time, headcount, required_language) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertShare = db.prepare('INSERT INTO shares (service_id, city_id, valid_from, share) VALUES (?, ?, ?, ?)');
  const insertAdviser = db.prepare('INSERT INTO advisers (city_id, name, email, max_hours_per_week) VALUES (?, ?, ?, ?)');
  const insertSkill = db.prepare('INSERT INTO adviser_skills (adviser_id, service_id) VALUES (?, ?)');
  const insertLanguage = db.prepare('INSERT INTO adviser_languages (adviser_id, language) VALUES (?, ?)');
  const insertPreference = db.prepare('INSERT INTO adviser_weekday_preferences (adviser_id, weekday, preference) VALUES (?, ?, ?)');
  const insertAbsence = db.prepare('INSERT INTO absences (adviser_id, from_date, to_date, reason) VALUES (?, ?, ?, ?)');
  const insertUser = db.prepare(`INSERT INTO users (username, display_name, password_hash, role, city_id, adviser_id, language) VALUES (?, ?, ?, ?, ?, ?, ?)`);

  const users: string[] = [];
  let adviserCount = 0;
  db.transaction(() => {
    const cityIds = new Map<string, number>();
    for (const c of DEMO_CITIES) cityIds.set(c.code, Number(insertCity.run(c.code, c.fi, c.sv, c.en, c.colour).lastInsertRowid));
    const serviceIds = new Map<string, number>();
    for (const s of DEMO_SERVICES) {
      const id = Number(insertService.run(s.code, s.fi, s.sv, s.en, s.unit).lastInsertRowid);
      serviceIds.set(s.code, id);
      for (const t of s.templates) insertTemplate.run(id, t.weekday, t.start, t.end, t.headcount, t.language);
      for (const [city, share] of Object.entries(DEMO_SHARES)) insertShare.run(id, cityIds.get(city), '2026-01-01', share);
    }
    const perCity = new Map<string, number>();
    for (const a of demoAdvisers()) {
      const cityId = cityIds.get(a.city) as number;
      const id = Number(insertAdviser.run(cityId, a.name, a.email, a.maxHoursPerWeek).lastInsertRowid);
      adviserCount++;
      for (const s of a.skills) insertSkill.run(id, serviceIds.get(s));
      for (const l of a.languages) insertLanguage.run(id, l);
      for (const d of a.desired) insertPreference.run(id, d, 'desired');
      for (const d of a.undesired) insertPreference.run(id, d, 'undesired');
      const index = perCity.get(a.city) ?? 0;
      perCity.set(a.city, index + 1);
      // Some absences in the coming weeks, so the roster shows them at work.
      if (index === 3) insertAbsence.run(id, addDays(monday, 7), addDays(monday, 11), 'Vuosiloma / semester / annual leave');
      if (index === 6) insertAbsence.run(id, addDays(monday, 16), addDays(monday, 17), 'Koulutus / utbildning / training');
      if (index < 2) {
        const username = `${a.city}.adviser${index + 1}`;
        insertUser.run(username, a.name, hashOf(username), 'adviser', null, id, index === 1 && a.city === 'espoo' ? 'sv' : 'fi');
        users.push(username);
      }
    }
    for (const c of DEMO_CITIES) {
      const username = `${c.code}.supervisor`;
      insertUser.run(username, `${c.fi} supervisor`, hashOf(username), 'supervisor', cityIds.get(c.code), null, c.code === 'espoo' ? 'sv' : 'fi');
      users.push(username);
    }
  }).immediate();

  // The demo's first publication notifies its advisers in the app, but their
  // addresses are made up: no mail goes out, and nothing is logged per message.
  const quiet: AppContext = { ...ctx, mailer: logMailer({ info: () => {}, error: () => {} }) };
  const roster = seedRoster(quiet, monday, addDays(monday, 8 * 7 - 1));
  // Publishing queued its deliveries for the next turn of the event loop: let
  // them run (and sweep up any left) before the caller may close the database.
  await new Promise((resolve) => setImmediate(resolve));
  await deliverDue(quiet);
  return { cities: DEMO_CITIES.length, services: DEMO_SERVICES.length, advisers: adviserCount, users, roster, passwords };
}

/** The demo's user names, in the order the seed creates them: two advisers per city, then each city's supervisor. */
export function demoUsernames(): string[] {
  const perCity = new Map<string, number>();
  const names: string[] = [];
  for (const a of demoAdvisers()) {
    const index = perCity.get(a.city) ?? 0;
    perCity.set(a.city, index + 1);
    if (index < 2) names.push(`${a.city}.adviser${index + 1}`);
  }
  for (const c of DEMO_CITIES) names.push(`${c.code}.supervisor`);
  return names;
}

/** The lines start-up prints once about the demo users. */
export function demoUsersMessage(summary: DemoSummary): string {
  if (!summary.passwords) return `Demo users: ${summary.users.join(', ')} (password: the one in DEMO_PASSWORD)`;
  const lines = summary.users.map((u) => `  ${u}: ${summary.passwords?.[u] ?? ''}`);
  return ['Demo users and their passwords (shown only once; set DEMO_PASSWORD to choose one for all):', ...lines].join('\n');
}

/** Generates and publishes the demo roster: eight weeks from this week's Monday. */
function seedRoster(ctx: AppContext, from: string, to: string): string {
  const admin = ctx.repos.users.byUsername('admin');
  if (!admin) return 'no roster (no admin user)';
  const user = { id: admin.id, username: admin.username, displayName: admin.display_name, role: admin.role, cityId: null, adviserId: null, language: null };
  const generated = generateRoster(ctx, { from, to }, user, 'en');
  const published = publishRoster(ctx, { from, to, overrideReason: generated.violations.some((v) => v.severity === 'error') ? 'Demo data' : '' }, user, 'en');
  return `a roster ${from}..${to}: ${generated.turns} turns, ${generated.open} open, ${published.published} published`;
}
