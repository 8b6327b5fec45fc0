import type { AppContext } from '../../context.js';
import type { Role } from '../../http/types.js';
import { isLang, type Lang } from '../../i18n/index.js';
import { recordChange } from '../audit/rules.js';
import type { OidcUserFields, OidcUserRow } from './repository.js';
import { claimValues, grantFor } from './role-map.js';

/** Why a sign-in that the provider accepted is refused here; each has its own page text. */
export type Refusal = 'no_role' | 'deactivated' | 'no_adviser';

export type SignInOutcome = { ok: true; userId: number; created: boolean; changed: boolean } | { ok: false; reason: Refusal; language: Lang | null };

const str = (v: unknown, max: number): string | null => {
  if (typeof v !== 'string') return null;
  const s = v.trim();
  return s.length > 0 && s.length <= max ? s : null;
};

/** The person as the claims describe them. */
export interface Person {
  subject: string;
  name: string;
  /** Only an address the provider has not called unverified; it links the adviser record. */
  email: string | null;
  preferredUsername: string | null;
  groups: string[];
  locale: Lang | null;
}

export function personFromClaims(claims: Record<string, unknown>, roleClaim: string): Person | null {
  const subject = str(claims.sub, 255);
  if (!subject) return null;
  const rawEmail = str(claims.email, 254);
  // Entra ID sends no email_verified at all; only an explicit false is distrusted.
  const email = rawEmail && /^[^\s@]+@[^\s@]+$/.test(rawEmail) && claims.email_verified !== false ? rawEmail : null;
  const given = [str(claims.given_name, 100), str(claims.family_name, 100)].filter((x): x is string => x !== null).join(' ');
  const preferredUsername = str(claims.preferred_username, 200);
  const name = str(claims.name, 200) ?? (given || null) ?? preferredUsername ?? email ?? subject;
  const locale = typeof claims.locale === 'string' ? claims.locale.slice(0, 2).toLowerCase() : null;
  return { subject, name: name.slice(0, 200), email, preferredUsername, groups: claimValues(claims, roleClaim), locale: isLang(locale) ? locale : null };
}

/** A free user name from the provider's preferred name or address, made to fit the local rules. */
function freeUsername(ctx: AppContext, p: Person): string {
  const source = p.preferredUsername ?? p.email ?? `sso-${p.subject}`;
  const base =
    source
      .toLowerCase()
      .replace(/[^a-z0-9._@-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56) || 'sso-user';
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!ctx.repos.oidc.usernameTaken(candidate)) return candidate;
  }
  return `sso-${Date.now()}`;
}

const fieldsOf = (u: OidcUserRow): OidcUserFields => ({
  displayName: u.display_name,
  email: u.email,
  role: u.role,
  cityId: u.city_id,
  adviserId: u.adviser_id,
});
const same = (a: OidcUserFields, b: OidcUserFields) =>
  a.displayName === b.displayName && a.email === b.email && a.role === b.role && a.cityId === b.cityId && a.adviserId === b.adviserId;

/**
 * Creates or updates the user a provider's sign-in names, in one transaction
 * with its change-log entry. The provider is the source of truth for its
 * users' name, address, role and city: they are rewritten at every sign-in.
 * A user is found by issuer and subject; the first time, see the comment inside.
 */
export function signInWithClaims(ctx: AppContext, issuer: string, p: Person): SignInOutcome {
  const oidc = ctx.config.oidc;
  if (!oidc) throw new Error('single sign-on is not configured');
  const repo = ctx.repos.oidc;
  return ctx.db
    .transaction((): SignInOutcome => {
      const refuse = (reason: Refusal, user?: OidcUserRow): SignInOutcome => ({
        ok: false,
        reason,
        language: p.locale ?? (user && isLang(user.language) ? user.language : null),
      });
      const adviser = p.email ? repo.adviserByEmail(p.email) : null;
      let existing = repo.bySubject(issuer, p.subject);
      // The first sign-in at this provider may find a user made before: a local
      // user linked to the adviser with this address, or a user of an earlier
      // provider (a city moving from Tunnistamo to Keycloak) with this address.
      // Only one provider is configured at a time, so another issuer's link is stale.
      const takeable = (u: OidcUserRow | undefined) => (u && (u.oidc_subject === null || u.oidc_issuer !== issuer) ? u : undefined);
      if (!existing && adviser) existing = takeable(repo.byAdviser(adviser.id));
      if (!existing && p.email) existing = takeable(repo.byEarlierProviderEmail(p.email, issuer));
      if (existing && existing.active !== 1) return refuse('deactivated', existing);

      const grant = grantFor(oidc.roleMap, p.groups, (g) => g.role !== 'supervisor' || (g.city !== undefined && repo.cityIdByCode(g.city) !== null));
      if (!grant) return refuse('no_role', existing);
      const role: Role = grant.role;
      let adviserId: number | null = null;
      if (role === 'adviser') {
        const holder = adviser ? repo.byAdviser(adviser.id) : undefined;
        if (!adviser || (holder && holder.id !== existing?.id)) return refuse('no_adviser', existing);
        adviserId = adviser.id;
      }
      const fields: OidcUserFields = {
        displayName: p.name,
        email: p.email,
        role,
        // As for users an admin makes: only a supervisor has a city; an adviser's is the adviser record's.
        cityId: role === 'supervisor' && grant.city ? repo.cityIdByCode(grant.city) : null,
        adviserId,
      };

      if (!existing) {
        const userId = repo.insert({ ...fields, username: freeUsername(ctx, p), language: p.locale, issuer, subject: p.subject });
        recordChange(ctx, {
          userId,
          kind: 'user.sso_create',
          entity: 'user',
          entityId: userId,
          cityId: fields.cityId,
          adviserId,
          after: { ...fields, issuer },
        });
        return { ok: true, userId, created: true, changed: true };
      }
      const before = fieldsOf(existing);
      const linking = existing.oidc_subject !== p.subject || existing.oidc_issuer !== issuer;
      if (same(before, fields) && !linking) return { ok: true, userId: existing.id, created: false, changed: false };
      if (!repo.update({ ...fields, id: existing.id, version: existing.version, issuer, subject: p.subject })) throw new Error('user changed during sign-in');
      recordChange(ctx, {
        userId: existing.id,
        kind: 'user.sso_update',
        entity: 'user',
        entityId: existing.id,
        cityId: fields.cityId ?? before.cityId,
        adviserId: fields.adviserId ?? before.adviserId,
        before: linking ? { ...before, issuer: existing.oidc_issuer } : before,
        after: linking ? { ...fields, issuer } : fields,
      });
      return { ok: true, userId: existing.id, created: false, changed: true };
    })
    .immediate();
}
