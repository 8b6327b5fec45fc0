/**
 * The rotation engine's model. Plain data, no database: the rosters feature
 * loads these from SQLite, the engine solves in memory, the feature writes
 * the result back. Dates are local Helsinki dates (YYYY-MM-DD), instants UTC
 * ISO strings with Z, and `startMs`/`endMs` the same instants as epoch ms so
 * the hot loops never parse strings.
 */

export type RotationUnit = 'turn' | 'day' | 'week';

export interface TemplateSpec {
  id: number;
  weekday: number; // ISO 1 = Monday
  startTime: string; // HH:MM wall time
  endTime: string;
  headcount: number;
  language: string | null;
}

export interface ServiceSpec {
  id: number;
  code: string;
  rotationUnit: RotationUnit;
  active: boolean;
  templates: TemplateSpec[];
}

export interface CitySpec {
  id: number;
  code: string;
  active: boolean;
}

export interface ShareRow {
  serviceId: number;
  cityId: number;
  validFrom: string;
  share: number;
}

export interface AdviserSpec {
  id: number;
  cityId: number;
  maxHoursPerWeek: number;
  active: boolean;
  activeFrom: string | null;
  activeTo: string | null;
  skills: ReadonlySet<number>; // service ids
  languages: ReadonlySet<string>;
  desired: ReadonlySet<number>; // ISO weekdays
  undesired: ReadonlySet<number>;
}

export interface AbsenceSpec {
  adviserId: number;
  from: string;
  to: string; // inclusive
}

/** One turn of a roster, expanded from a template or read from the database. */
export interface Turn {
  /** Database id; null for a turn the engine expanded that is not stored yet. */
  id: number | null;
  serviceId: number;
  templateId: number | null;
  date: string;
  /** Monday of the turn's ISO week: the key of the weekly-hours rule. */
  week: string;
  weekday: number;
  startAt: string;
  endAt: string;
  startMs: number;
  endMs: number;
  hours: number;
  headcount: number;
  language: string | null;
}

export interface AssignmentSpec {
  adviserId: number;
  pinned: boolean;
}

/** A turn with its holder and advisers: what the validator checks. */
export interface RosterTurn extends Turn {
  cityId: number | null;
  cityPinned: boolean;
  status: 'draft' | 'published';
  assignments: AssignmentSpec[];
}

/** Hours per service and city already published before a range: the ledger's starting point. */
export interface LedgerHistoryRow {
  serviceId: number;
  cityId: number;
  date: string;
  hours: number;
}

/** Everything one generation needs, loaded with a handful of queries. */
export interface EngineInput {
  from: string;
  to: string;
  services: ServiceSpec[];
  cities: CitySpec[];
  shares: ShareRow[];
  /** Public holidays, default closures and admin closures in and around the range. */
  closedDates: ReadonlySet<string>;
  advisers: AdviserSpec[];
  absences: AbsenceSpec[];
  /** Turns stored in the range (draft and published), with their assignments. */
  existing: RosterTurn[];
  /** Turns just outside the range whose assignments still bind (rest, weekly hours, overlap). */
  context: RosterTurn[];
  history: LedgerHistoryRow[];
  /** Per service and adviser, the ledger (hours − target by capacity) over the published turns before the range; paid back in the range's first quarter. */
  adviserCarry?: Array<{ serviceId: number; adviserId: number; hours: number }>;
}

export interface EngineResult {
  /** The range's roster: kept turns as they were, recomputed ones with new holders and advisers. */
  turns: RosterTurn[];
  /** Stored draft turns the new pattern no longer has (e.g. a closure was added). */
  removedTurnIds: number[];
  /** Per service: the level-1 bound reached (hours) and whether it is proven optimal. */
  level1: Array<{ serviceId: number; boundHours: number; exact: boolean; greedyHours: number; restricted: number }>;
  /** Seats left open after repair, with each candidate of the city and the hard rule that blocks them. */
  openSeats: Array<{ turn: RosterTurn; open: number; candidates: Array<{ adviserId: number; rule: string }> }>;
  /** Whether the exact per-week model (HiGHS) was available, how many city-weeks it solved and the seats it gained over repair. */
  level2: { solver: boolean; exactBlocks: number; seatsGained: number; unproven: number };
}
