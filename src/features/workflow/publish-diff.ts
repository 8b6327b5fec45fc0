import { createHash } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Lang } from '../../i18n/index.js';
import { notifyAdvisers } from '../notifications/rules.js';
import { rosterPublished } from '../webhooks/turn-events.js';
import type { TurnRow } from '../rosters/repository.js';
import { turnWords } from '../planning/words.js';
import { turnLabel } from './turn-label.js';

export interface TurnRef {
  turnId: number;
  date: string;
  label: string;
}

/** What a publication changes for one adviser, compared with what was published before. */
export interface AdviserDiff {
  adviserId: number;
  name: string;
  /** The adviser's city, for grouping the preview per city. */
  cityId: number | null;
  added: TurnRef[];
  removed: TurnRef[];
  /** A turn taken away and another given on the same day: shown as one move. */
  moved: Array<{ from: TurnRef; to: TurnRef }>;
}

export interface PublishDiff {
  /** The draft turns the publication would publish. */
  turnIds: number[];
  advisers: AdviserDiff[];
  /** Identifies the drafts as previewed (ids and versions), so publishing what was not seen can be refused. */
  fingerprint: string;
}

/** Per adviser: turns added, moved and removed if the drafts of from..to were published now. */
export function publishDiff(ctx: AppContext, from: string, to: string, lang: Lang): PublishDiff {
  const repo = ctx.repos.rosters;
  const drafts = repo.turnsBetween(from, to).filter((t) => t.status === 'draft');
  const draftIds = new Set(drafts.map((t) => t.id));
  const now = groupByTurn(repo.assignmentsBetween(from, to).filter((a) => draftIds.has(a.turn_id)));
  const before = groupByTurn(ctx.repos.workflow.snapshotBetween(from, to).filter((a) => draftIds.has(a.turn_id)));
  const people = new Map(repo.advisers().map((a) => [a.id, a]));
  const byAdviser = new Map<number, { added: TurnRef[]; removed: TurnRef[] }>();
  const entry = (id: number) => {
    let e = byAdviser.get(id);
    if (!e) byAdviser.set(id, (e = { added: [], removed: [] }));
    return e;
  };
  for (const turn of drafts) {
    const after = now.get(turn.id) ?? [];
    const was = before.get(turn.id) ?? [];
    const ref = refOf(ctx, turn, lang);
    for (const id of after) if (!was.includes(id)) entry(id).added.push(ref);
    for (const id of was) if (!after.includes(id)) entry(id).removed.push(ref);
  }
  const advisers = [...byAdviser]
    .map(([adviserId, e]) => pairMoves(adviserId, people.get(adviserId)?.name ?? `#${adviserId}`, people.get(adviserId)?.city_id ?? null, e.added, e.removed))
    .sort((a, b) => a.name.localeCompare(b.name) || a.adviserId - b.adviserId);
  const fingerprint = createHash('sha256')
    .update(JSON.stringify(drafts.map((t) => [t.id, t.version])))
    .digest('hex')
    .slice(0, 32);
  return { turnIds: drafts.map((t) => t.id), advisers, fingerprint };
}

function groupByTurn(rows: ReadonlyArray<{ turn_id: number; adviser_id: number }>): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const r of rows) out.set(r.turn_id, [...(out.get(r.turn_id) ?? []), r.adviser_id]);
  return out;
}

function refOf(ctx: AppContext, turn: TurnRow, lang: Lang): TurnRef {
  return { turnId: turn.id, date: turn.date, label: turnWords(ctx, turn, lang) };
}

function pairMoves(adviserId: number, name: string, cityId: number | null, added: TurnRef[], removed: TurnRef[]): AdviserDiff {
  const moved: AdviserDiff['moved'] = [];
  const left = [...added];
  const gone: TurnRef[] = [];
  for (const r of removed) {
    const i = left.findIndex((a) => a.date === r.date);
    if (i >= 0) moved.push({ from: r, to: left.splice(i, 1)[0] as TurnRef });
    else gone.push(r);
  }
  return { adviserId, name, cityId, added: left, removed: gone, moved };
}

/**
 * After the drafts are marked published: remembers their advisers as the new
 * published state and tells each adviser whose turns changed. Call inside the
 * publishing transaction.
 */
export function completePublication(ctx: AppContext, diff: PublishDiff, range: { from: string; to: string }): void {
  for (const id of diff.turnIds) ctx.repos.workflow.snapshotCurrent(id);
  rosterPublished(ctx, {
    ...range,
    published: diff.turnIds.length,
    turnIds: diff.turnIds,
    advisers: diff.advisers.map((a) => ({
      adviserId: a.adviserId,
      added: [...a.added, ...a.moved.map((m) => m.to)].map((r) => r.turnId),
      removed: [...a.removed, ...a.moved.map((m) => m.from)].map((r) => r.turnId),
    })),
  });
  for (const a of diff.advisers) {
    notifyAdvisers(ctx, [a.adviserId], {
      subjectKey: 'workflowMail.notifyPublishedSubject',
      bodyKey: 'workflowMail.notifyPublishedBody',
      params: (lang) => ({
        from: range.from,
        to: range.to,
        added: a.added.length + a.moved.length,
        removed: a.removed.length + a.moved.length,
        turns: publishedLines(ctx, a, lang),
      }),
    });
  }
}

function publishedLines(ctx: AppContext, a: AdviserDiff, lang: Lang): string {
  const label = (ref: TurnRef) => {
    const row = ctx.repos.rosters.turnById(ref.turnId);
    return row ? turnLabel(ctx, row, lang) : ref.label;
  };
  return [...a.added.map((r) => `+ ${label(r)}`), ...a.moved.map((m) => `~ ${label(m.from)} → ${label(m.to)}`), ...a.removed.map((r) => `- ${label(r)}`)].join(
    '\n',
  );
}
