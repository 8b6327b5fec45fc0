import type { Lang } from '../../i18n/index.js';
import type { Adviser, NamedRow } from './repository.js';

export const MAIN_LANGUAGES = ['fi', 'sv', 'en'] as const;

/** A city's or service's name in the UI language. */
export function localName(row: Pick<NamedRow, 'name_fi' | 'name_sv' | 'name_en'>, lang: Lang): string {
  return row[`name_${lang}`];
}

/** What the adviser form shows: strings and string lists, as a browser would send them back. */
export interface AdviserFormValues {
  name: string;
  email: string;
  cityId: string;
  maxHoursPerWeek: string;
  activeFrom: string;
  activeTo: string;
  active: boolean;
  skills: string[];
  languages: string[];
  otherLanguages: string;
  desired: string[];
  undesired: string[];
  version: string;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

export function valuesFromBody(body: unknown): AdviserFormValues {
  const b = (body ?? {}) as Record<string, unknown>;
  return {
    name: str(b.name),
    email: str(b.email),
    cityId: str(b.cityId),
    maxHoursPerWeek: str(b.maxHoursPerWeek),
    activeFrom: str(b.activeFrom),
    activeTo: str(b.activeTo),
    active: b.active === 'on',
    skills: list(b.skills),
    languages: list(b.languages),
    otherLanguages: str(b.otherLanguages),
    desired: list(b.desired),
    undesired: list(b.undesired),
    version: str(b.version),
  };
}

export function valuesFromAdviser(a: Adviser): AdviserFormValues {
  const main: readonly string[] = MAIN_LANGUAGES;
  return {
    name: a.name,
    email: a.email,
    cityId: String(a.cityId),
    maxHoursPerWeek: String(a.maxHoursPerWeek),
    activeFrom: a.activeFrom ?? '',
    activeTo: a.activeTo ?? '',
    active: a.active,
    skills: a.skills,
    languages: a.languages.filter((l) => main.includes(l)),
    otherLanguages: a.languages.filter((l) => !main.includes(l)).join(' '),
    desired: a.desired.map(String),
    undesired: a.undesired.map(String),
    version: String(a.version),
  };
}

export function emptyValues(cityId: number | null): AdviserFormValues {
  return {
    name: '',
    email: '',
    cityId: cityId === null ? '' : String(cityId),
    maxHoursPerWeek: '',
    activeFrom: '',
    activeTo: '',
    active: true,
    skills: [],
    languages: ['fi'],
    otherLanguages: '',
    desired: [],
    undesired: [],
    version: '',
  };
}

/** Positive integer route parameter, or null (the route then answers 404). */
export function idParam(raw: unknown): number | null {
  return typeof raw === 'string' && /^\d{1,15}$/.test(raw) && Number(raw) > 0 ? Number(raw) : null;
}
