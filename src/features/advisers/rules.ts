import { recordChange } from '../audit/rules.js';
import type { AppContext } from '../../context.js';
import { forbidden, HttpError, notFound } from '../../http/errors.js';
import type { CurrentUser } from '../../http/types.js';
import type { FieldErrors, Parsed } from '../../http/validation.js';
import type { Translate } from '../../i18n/index.js';
import { managesCity } from './access.js';
import type { Adviser, AdviserFields } from './repository.js';
import type { AdviserInput } from './schemas.js';

/** Resolves city and service codes; unknown ones become field errors. */
export function resolveAdviser(ctx: AppContext, input: AdviserInput, t: Translate): Parsed<AdviserFields> {
  const errors: FieldErrors = {};
  const repo = ctx.repos.advisers;
  if (!repo.cities().some((c) => c.id === input.cityId)) errors.cityId = t('errors.unknownId');
  const byCode = new Map(repo.services().map((s) => [s.code, s.id]));
  const unknown = input.skills.filter((code) => !byCode.has(code));
  if (unknown.length) errors.skills = t('advisers.unknownSkills', { codes: unknown.join(', ') });
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    data: {
      cityId: input.cityId,
      name: input.name,
      email: input.email,
      maxHoursPerWeek: input.maxHoursPerWeek,
      active: input.active,
      activeFrom: input.activeFrom ?? null,
      activeTo: input.activeTo ?? null,
      skillIds: input.skills.map((code) => byCode.get(code) as number),
      languages: input.languages,
      desired: input.desired,
      undesired: input.undesired,
    },
  };
}

export function getAdviser(ctx: AppContext, id: number): Adviser {
  const adviser = ctx.repos.advisers.byId(id);
  if (!adviser) throw notFound();
  return adviser;
}

/** What the change log keeps of an adviser: plain values, put into words when read. */
const adviserFacts = (a: Pick<Adviser, 'cityId' | 'name' | 'email' | 'maxHoursPerWeek' | 'active' | 'languages'>) => ({
  name: a.name,
  email: a.email,
  cityId: a.cityId,
  maxHoursPerWeek: a.maxHoursPerWeek,
  active: a.active,
  languages: a.languages,
});

export function createAdviser(ctx: AppContext, actor: CurrentUser, input: AdviserInput, t: Translate): Parsed<Adviser> {
  const resolved = resolveAdviser(ctx, input, t);
  if (!resolved.ok) return resolved;
  if (!managesCity(actor, resolved.data.cityId)) throw forbidden();
  const id = ctx.db
    .transaction(() => {
      const created = ctx.repos.advisers.insert(resolved.data);
      recordChange(ctx, {
        userId: actor.id,
        kind: 'adviser.create',
        entity: 'adviser',
        entityId: created,
        cityId: resolved.data.cityId,
        adviserId: created,
        object: { type: 'adviser', adviserId: created },
        after: adviserFacts(resolved.data),
      });
      return created;
    })
    .immediate();
  return { ok: true, data: getAdviser(ctx, id) };
}

/**
 * Updates an adviser read at `version`. A supervisor may edit only their own
 * city's advisers and may not move one to another city.
 */
export function updateAdviser(ctx: AppContext, actor: CurrentUser, id: number, version: number | null, input: AdviserInput, t: Translate): Parsed<Adviser> {
  const existing = getAdviser(ctx, id);
  if (!managesCity(actor, existing.cityId)) throw forbidden();
  if (version === null) return { ok: false, errors: { version: t('errors.fieldRequired') } };
  const resolved = resolveAdviser(ctx, input, t);
  if (!resolved.ok) return resolved;
  if (resolved.data.cityId !== existing.cityId && actor.role !== 'admin') throw new HttpError(403, 'forbidden', 'errors.otherCity');
  const saved = ctx.db
    .transaction(() => {
      const ok = ctx.repos.advisers.update(id, version, resolved.data);
      if (ok) {
        recordChange(ctx, {
          userId: actor.id,
          kind: 'adviser.update',
          entity: 'adviser',
          entityId: id,
          cityId: resolved.data.cityId,
          adviserId: id,
          object: { type: 'adviser', adviserId: id },
          before: adviserFacts(existing),
          after: adviserFacts(resolved.data),
        });
      }
      return ok;
    })
    .immediate();
  if (!saved) throw new HttpError(409, 'stale_version');
  return { ok: true, data: getAdviser(ctx, id) };
}

export function setAdviserActive(ctx: AppContext, actor: CurrentUser, id: number, version: number | null, active: boolean): Adviser {
  const existing = getAdviser(ctx, id);
  if (!managesCity(actor, existing.cityId)) throw forbidden();
  if (version === null) throw new HttpError(400, 'validation_failed');
  const saved = ctx.db
    .transaction(() => {
      const ok = ctx.repos.advisers.setActive(id, version, active);
      if (ok) {
        recordChange(ctx, {
          userId: actor.id,
          kind: 'adviser.update',
          entity: 'adviser',
          entityId: id,
          cityId: existing.cityId,
          adviserId: id,
          object: { type: 'adviser', adviserId: id },
          before: { active: existing.active },
          after: { active },
        });
      }
      return ok;
    })
    .immediate();
  if (!saved) throw new HttpError(409, 'stale_version');
  return getAdviser(ctx, id);
}

/** The adviser as the JSON contract shows it. */
export function adviserJson(a: Adviser) {
  return {
    id: a.id,
    name: a.name,
    email: a.email,
    cityId: a.cityId,
    skills: a.skills,
    languages: a.languages,
    maxHoursPerWeek: a.maxHoursPerWeek,
    active: a.active,
    version: a.version,
  };
}

/** The current adviser as input, so a PATCH can overlay only the fields it sends. */
export function adviserAsInput(a: Adviser): AdviserInput {
  return {
    name: a.name,
    email: a.email,
    cityId: a.cityId,
    skills: a.skills,
    languages: a.languages,
    maxHoursPerWeek: a.maxHoursPerWeek,
    active: a.active,
    activeFrom: a.activeFrom ?? undefined,
    activeTo: a.activeTo ?? undefined,
    desired: a.desired,
    undesired: a.undesired,
  };
}
