import type { TurnJson } from '../rosters/present.js';
import type { RosterTurn } from './model.js';

/** A roster-page turn in the API.md shape of GET /api/v1/turns (the type is the rosters API's own). */
export function toTurnJson(turn: RosterTurn): TurnJson {
  return {
    id: turn.id,
    service: turn.serviceCode,
    city: turn.city?.code ?? null,
    start: turn.startAt,
    end: turn.endAt,
    headcount: turn.headcount,
    language: turn.language,
    status: turn.status,
    version: turn.version,
    assignments: turn.advisers.map((a) => ({ id: a.assignmentId, adviserId: a.id, pinned: a.pinned })),
  };
}
