import { recordChange } from '../audit/rules.js';
import type { AppContext } from '../../context.js';
import { HttpError } from '../../http/errors.js';
import { failure, success, type Outcome, type Problem } from '../cities/outcome.js';
import type { TemplateFields, TemplateRow } from './repository.js';
import { serviceOr404 } from './rules.js';

type Slot = Pick<TemplateFields, 'weekday' | 'start' | 'end'>;

const slotOf = (t: TemplateRow): Slot => ({ weekday: t.weekday, start: t.start_time, end: t.end_time });

/** Two rows of a weekly pattern clash when they share a weekday and their times overlap (touching is fine). */
export function overlaps(a: Slot, b: Slot): boolean {
  return a.weekday === b.weekday && a.start < b.end && b.start < a.end;
}

function overlapProblem(field: string, other: Slot): Problem {
  return { field, key: 'services.overlap', params: { start: other.start, end: other.end } };
}

const stale = () => new HttpError(409, 'stale_version');

// ISO weekday number and local times: the change log puts the weekday into words when read.
const slotText = (t: Slot) => ({ weekday: t.weekday, start: t.start, end: t.end });

/** Adds one row to a service's weekly pattern; the service version must be the one read. */
export function addTemplate(ctx: AppContext, serviceId: number, input: TemplateFields, version: number, userId: number | null): Outcome<number> {
  return ctx.db
    .transaction((): Outcome<number> => {
      const service = serviceOr404(ctx, serviceId);
      if (service.version !== version) throw stale();
      const clash = ctx.repos.services
        .templates(serviceId)
        .map(slotOf)
        .find((s) => overlaps(s, input));
      if (clash) return failure(422, overlapProblem('start', clash));
      const id = ctx.repos.services.insertTemplate(serviceId, input);
      if (!ctx.repos.services.bumpVersion(serviceId, version)) throw stale();
      recordChange(ctx, {
        userId,
        kind: 'template.change',
        entity: 'template',
        entityId: id,
        object: { type: 'service', serviceId },
        after: { template: slotText(input) },
      });
      return success(id);
    })
    .immediate();
}

export function removeTemplate(ctx: AppContext, serviceId: number, templateId: number, version: number, userId: number | null): void {
  ctx.db
    .transaction(() => {
      const service = serviceOr404(ctx, serviceId);
      if (service.version !== version) throw stale();
      const old = ctx.repos.services.templates(serviceId).find((t) => t.id === templateId);
      if (!old || !ctx.repos.services.removeTemplate(serviceId, templateId)) throw new HttpError(404, 'not_found');
      if (!ctx.repos.services.bumpVersion(serviceId, version)) throw stale();
      recordChange(ctx, {
        userId,
        kind: 'template.change',
        entity: 'template',
        entityId: templateId,
        object: { type: 'service', serviceId },
        before: { template: slotText({ weekday: old.weekday, start: old.start_time, end: old.end_time }) },
      });
    })
    .immediate();
}

/** Replaces the whole weekly pattern at once (the API); rows may not overlap each other. */
export function replacePattern(ctx: AppContext, serviceId: number, rows: TemplateFields[], version: number, userId: number | null): Outcome<TemplateRow[]> {
  return ctx.db
    .transaction((): Outcome<TemplateRow[]> => {
      const service = serviceOr404(ctx, serviceId);
      if (service.version !== version) throw stale();
      const problems: Problem[] = [];
      rows.forEach((row, i) => {
        const clash = rows.slice(0, i).find((other) => overlaps(row, other));
        if (clash) problems.push(overlapProblem(`templates.${i}.start`, clash));
      });
      if (problems.length) return failure(422, ...problems);
      const before = ctx.repos.services.templates(serviceId);
      for (const old of before) ctx.repos.services.removeTemplate(serviceId, old.id);
      for (const row of rows) ctx.repos.services.insertTemplate(serviceId, row);
      if (!ctx.repos.services.bumpVersion(serviceId, version)) throw stale();
      recordChange(ctx, {
        userId,
        kind: 'template.change',
        entity: 'service',
        entityId: serviceId,
        object: { type: 'service', serviceId },
        before: { templates: before.map((t) => slotText({ weekday: t.weekday, start: t.start_time, end: t.end_time })) },
        after: { templates: rows.map(slotText) },
      });
      return success(ctx.repos.services.templates(serviceId));
    })
    .immediate();
}
