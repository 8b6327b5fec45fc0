import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { forbidden } from '../../http/errors.js';
import { route, type RouteDef } from '../../http/routes.js';
import { parseBody, parseForm, type FieldErrors } from '../../http/validation.js';
import { fieldErrors, problemError, type Outcome } from '../cities/outcome.js';
import { nameIn } from '../cities/rules.js';
import { paramId } from '../cities/routes.js';
import { serviceOr404 } from '../services/rules.js';
import { localToday } from '../../time/zone.js';
import { percent, percentInput } from './format.js';
import { approveProposal, pendingProposals, proposeShares, rejectProposal, setShares, shareHistory, sharesInForce, type Actor } from './rules.js';
import { readShares, shareField, ShareBody, ShareForm, VersionOnly } from './schemas.js';

const EVERYONE = ['admin', 'supervisor', 'adviser'] as const;
const WRITERS = ['admin', 'supervisor'] as const;

const actorOf = (req: Request): Actor => {
  if (!req.user) throw forbidden();
  return { id: req.user.id, role: req.user.role, cityId: req.user.cityId };
};

function renderShares(
  ctx: AppContext,
  req: Request,
  res: Response,
  serviceId: number,
  values: Record<string, unknown> = {},
  errors: FieldErrors = {},
  status = 200,
) {
  const service = serviceOr404(ctx, serviceId);
  const cities = ctx.repos.cities.all();
  const active = ctx.repos.cities.active();
  const today = sharesInForce(ctx, serviceId, localToday(ctx.clock.now()));
  const activeSum = active.reduce((sum, c) => sum + (today.get(c.id) ?? 0), 0);
  const history = shareHistory(ctx, serviceId);
  const historyCityIds = new Set(history.flatMap((p) => [...p.shares.keys()]));
  const defaults = Object.fromEntries(active.map((c) => [shareField(c.id), today.has(c.id) ? percentInput(today.get(c.id) as number) : '']));
  res.status(status).render('services/shares', {
    title: req.t('shares.title', { service: nameIn(service, req.lang) }),
    service,
    cityById: new Map(cities.map((c) => [c.id, c])),
    active,
    today,
    history,
    historyCities: cities.filter((c) => historyCityIds.has(c.id)),
    sumOff: today.size > 0 && Math.abs(activeSum - 1) > 0.0001,
    activeSum,
    proposals: pendingProposals(ctx, serviceId),
    values: { unit: 'percent', validFrom: localToday(ctx.clock.now()), ...defaults, ...values },
    errors,
    nameIn,
    shareField,
    percent: (f: number) => percent(f, req.lang),
  });
}

/** Admins set shares directly; supervisors propose them to the other cities. */
function writeShares(ctx: AppContext, actor: Actor, serviceId: number, validFrom: string, fractions: Map<number, number>): Outcome<{ applied: boolean }> {
  if (actor.role === 'admin') {
    const set = setShares(ctx, serviceId, validFrom, fractions, actor.id);
    return set.ok ? { ok: true, value: { applied: true } } : set;
  }
  return proposeShares(ctx, actor, serviceId, validFrom, fractions);
}

export function shareRoutes(ctx: AppContext): RouteDef[] {
  return [
    route('get', '/services/:id/shares', EVERYONE, (req, res) => renderShares(ctx, req, res, paramId(req))),
    route('post', '/services/:id/shares', WRITERS, (req, res) => {
      const serviceId = serviceOr404(ctx, paramId(req)).id;
      const body = (req.body ?? {}) as Record<string, unknown>;
      const form = parseForm(ShareForm, body, req.t);
      const read = readShares(
        ctx.repos.cities.active(),
        (c) => {
          const v = body[shareField(c.id)];
          return typeof v === 'string' ? v : undefined;
        },
        form.ok ? form.data.unit : 'percent',
      );
      const errors = { ...(form.ok ? {} : form.errors), ...(read.ok ? {} : fieldErrors(read.problems, req.t)) };
      if (!form.ok || !read.ok) return renderShares(ctx, req, res, serviceId, body, errors, 400);
      const written = writeShares(ctx, actorOf(req), serviceId, form.data.validFrom, read.fractions);
      if (!written.ok) return renderShares(ctx, req, res, serviceId, body, fieldErrors(written.problems, req.t), 400);
      req.flash({ type: 'success', text: req.t(written.value.applied ? 'common.saved' : 'shares.proposalSent') });
      res.redirect(303, `/services/${serviceId}/shares`);
    }),
    route('post', '/services/:id/shares/proposals/:proposalId/approve', WRITERS, (req, res) => {
      const serviceId = paramId(req);
      const { version } = parseBody(VersionOnly, req.body, req.t);
      const approved = approveProposal(ctx, actorOf(req), serviceId, paramId(req, 'proposalId'), version);
      if (!approved.ok) req.flash({ type: 'error', text: Object.values(fieldErrors(approved.problems, req.t)).join(' ') });
      else req.flash({ type: 'success', text: req.t(approved.value.applied ? 'shares.applied' : 'shares.approved') });
      res.redirect(303, `/services/${serviceId}/shares`);
    }),
    route('post', '/services/:id/shares/proposals/:proposalId/reject', WRITERS, (req, res) => {
      const serviceId = paramId(req);
      const { version } = parseBody(VersionOnly, req.body, req.t);
      rejectProposal(ctx, actorOf(req), serviceId, paramId(req, 'proposalId'), version);
      req.flash({ type: 'success', text: req.t('shares.rejected') });
      res.redirect(303, `/services/${serviceId}/shares`);
    }),

    route('get', '/api/v1/services/:id/shares', EVERYONE, (req, res) => {
      const service = serviceOr404(ctx, paramId(req));
      const codeOf = new Map(ctx.repos.cities.all().map((c) => [c.id, c.code]));
      const byCode = (m: Map<number, number>) => Object.fromEntries([...m].map(([id, s]) => [codeOf.get(id) ?? String(id), s]));
      res.json({
        service: service.code,
        today: byCode(sharesInForce(ctx, service.id, localToday(ctx.clock.now()))),
        history: shareHistory(ctx, service.id).map((p) => ({ validFrom: p.validFrom, shares: byCode(p.shares) })),
        proposals: pendingProposals(ctx, service.id).map((p) => ({
          id: p.id,
          version: p.version,
          validFrom: p.validFrom,
          shares: byCode(p.shares),
          approved: [...p.approvedCityIds].map((id) => codeOf.get(id)),
          awaiting: p.awaitingCityIds.map((id) => codeOf.get(id)),
        })),
      });
    }),
    route('post', '/api/v1/services/:id/shares', WRITERS, (req, res) => {
      const service = serviceOr404(ctx, paramId(req));
      const body = parseBody(ShareBody, req.body, req.t);
      const read = readShares(
        ctx.repos.cities.active(),
        (c) => {
          const v = body.shares[c.code] ?? body.shares[String(c.id)];
          return v === undefined ? undefined : String(v);
        },
        'fraction',
      );
      if (!read.ok) throw problemError(400, read.problems, req.t);
      const written = writeShares(ctx, actorOf(req), service.id, body.validFrom, read.fractions);
      if (!written.ok) throw problemError(written.status, written.problems, req.t);
      res.status(written.value.applied ? 201 : 202).json({ validFrom: body.validFrom, applied: written.value.applied });
    }),
  ];
}
