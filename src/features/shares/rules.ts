import { recordChange } from '../audit/rules.js';
import type { AppContext } from '../../context.js';
import { HttpError } from '../../http/errors.js';
import { localToday } from '../../time/zone.js';
import { failure, success, type Outcome } from '../cities/outcome.js';
import { serviceOr404 } from '../services/rules.js';

export interface SharePeriod {
  validFrom: string;
  shares: Map<number, number>;
}

/** Each city's share of a service on a local date (cities without one are absent): what the engine divides by. */
export function sharesInForce(ctx: AppContext, serviceId: number, date: string): Map<number, number> {
  return new Map(ctx.repos.shares.inForceFor(serviceId, date).map((r) => [r.city_id, r.share]));
}

/** Every change of a service's shares, newest first; each period lists the rows written on its date. */
export function shareHistory(ctx: AppContext, serviceId: number): SharePeriod[] {
  const periods = new Map<string, Map<number, number>>();
  for (const row of ctx.repos.shares.history(serviceId)) {
    const period = periods.get(row.valid_from) ?? new Map<number, number>();
    period.set(row.city_id, row.share);
    periods.set(row.valid_from, period);
  }
  return [...periods].map(([validFrom, shares]) => ({ validFrom, shares }));
}

/**
 * Checks a change before it is written or proposed: it starts today or later
 * (a change is never retroactive) and names exactly the active cities.
 */
function checkChange(ctx: AppContext, validFrom: string, fractions: Map<number, number>): Outcome<true> {
  if (validFrom < localToday(ctx.clock.now())) return failure(422, { field: 'validFrom', key: 'shares.pastDate' });
  const active = ctx.repos.cities
    .active()
    .map((c) => c.id)
    .sort((a, b) => a - b);
  const given = [...fractions.keys()].sort((a, b) => a - b);
  if (active.join(',') !== given.join(',')) return failure(409, { field: 'shares', key: 'shares.citiesChanged' });
  return success(true);
}

/** Writes the rows of a change; inactive cities that had a share get 0 so the shares in force sum to 1. */
function writeChange(ctx: AppContext, serviceId: number, validFrom: string, fractions: Map<number, number>, userId: number | null): void {
  const before = Object.fromEntries([...sharesInForce(ctx, serviceId, validFrom)].map(([cityId, share]) => [String(cityId), share]));
  recordChange(ctx, {
    userId,
    kind: 'share.change',
    entity: 'share',
    entityId: serviceId,
    object: { type: 'share', serviceId, date: validFrom },
    before: { shares: before },
    after: { shares: Object.fromEntries([...fractions].map(([cityId, share]) => [String(cityId), share])) },
  });
  for (const [cityId, share] of fractions) ctx.repos.shares.upsert(serviceId, cityId, validFrom, share);
  for (const cityId of ctx.repos.shares.citiesWithShares(serviceId)) {
    if (!fractions.has(cityId)) ctx.repos.shares.upsert(serviceId, cityId, validFrom, 0);
  }
}

/** An admin's change: takes effect from validFrom; earlier periods keep their shares. */
export function setShares(ctx: AppContext, serviceId: number, validFrom: string, fractions: Map<number, number>, userId: number | null): Outcome<true> {
  return ctx.db
    .transaction((): Outcome<true> => {
      serviceOr404(ctx, serviceId);
      const checked = checkChange(ctx, validFrom, fractions);
      if (!checked.ok) return checked;
      writeChange(ctx, serviceId, validFrom, fractions, userId);
      return success(true);
    })
    .immediate();
}

export interface Actor {
  id: number;
  role: 'admin' | 'supervisor' | 'adviser';
  cityId: number | null;
}

/** The active cities whose supervisors have not approved a proposal yet. */
function awaiting(ctx: AppContext, proposalId: number): number[] {
  const approved = new Set(ctx.repos.shareProposals.approvals(proposalId).map((a) => a.city_id));
  return ctx.repos.cities
    .active()
    .map((c) => c.id)
    .filter((id) => !approved.has(id));
}

/** Whether a proposal could still take effect (its date not passed, its cities still the active ones). */
function checkProposal(ctx: AppContext, proposalId: number) {
  const proposal = ctx.repos.shareProposals.byId(proposalId);
  if (!proposal) throw new HttpError(404, 'not_found');
  const fractions = new Map(ctx.repos.shareProposals.shares(proposalId).map((s) => [s.city_id, s.share]));
  return { proposal, fractions, checked: checkChange(ctx, proposal.valid_from, fractions) };
}

function applyProposal(ctx: AppContext, proposalId: number, userId: number): Outcome<{ applied: boolean }> {
  const { proposal, fractions, checked } = checkProposal(ctx, proposalId);
  if (!checked.ok) return checked;
  writeChange(ctx, proposal.service_id, proposal.valid_from, fractions, userId);
  ctx.repos.shareProposals.decide(proposalId, 'applied', userId);
  return success({ applied: true });
}

/** A supervisor's change: a proposal their city approves; it applies when every active city has approved. */
export function proposeShares(
  ctx: AppContext,
  actor: Actor,
  serviceId: number,
  validFrom: string,
  fractions: Map<number, number>,
): Outcome<{ proposalId: number; applied: boolean }> {
  return ctx.db
    .transaction((): Outcome<{ proposalId: number; applied: boolean }> => {
      serviceOr404(ctx, serviceId);
      if (actor.role !== 'supervisor' || actor.cityId === null) throw new HttpError(403, 'forbidden');
      const checked = checkChange(ctx, validFrom, fractions);
      if (!checked.ok) return checked;
      const proposalId = ctx.repos.shareProposals.insert(serviceId, validFrom, actor.id, actor.cityId);
      for (const [cityId, share] of fractions) ctx.repos.shareProposals.insertShare(proposalId, cityId, share);
      ctx.repos.shareProposals.approve(proposalId, actor.cityId, actor.id);
      recordChange(ctx, {
        userId: actor.id,
        kind: 'share.propose',
        entity: 'share_proposal',
        entityId: proposalId,
        cityId: actor.cityId,
        object: { type: 'share', serviceId, date: validFrom },
        after: { shares: Object.fromEntries([...fractions].map(([cityId, share]) => [String(cityId), share])) },
      });
      if (awaiting(ctx, proposalId).length > 0) return success({ proposalId, applied: false });
      const applied = applyProposal(ctx, proposalId, actor.id);
      return applied.ok ? success({ proposalId, applied: true }) : applied;
    })
    .immediate();
}

function pendingOr404(ctx: AppContext, serviceId: number, proposalId: number, version: number) {
  const proposal = ctx.repos.shareProposals.byId(proposalId);
  if (!proposal || proposal.service_id !== serviceId) throw new HttpError(404, 'not_found');
  if (proposal.version !== version) throw new HttpError(409, 'stale_version');
  if (proposal.status !== 'pending') throw new HttpError(409, 'conflict', 'shares.decided');
  return proposal;
}

/** A supervisor of a city still awaited approves; an admin's approval applies the proposal at once. */
export function approveProposal(ctx: AppContext, actor: Actor, serviceId: number, proposalId: number, version: number): Outcome<{ applied: boolean }> {
  return ctx.db
    .transaction((): Outcome<{ applied: boolean }> => {
      pendingOr404(ctx, serviceId, proposalId, version);
      // Checked before the approval is written: a refused approval must leave nothing behind.
      const { checked } = checkProposal(ctx, proposalId);
      if (!checked.ok) return checked;
      if (actor.role === 'admin') return applyProposal(ctx, proposalId, actor.id);
      if (actor.role !== 'supervisor' || actor.cityId === null || !awaiting(ctx, proposalId).includes(actor.cityId)) {
        throw new HttpError(403, 'forbidden', 'shares.cannotApprove');
      }
      ctx.repos.shareProposals.approve(proposalId, actor.cityId, actor.id);
      if (!ctx.repos.shareProposals.bumpVersion(proposalId, version)) throw new HttpError(409, 'stale_version');
      const p = ctx.repos.shareProposals.byId(proposalId);
      recordChange(ctx, {
        userId: actor.id,
        kind: 'share.approve',
        entity: 'share_proposal',
        entityId: proposalId,
        cityId: actor.cityId,
        object: { type: 'share', serviceId, ...(p ? { date: p.valid_from } : {}) },
      });
      if (awaiting(ctx, proposalId).length > 0) return success({ applied: false });
      return applyProposal(ctx, proposalId, actor.id);
    })
    .immediate();
}

/** Any active city's supervisor (the proposer withdrawing, too) or an admin may reject. */
export function rejectProposal(ctx: AppContext, actor: Actor, serviceId: number, proposalId: number, version: number): void {
  ctx.db
    .transaction(() => {
      pendingOr404(ctx, serviceId, proposalId, version);
      const activeCity = actor.cityId !== null && ctx.repos.cities.byId(actor.cityId)?.active === 1;
      if (actor.role !== 'admin' && !(actor.role === 'supervisor' && activeCity)) throw new HttpError(403, 'forbidden');
      ctx.repos.shareProposals.decide(proposalId, 'rejected', actor.id);
      const p = ctx.repos.shareProposals.byId(proposalId);
      recordChange(ctx, {
        userId: actor.id,
        kind: 'share.reject',
        entity: 'share_proposal',
        entityId: proposalId,
        cityId: actor.cityId,
        object: { type: 'share', serviceId, ...(p ? { date: p.valid_from } : {}) },
      });
    })
    .immediate();
}

export interface PendingProposal {
  id: number;
  version: number;
  validFrom: string;
  proposerCityId: number | null;
  shares: Map<number, number>;
  approvedCityIds: Set<number>;
  awaitingCityIds: number[];
}

export function pendingProposals(ctx: AppContext, serviceId: number): PendingProposal[] {
  return ctx.repos.shareProposals.pending(serviceId).map((p) => ({
    id: p.id,
    version: p.version,
    validFrom: p.valid_from,
    proposerCityId: p.proposer_city_id,
    shares: new Map(ctx.repos.shareProposals.shares(p.id).map((s) => [s.city_id, s.share])),
    approvedCityIds: new Set(ctx.repos.shareProposals.approvals(p.id).map((a) => a.city_id)),
    awaitingCityIds: awaiting(ctx, p.id),
  }));
}
