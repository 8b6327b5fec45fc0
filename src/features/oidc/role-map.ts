import { z } from 'zod';
import type { Role } from '../../http/types.js';

/** One entry of OIDC_ROLE_MAP: what a group (or role) in the provider's claim makes a user in vuoro. */
export interface RoleGrant {
  role: Role;
  city?: string | undefined;
}
/** Group → grant, in the order the JSON lists them (the order breaks ties between supervisor cities). */
export type OidcRoleMap = ReadonlyArray<readonly [string, RoleGrant]>;

const Grant = z
  .object({
    role: z.enum(['admin', 'supervisor', 'adviser']),
    city: z
      .string()
      .regex(/^[a-z][a-z0-9_-]{0,39}$/, 'a city code such as "espoo"')
      .optional(),
  })
  .strict()
  .superRefine((g, c) => {
    if (g.role === 'supervisor' && !g.city) c.addIssue({ code: 'custom', message: 'a supervisor needs a city code ("city")', path: ['city'] });
    // An adviser's city comes from the adviser record, an admin has none: a city here would be silently ignored.
    if (g.role !== 'supervisor' && g.city) c.addIssue({ code: 'custom', message: `only a supervisor has a city (${g.role} gets none)`, path: ['city'] });
  });
const RoleMapSchema = z.record(z.string().min(1).max(500), Grant);

/** Parses OIDC_ROLE_MAP; every problem is reported, with the group it is about. */
export function parseRoleMap(json: string): { ok: true; map: OidcRoleMap } | { ok: false; problems: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, problems: ['not valid JSON'] };
  }
  const parsed = RoleMapSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(top)'}: ${i.message}`) };
  const map = Object.entries(parsed.data).map(([group, g]) => [group, { role: g.role, city: g.city }] as const);
  if (map.length === 0) return { ok: false, problems: ['maps no group to a role, so nobody could sign in'] };
  return { ok: true, map };
}

const RANK: Record<Role, number> = { adviser: 1, supervisor: 2, admin: 3 };

/** The values of a claim given by name or dotted path: a list of strings or one string. */
export function claimValues(claims: Record<string, unknown>, path: string): string[] {
  let value: unknown = claims;
  // A claim name may itself contain dots (e.g. a URL-style claim): try it whole first.
  if (Object.hasOwn(claims, path)) value = claims[path];
  else for (const part of path.split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * The grant for a user's groups: the highest role wins; among several
 * supervisor grants the first in the map's order. Null when none matches.
 */
export function grantFor(map: OidcRoleMap, groups: readonly string[], usable: (g: RoleGrant) => boolean = () => true): RoleGrant | null {
  const have = new Set(groups);
  let best: RoleGrant | null = null;
  for (const [group, grant] of map) {
    if (have.has(group) && usable(grant) && (!best || RANK[grant.role] > RANK[best.role])) best = grant;
  }
  return best;
}
