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

export function createService(ctx: AppContext, input: ServiceFields): Outcome<ServiceRow> {
  return ctx.db.transaction((): Outcome<ServiceRow> => {
    if (codeTaken(ctx, input.code, null)) return failure(409, { field: 'code', key: 'errors.duplicateCode' });
    return success(serviceOr404(ctx, ctx.repos.services.insert(input)));
  }).immediate();
}

export function updateService(ctx: AppContext, id: number, input: ServiceFields & { active: boolean; version: number }): Outcome<ServiceRow> {
  return ctx.db.transaction((): Outcome<ServiceRow> => {
    const current = serviceOr404(ctx, id);
    if (current.version !== input.version) throw stale();
    if (codeTaken(ctx, input.code, id)) return failure(409, { field: 'code', key: 'errors.duplicateCode' });
    if (!ctx.repos.services.update({ ...input, id })) throw stale();
    return success(serviceOr404(ctx, id));
  }).immediate();
}

export function patchService(ctx: AppContext, id: number, patch: Partial<ServiceFields> & { active?: boolean }, version: number): Outcome<ServiceRow> {
  const current = serviceOr404(ctx, id);
  return updateService(ctx, id, {
    code: patch.code ?? current.code,
    nameFi: patch.nameFi ?? current.name_fi,
    nameSv: patch.nameSv ?? current.name_sv,
    nameEn: patch.nameEn ?? current.name_en,
    rotationUnit: patch.rotationUnit ?? current.rotation_unit,
    active: patch.active ?? current.active === 1,
    version,
  });
}

export function setServiceActive(ctx: AppContext, id: number, active: boolean, version: number): ServiceRow {
  return ctx.db.transaction(() => {
    serviceOr404(ctx, id);
    if (!ctx.repos.services.setActive(id, active, version)) throw stale();
    return serviceOr404(ctx, id);
  }).immediate();
}
