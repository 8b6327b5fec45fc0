import type { RosterTurn } from './model.js';

/** A turn in the API.md shape of GET /api/v1/turns (service and city as codes, instants in UTC). */
export interface TurnJson {
  id: number;
  service: string;
  city: string | null;
  start: string;
  end: string;
  headcount: number;
  language: string | null;
  status: 'draft' | 'published';
  version: number;
  assignments: { id: number; adviserId: number; pinned: boolean }[];
}

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
