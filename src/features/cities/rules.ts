import { recordChange } from '../audit/rules.js';
import type { AppContext } from '../../context.js';
import { HttpError, notFound } from '../../http/errors.js';
import type { Lang } from '../../i18n/index.js';
import { nameIn as localNameIn, type LocalNames } from '../../i18n/define.js';
import { localToday } from '../../time/zone.js';
import { failure, success, type Outcome } from './outcome.js';
import type { CityFields, CityRow } from './repository.js';

/** A row's name in a UI language; also used for services, which name their columns the same way. */
export function nameIn(row: LocalNames, lang: Lang): string {
  return localNameIn(row, lang);
}

export function cityOr404(ctx: AppContext, id: number): CityRow {
  const city = ctx.repos.cities.byId(id);
  if (!city) throw notFound();
  return city;
}

const stale = () => new HttpError(409, 'stale_version');

function codeTaken(ctx: AppContext, code: string, exceptId: number | null): boolean {
  const other = ctx.repos.cities.byCode(code);
  return other !== undefined && other.id !== exceptId;
}

const cityFacts = (c: CityFields) => ({ code: c.code, nameFi: c.nameFi, nameSv: c.nameSv, nameEn: c.nameEn, colour: c.colour });

export function createCity(ctx: AppContext, input: CityFields, userId: number | null): Outcome<CityRow> {
  return ctx.db
    .transaction((): Outcome<CityRow> => {
      if (codeTaken(ctx, input.code, null)) return failure(409, { field: 'code', key: 'errors.duplicateCode' });
      const id = ctx.repos.cities.insert(input);
      recordChange(ctx, {
        userId,
        kind: 'city.create',
        entity: 'city',
        entityId: id,
        cityId: id,
        object: { type: 'city', cityId: id },
        after: cityFacts(input),
      });
      return success(cityOr404(ctx, id));
    })
    .immediate();
}

/** Writes every field; the version read must still be current, or 409 stale_version. */
export function updateCity(ctx: AppContext, id: number, input: CityFields & { active: boolean; version: number }, userId: number | null): Outcome<CityRow> {
  return ctx.db
    .transaction((): Outcome<CityRow> => {
      const current = cityOr404(ctx, id);
      if (current.version !== input.version) throw stale();
      if (codeTaken(ctx, input.code, id)) return failure(409, { field: 'code', key: 'errors.duplicateCode' });
      if (!ctx.repos.cities.update({ ...input, id })) throw stale();
      recordChange(ctx, {
        userId,
        kind: 'city.update',
        entity: 'city',
        entityId: id,
        cityId: id,
        object: { type: 'city', cityId: id },
        before: {
          ...cityFacts({ code: current.code, nameFi: current.name_fi, nameSv: current.name_sv, nameEn: current.name_en, colour: current.colour }),
          active: current.active === 1,
        },
        after: { ...cityFacts(input), active: input.active },
      });
      return success(cityOr404(ctx, id));
    })
    .immediate();
}

/** A partial update (the API's PATCH): unspecified fields keep their values. */
export function patchCity(
  ctx: AppContext,
  id: number,
  patch: Partial<CityFields> & { active?: boolean },
  version: number,
  userId: number | null,
): Outcome<CityRow> {
  const current = cityOr404(ctx, id);
  return updateCity(
    ctx,
    id,
    {
      code: patch.code ?? current.code,
      nameFi: patch.nameFi ?? current.name_fi,
      nameSv: patch.nameSv ?? current.name_sv,
      nameEn: patch.nameEn ?? current.name_en,
      colour: patch.colour ?? current.colour,
      active: patch.active ?? current.active === 1,
      version,
    },
    userId,
  );
}

export function setCityActive(ctx: AppContext, id: number, active: boolean, version: number, userId: number | null): CityRow {
  return ctx.db
    .transaction(() => {
      const before = cityOr404(ctx, id);
      if (!ctx.repos.cities.setActive(id, active, version)) throw stale();
      recordChange(ctx, {
        userId,
        kind: 'city.update',
        entity: 'city',
        entityId: id,
        cityId: id,
        object: { type: 'city', cityId: id },
        before: { active: before.active === 1 },
        after: { active },
      });
      return cityOr404(ctx, id);
    })
    .immediate();
}

/** Each city's shares in force today, per service code, as fractions (0 where none is set). */
export function citiesWithTodaysShares(ctx: AppContext): { city: CityRow; shares: Record<string, number> }[] {
  const services = ctx.repos.services.all();
  const codeOf = new Map(services.map((s) => [s.id, s.code]));
  const inForce = ctx.repos.shares.inForce(localToday(ctx.clock.now()));
  return ctx.repos.cities.all().map((city) => {
    const shares: Record<string, number> = Object.fromEntries(services.map((s) => [s.code, 0]));
    for (const row of inForce) {
      const code = codeOf.get(row.service_id);
      if (row.city_id === city.id && code !== undefined) shares[code] = row.share;
    }
    return { city, shares };
  });
}
