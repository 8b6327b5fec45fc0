import * as client from 'openid-client';
import { isLoopback, type OidcConfig } from '../../config.js';
import type { Logger } from '../../log.js';
import { TRANSACTION_TTL_MS, type OidcTransaction } from './transaction.js';

export const CALLBACK_PATH = '/login/oidc/callback';
/** Where the provider sends the browser after its own logout (register it at the provider). */
export const POST_LOGOUT_PATH = '/login';

// One discovery per configuration, made on the first sign-in rather than in
// createApp (which must have no side effects). A failed discovery is
// forgotten, so the next sign-in tries again.
const discovered = new WeakMap<OidcConfig, Promise<client.Configuration>>();

export function discover(oidc: OidcConfig): Promise<client.Configuration> {
  let found = discovered.get(oidc);
  if (!found) {
    const issuer = new URL(oidc.issuer);
    // openid-client refuses plain http. The configuration allows http only for
    // a provider on this machine (tests start one on 127.0.0.1, a developer may
    // run Keycloak on localhost), so the exception never reaches the network.
    const insecure = issuer.protocol === 'http:' && isLoopback(issuer.hostname);
    const auth = oidc.clientSecret ? client.ClientSecretPost(oidc.clientSecret) : client.None();
    found = client.discovery(issuer, oidc.clientId, oidc.clientSecret, auth, {
      execute: insecure ? [client.allowInsecureRequests] : [],
      timeout: 10,
    });
    discovered.set(oidc, found);
    found.catch(() => discovered.delete(oidc));
  }
  return found;
}

export const redirectUri = (baseUrl: string): string => `${baseUrl}${CALLBACK_PATH}`;

/** The provider's authorization URL and the transaction the callback will check against. */
export async function startSignIn(oidc: OidcConfig, baseUrl: string, next: string, lang: string, now: number): Promise<{ url: URL; txn: OidcTransaction }> {
  const config = await discover(oidc);
  const verifier = client.randomPKCECodeVerifier();
  const txn: OidcTransaction = { state: client.randomState(), nonce: client.randomNonce(), verifier, next, expires: now + TRANSACTION_TTL_MS };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri(baseUrl),
    scope: oidc.scopes,
    response_type: 'code',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: txn.state,
    nonce: txn.nonce,
    ui_locales: lang,
  });
  return { url, txn };
}

export interface SignInClaims {
  issuer: string;
  claims: Record<string, unknown>;
  idToken: string | undefined;
}

/**
 * Checks the provider's answer (state, issuer), redeems the code with the
 * PKCE verifier, validates the ID token (signature, audience, nonce, expiry)
 * and adds the userinfo claims the ID token leaves out. Throws on any failure.
 */
export async function finishSignIn(oidc: OidcConfig, baseUrl: string, search: string, txn: OidcTransaction, log: Logger): Promise<SignInClaims> {
  const config = await discover(oidc);
  const currentUrl = new URL(redirectUri(baseUrl));
  currentUrl.search = search;
  const tokens = await client.authorizationCodeGrant(config, currentUrl, {
    pkceCodeVerifier: txn.verifier,
    expectedState: txn.state,
    expectedNonce: txn.nonce,
    idTokenExpected: true,
  });
  const idClaims = tokens.claims();
  if (!idClaims) throw new Error('no ID token in the token response');
  let claims: Record<string, unknown> = { ...idClaims };
  // Many providers put name, address and groups only in userinfo (Keycloak
  // can do either, oidc-provider does by default). The ID token's claims win.
  if (config.serverMetadata().userinfo_endpoint && tokens.access_token) {
    try {
      const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      claims = { ...info, ...idClaims };
    } catch (err) {
      log.error('OIDC userinfo failed; signing in with the ID token claims alone', err);
    }
  }
  return { issuer: config.serverMetadata().issuer, claims, idToken: tokens.id_token };
}

/** The provider's logout URL (RP-initiated logout), or null when it offers none. */
export async function endSessionUrl(oidc: OidcConfig, baseUrl: string, idToken: string | null): Promise<URL | null> {
  const config = await discover(oidc);
  if (!config.serverMetadata().end_session_endpoint) return null;
  const params: Record<string, string> = { client_id: oidc.clientId, post_logout_redirect_uri: `${baseUrl}${POST_LOGOUT_PATH}` };
  if (idToken) params.id_token_hint = idToken;
  return client.buildEndSessionUrl(config, params);
}
