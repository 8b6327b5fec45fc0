import type { Translate } from '../../i18n/index.js';
import type { RosterTurn } from '../../rotation/types.js';
import { describeViolation, type Violation, type ViolationNames } from '../../rotation/violations.js';

/** A turn as GET /api/v1/turns shows it (API.md): service and city as codes, instants in UTC. */
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
  assignments: Array<{ id: number; adviserId: number; pinned: boolean }>;
}

export interface Codes {
  service(id: number): string;
  city(id: number | null): string | null;
}

export function turnJson(t: RosterTurn & { id: number | null; version: number; assignmentIds: number[] }, codes: Codes): TurnJson {
  return {
    id: t.id ?? 0,
    service: codes.service(t.serviceId),
    city: codes.city(t.cityId),
    start: t.startAt,
    end: t.endAt,
    headcount: t.headcount,
    language: t.language,
    status: t.status,
    version: t.version,
    assignments: t.assignments.map((a, i) => ({ id: t.assignmentIds[i] ?? 0, adviserId: a.adviserId, pinned: a.pinned })),
  };
}

// A type, not an interface, so it fits ErrorDetail's index signature as a 422's details.
export type ViolationJson = {
  code: string;
  severity: 'error' | 'warning';
  turnId: number | null;
  adviserId: number | null;
  service: string | null;
  city: string | null;
  date: string | null;
  start: string | null;
  message: string;
};

export function violationJson(v: Violation, t: Translate, names: ViolationNames, codes: Codes): ViolationJson {
  return {
    code: v.code,
    severity: v.severity,
    turnId: v.turnId,
    adviserId: v.adviserId,
    service: v.serviceId === null ? null : codes.service(v.serviceId),
    city: codes.city(v.cityId),
    date: v.date,
    start: v.start,
    message: describeViolation(v, t, names),
  };
}
