import type { AppContext } from '../../context.js';
import type { CurrentUser } from '../../http/types.js';
import type { Lang } from '../../i18n/index.js';
import { mayDecideMove } from './moves.js';
import type { CityMoveRow, SwapRow } from './repository.js';
import { swapCities, swapStatus, type SwapStatus } from './swaps.js';
import { nameIn, turnLabel } from './turn-label.js';

export interface MoveItem {
  id: number;
  version: number;
  turnId: number;
  turn: string;
  fromCity: string;
  toCity: string;
  reason: string;
  status: CityMoveRow['status'];
  requestedAt: string;
  canAccept: boolean;
  canDecline: boolean;
}

export interface SwapItem {
  id: number;
  version: number;
  kind: SwapRow['kind'];
  turnId: number;
  otherTurnId: number | null;
  turn: string;
  otherTurn: string | null;
  requesterId: number;
  targetId: number;
  requester: string;
  target: string;
  message: string;
  status: SwapStatus;
  createdAt: string;
  approvedCities: string[];
  canRespond: boolean;
  canDecide: boolean;
  /** The asker may withdraw while nothing has been applied. */
  canCancel: boolean;
}

/** The city moves and swaps that concern a user: admins see all, supervisors their cities', advisers their own. */
export function requestsFor(ctx: AppContext, user: CurrentUser, lang: Lang): { moves: MoveItem[]; swaps: SwapItem[] } {
  const now = ctx.clock.now();
  const cities = new Map(ctx.repos.rosters.cities().map((c) => [c.id, nameIn(c, lang)]));
  const advisers = new Map(ctx.repos.rosters.advisers().map((a) => [a.id, a.name]));
  const label = (turnId: number | null): string | null => {
    if (turnId === null) return null;
    const row = ctx.repos.rosters.turnById(turnId);
    return row ? turnLabel(ctx, row, lang) : `#${turnId}`;
  };
  const moves = ctx.repos.workflow
    .moves()
    .filter((m) => user.role === 'admin' || (user.role === 'supervisor' && (m.from_city_id === user.cityId || m.to_city_id === user.cityId)))
    .map((m): MoveItem => ({
      id: m.id,
      version: m.version,
      turnId: m.turn_id,
      turn: label(m.turn_id) ?? '',
      reason: m.reason,
      status: m.status,
      requestedAt: m.requested_at,
      fromCity: m.from_city_id === null ? '–' : (cities.get(m.from_city_id) ?? '?'),
      toCity: cities.get(m.to_city_id) ?? '?',
      canAccept: m.status === 'pending' && mayDecideMove(user, m, 'accept'),
      canDecline: m.status === 'pending' && mayDecideMove(user, m, 'decline'),
    }));
  const swaps: SwapItem[] = [];
  for (const s of ctx.repos.workflow.swaps()) {
    const concerned = swapCities(ctx, s);
    const mineAsAdviser = user.adviserId !== null && (s.requester_id === user.adviserId || s.target_id === user.adviserId);
    const mineAsSupervisor = user.role === 'supervisor' && user.cityId !== null && concerned.includes(user.cityId);
    if (user.role !== 'admin' && !mineAsAdviser && !mineAsSupervisor) continue;
    const status = swapStatus(s, now);
    const approved = ctx.repos.workflow.approvedCities(s.id);
    swaps.push({
      id: s.id,
      version: s.version,
      kind: s.kind,
      turnId: s.turn_id,
      otherTurnId: s.other_turn_id,
      turn: label(s.turn_id) ?? '',
      otherTurn: label(s.other_turn_id),
      requesterId: s.requester_id,
      targetId: s.target_id,
      requester: advisers.get(s.requester_id) ?? '?',
      target: advisers.get(s.target_id) ?? '?',
      message: s.message,
      status,
      createdAt: s.created_at,
      approvedCities: approved.map((c) => cities.get(c) ?? '?'),
      canRespond: status === 'pending' && user.adviserId === s.target_id,
      canDecide: status === 'accepted' && (user.role === 'admin' || (mineAsSupervisor && !approved.includes(user.cityId as number))),
      canCancel: (status === 'pending' || status === 'accepted') && user.adviserId !== null && user.adviserId === s.requester_id,
    });
  }
  return { moves, swaps };
}
