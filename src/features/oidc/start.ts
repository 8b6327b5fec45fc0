import type { AppContext } from '../../context.js';
import { discover, redirectUri } from './client.js';

/**
 * Called by server.ts once the database is ready: reports role-map cities the
 * database does not know, and discovers the provider now so a wrong issuer
 * shows in the start log rather than at the first sign-in. A failed discovery
 * does not stop the start (the provider may be briefly down); it is retried
 * at the first sign-in.
 */
export function checkOidcAtStart(ctx: AppContext): void {
  const oidc = ctx.config.oidc;
  if (!oidc) return;
  const unknown = oidc.roleMap.filter(([, g]) => g.city !== undefined && ctx.repos.oidc.cityIdByCode(g.city) === null);
  for (const [group, g] of unknown)
    ctx.log.error(`OIDC_ROLE_MAP: group "${group}" names the city "${g.city}", which does not exist or is inactive; it gives no access`);
  discover(oidc).then(
    () => ctx.log.info(`Single sign-on with ${oidc.issuer}; the redirect URI to register there is ${redirectUri(ctx.config.baseUrl)}`),
    (err: unknown) => ctx.log.error(`Single sign-on: discovery at ${oidc.issuer} failed; it is retried at the first sign-in`, err),
  );
}
