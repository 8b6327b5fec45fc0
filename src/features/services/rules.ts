import { recordChange } from '../audit/rules.js';
import type { AppContext } from '../../context.js';
import { HttpError, notFound } from '../../http/errors.js';
import { failure, success, type Outcome } from '../cities/outcome.js';
import type { ServiceFields, ServiceRow } from './repository.js';

export function serviceOr404(ctx: AppContext, id: number): ServiceRow {
  const service = ctx.repos.services.byId(id);
  if (!service) throw notFound();
  return service;
}

const stale = () => new HttpError(409, 'stale_version');

function codeTaken(ctx: AppContext, code: string, exceptId: number | null): boolean {
  const other = ctx.repos.services.byCode(code);
  return other !== undefined && other.id !== exceptId;
}

export function createService(ctx: AppContext, input: ServiceFields, userId: number | null): Outcome<ServiceRow> {
  return ctx.db
    .transaction((): Outcome<ServiceRow> => {
      if (codeTaken(ctx, input.code, null)) return failure(409, { field: 'code', key: 'errors.duplicateCode' });
      const id = ctx.repos.services.insert(input);
      recordChange(ctx, { userId, kind: 'service.create', entity: 'service', entityId: id, object: { type: 'service', serviceId: id }, after: { ...input } });
      return success(serviceOr404(ctx, id));
    })
    .immediate();
}

export function updateService(
  ctx: AppContext,
  id: number,
  input: ServiceFields & { active: boolean; version: number },
  userId: number | null,
): Outcome<ServiceRow> {
  return ctx.db
    .transaction((): Outcome<ServiceRow> => {
      const current = serviceOr404(ctx, id);
      if (current.version !== input.version) throw stale();
      if (codeTaken(ctx, input.code, id)) return failure(409, { field: 'code', key: 'errors.duplicateCode' });
      if (!ctx.repos.services.update({ ...input, id })) throw stale();
      const { version: _v, ...after } = input;
      recordChange(ctx, {
        userId,
        kind: 'service.update',
        entity: 'service',
        entityId: id,
        object: { type: 'service', serviceId: id },
        before: {
          code: current.code,
          nameFi: current.name_fi,
          nameSv: current.name_sv,
          nameEn: current.name_en,
          rotationUnit: current.rotation_unit,
          active: current.active === 1,
        },
        after,
      });
      return success(serviceOr404(ctx, id));
    })
    .immediate();
}

export function patchService(
  ctx: AppContext,
  id: number,
  patch: Partial<ServiceFields> & { active?: boolean },
  version: number,
  userId: number | null,
): Outcome<ServiceRow> {
  const current = serviceOr404(ctx, id);
  return updateService(
    ctx,
    id,
    {
      code: patch.code ?? current.code,
      nameFi: patch.nameFi ?? current.name_fi,
      nameSv: patch.nameSv ?? current.name_sv,
      nameEn: patch.nameEn ?? current.name_en,
      rotationUnit: patch.rotationUnit ?? current.rotation_unit,
      active: patch.active ?? current.active === 1,
      version,
    },
    userId,
  );
}

export function setServiceActive(ctx: AppContext, id: number, active: boolean, version: number, userId: number | null): ServiceRow {
  return ctx.db
    .transaction(() => {
      const before = serviceOr404(ctx, id);
      if (!ctx.repos.services.setActive(id, active, version)) throw stale();
      recordChange(ctx, {
        userId,
        kind: 'service.update',
        entity: 'service',
        entityId: id,
        object: { type: 'service', serviceId: id },
        before: { active: before.active === 1 },
        after: { active },
      });
      return serviceOr404(ctx, id);
    })
    .immediate();
}
