import { createHash } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { translate, type Lang } from '../../i18n/index.js';
import { hashToken } from '../auth/secrets.js';
import { findTarget, type FeedTarget } from './access.js';
import { serializeCalendar, type IcsEvent } from './ics.js';
import type { FeedTurnRow } from './repository.js';
import { asLang } from './rules.js';

export interface Feed {
  body: Buffer;
  etag: string;
  filename: string;
  language: Lang;
}

/** base64url of 32 random bytes, as newToken makes them. */
const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;
const DAY_MS = 86_400_000;

/** Instants as stored: second precision, Z. */
function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** What subscribers see: 30 days back (recent history) to one year ahead. */
export function horizon(now: Date): { from: string; to: string } {
  const to = new Date(now.getTime());
  to.setUTCFullYear(to.getUTCFullYear() + 1);
  return { from: isoSeconds(new Date(now.getTime() - 30 * DAY_MS)), to: isoSeconds(to) };
}

interface Person {
  id: number;
  name: string;
}

function people(row: FeedTurnRow): Person[] {
  try {
    const parsed: unknown = JSON.parse(row.advisers_json);
    return Array.isArray(parsed) ? (parsed as Person[]).filter((p) => typeof p?.name === 'string') : [];
  } catch {
    return [];
  }
}

/** When this version of the turn was made: its last change or publication; the start if neither parses. */
function stampOf(row: FeedTurnRow): string {
  const times = [row.updated_at, row.published_at].map((v) => (v === null ? NaN : Date.parse(v))).filter((n) => !Number.isNaN(n));
  return times.length > 0 ? new Date(Math.max(...times)).toISOString() : row.start_at;
}

/** One turn as an event of a feed; invitations and the per-turn download reuse it so all carry the same UID and SEQUENCE. */
export function toEvent(row: FeedTurnRow, target: Pick<FeedTarget, 'scope' | 'id'>, lang: Lang): IcsEvent {
  const service = { fi: row.service_fi, sv: row.service_sv, en: row.service_en }[lang];
  const city = { fi: row.city_fi, sv: row.city_sv, en: row.city_en }[lang];
  const everyone = people(row);
  const names = (list: Person[]) => list.map((p) => p.name).join(', ');
  let description: string;
  let uid: string;
  if (target.scope === 'adviser') {
    // One event per assignment. Keyed by turn and adviser, not by the
    // assignment row's id, so a roster edit that rewrites the rows keeps the UID.
    uid = `turn-${row.id}-adviser-${target.id}@vuoro`;
    const others = everyone.filter((p) => p.id !== target.id);
    description = others.length > 0 ? translate(lang, 'calendar.eventAlsoOn', { names: names(others) }) : translate(lang, 'calendar.eventAlone');
  } else {
    uid = `turn-${row.id}@vuoro`;
    description = everyone.length > 0 ? translate(lang, 'calendar.eventOn', { names: names(everyone) }) : translate(lang, 'calendar.eventNobody');
  }
  return {
    uid,
    sequence: row.version,
    stamp: stampOf(row),
    start: row.start_at,
    end: row.end_at,
    summary: city ? translate(lang, 'calendar.eventSummary', { service, city }) : service,
    description,
  };
}

function turnsFor(ctx: AppContext, target: FeedTarget): FeedTurnRow[] {
  const range = { id: target.id, ...horizon(ctx.clock.now()) };
  const repo = ctx.repos.calendar;
  if (target.scope === 'adviser') return repo.turnsOfAdviser(range);
  if (target.scope === 'city') return repo.turnsOfCity(range);
  return repo.turnsOfService(range);
}

const NAME_KEYS = { adviser: 'calendar.feedNameAdviser', city: 'calendar.feedNameCity', service: 'calendar.feedNameService' } as const;

/** The feed behind a capability token, or null for an unknown, malformed or revoked one. */
export function feedForToken(ctx: AppContext, token: string): Feed | null {
  if (!TOKEN_RE.test(token)) return null;
  const row = ctx.repos.calendar.activeTokenByHash(hashToken(token));
  if (!row) return null;
  const target = findTarget(ctx.repos.calendar, row.scope, row.target_id);
  // The trigger revokes a deactivated adviser's tokens; this holds even for
  // rows written before it existed.
  if (!target || (target.scope === 'adviser' && !target.active)) return null;
  const lang = asLang(row.language);
  const text = serializeCalendar({
    name: translate(lang, NAME_KEYS[target.scope], { name: target.names[lang] }),
    events: turnsFor(ctx, target).map((turn) => toEvent(turn, target, lang)),
  });
  const body = Buffer.from(text, 'utf8');
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  return { body, etag, filename: `vuoro-${target.code}.ics`, language: lang };
}
