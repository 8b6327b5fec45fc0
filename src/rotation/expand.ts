import { calendarDays, msToUtcIso, wallToUtcMs } from '../time/zone.js';
import type { ServiceSpec, Turn } from './types.js';

const HOUR_MS = 3_600_000;

/**
 * The turns of a range from each active service's weekly pattern, skipping
 * closed days. Wall times are converted per date, so a 09:00 turn is 07:00Z
 * in summer and 06:00Z in winter, and a turn spanning a clock change has its
 * real length in hours.
 */
export function expandTurns(services: readonly ServiceSpec[], from: string, to: string, closedDates: ReadonlySet<string>): Turn[] {
  const days = calendarDays(from, to).filter((d) => !closedDates.has(d.date));
  const turns: Turn[] = [];
  for (const service of services) {
    if (!service.active) continue;
    const byWeekday = new Map<number, ServiceSpec['templates']>();
    for (const t of service.templates) byWeekday.set(t.weekday, [...(byWeekday.get(t.weekday) ?? []), t]);
    for (const day of days) {
      for (const template of byWeekday.get(day.weekday) ?? []) {
        const startMs = wallToUtcMs(day.date, template.startTime);
        const endMs = wallToUtcMs(day.date, template.endTime);
        if (endMs <= startMs) continue;
        turns.push({
          id: null,
          serviceId: service.id,
          templateId: template.id,
          date: day.date,
          week: day.monday,
          weekday: day.weekday,
          startAt: msToUtcIso(startMs),
          endAt: msToUtcIso(endMs),
          startMs,
          endMs,
          hours: (endMs - startMs) / HOUR_MS,
          headcount: template.headcount,
          language: template.language,
        });
      }
    }
  }
  return turns.sort(byStart);
}

/** Chronological, then by service: the one order every part of the engine uses. */
export function byStart(a: Pick<Turn, 'startMs' | 'serviceId'>, b: Pick<Turn, 'startMs' | 'serviceId'>): number {
  return a.startMs - b.startMs || a.serviceId - b.serviceId;
}
