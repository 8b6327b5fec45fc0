import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/**
 * A real OpenID provider (oidc-provider) on 127.0.0.1 and a random port, with
 * its development login form (any password is accepted for a known account)
 * and consent skipped, as a city's provider does for its own applications.
 */
export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Account id → claims; the test adds the people it signs in. */
  accounts: Map<string, Record<string, unknown>>;
  /** Lifetime of the next authorization codes, in seconds. */
  codeTtl: { seconds: number };
  close(): Promise<void>;
}

/**
 * Listens first and learns the app's base URL later (`register`): a browser
 * test's app needs the issuer in its config before it has a port to give.
 */
export async function listenIdp(): Promise<{ issuer: string; register(baseUrl: string): TestIdp }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map<string, Record<string, unknown>>();
  const codeTtl = { seconds: 60 };
  const clientId = 'vuoro-test';
  const clientSecret = 'a-client-secret-for-the-tests-only';
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

  const register = (baseUrl: string): TestIdp => {
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: [`${baseUrl}/login/oidc/callback`],
          post_logout_redirect_uris: [`${baseUrl}/login`],
          token_endpoint_auth_method: 'client_secret_post',
          response_types: ['code'],
          grant_types: ['authorization_code'],
        },
      ],
      // Groups ride with the profile scope here; Keycloak's and Entra's mappers add them to the tokens.
      claims: { openid: ['sub'], profile: ['name', 'given_name', 'family_name', 'preferred_username', 'locale', 'groups'], email: ['email', 'email_verified'] },
      cookies: { keys: ['test-only-cookie-signing-key-0123456789'] },
      jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' }] },
      features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
      pkce: { required: () => true },
      ttl: { AuthorizationCode: () => codeTtl.seconds },
      findAccount: (_ctx, id) => {
        const claims = accounts.get(id);
        return claims ? { accountId: id, claims: () => ({ sub: id, ...claims }) } : undefined;
      },
      loadExistingGrant: async (ctx) => {
        const { oidc } = ctx;
        const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
        if (grantId) return oidc.provider.Grant.find(grantId);
        const grant = new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId: oidc.session.accountId });
        grant.addOIDCScope('openid profile email');
        await grant.save();
        return grant;
      },
    });
    server.on('request', provider.callback());
    return {
      issuer,
      clientId,
      clientSecret,
      accounts,
      codeTtl,
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  };
  return { issuer, register };
}

export async function startIdp(baseUrl: string): Promise<TestIdp> {
  return (await listenIdp()).register(baseUrl);
}

/** fetch with the cookies of one browser at the provider (paths ignored: one host). */
export class ProviderBrowser {
  private cookies = new Map<string, string>();

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual', signal: AbortSignal.timeout(5000) });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      if (/expires=Thu, 01 Jan 1970|max-age=0/i.test(line) || pair.slice(eq + 1) === '') this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1));
    }
    return res;
  }

  /**
   * Follows the provider's redirects from an authorization URL, signs in as
   * the account at its login form, and returns the URL it finally sends the
   * browser to (the app's callback), without visiting it.
   */
  async authorize(authorizationUrl: string, account: string, appBase: string): Promise<string> {
    let url = authorizationUrl;
    let loggedIn = false;
    for (let hop = 0; hop < 12; hop++) {
      if (url.startsWith(appBase)) return url;
      const res = await this.fetch(url);
      const location = res.headers.get('location');
      if (location) {
        url = new URL(location, url).href;
        continue;
      }
      const html = await res.text();
      const action = /<form[^>]*action="([^"]+)"[^>]*method="post"/.exec(html)?.[1];
      if (res.status !== 200 || !action || loggedIn) throw new Error(`provider answered ${res.status} at ${url}: ${html.slice(0, 300)}`);
      loggedIn = true;
      const posted = await this.fetch(new URL(action.replace(/&amp;/g, '&'), url).href, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ prompt: 'login', login: account, password: 'any' }).toString(),
      });
      const next = posted.headers.get('location');
      if (!next) throw new Error(`provider login answered ${posted.status}: ${(await posted.text()).slice(0, 300)}`);
      url = new URL(next, url).href;
    }
    throw new Error('too many redirects at the provider');
  }
}
