import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { serialize as serializeCookie } from 'cookie';
import { z } from 'zod';
import type { AppConfig } from '../../config.js';

/**
 * What the callback must check against (state, nonce) and prove (the PKCE
 * verifier), kept between the start of a sign-in and its callback.
 *
 * It lives in a short-lived cookie, encrypted and authenticated with a key
 * derived from the session secret, not in a session row: starting a sign-in
 * writes nothing to the database, and the verifier is unreadable even to the
 * browser that carries it. SameSite=Lax still sends it on the provider's
 * top-level redirect back to us.
 */
export interface OidcTransaction {
  state: string;
  nonce: string;
  verifier: string;
  /** The local path to go to after the sign-in. */
  next: string;
  /** Epoch ms after which the callback is refused. */
  expires: number;
}

const Stored = z.object({ state: z.string(), nonce: z.string(), verifier: z.string(), next: z.string(), expires: z.number() });

/** Long enough to type a password and answer a second factor at the provider. */
export const TRANSACTION_TTL_MS = 10 * 60_000;

export function transactionCookieName(config: AppConfig): string {
  return config.secureCookies ? '__Host-vuoro_oidc' : 'vuoro_oidc';
}

const keyOf = (secret: string): Buffer => createHmac('sha256', secret).update('vuoro oidc transaction cookie').digest();

export function sealTransaction(secret: string, txn: OidcTransaction): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(txn), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The transaction, or null when the cookie is missing, forged, altered or expired. */
export function openTransaction(secret: string, sealed: string | undefined, now: number): OidcTransaction | null {
  if (!sealed || sealed.length > 4000) return null;
  try {
    const raw = Buffer.from(sealed, 'base64url');
    if (raw.length < 29) return null;
    const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    const txn = Stored.parse(JSON.parse(text));
    return txn.expires > now ? txn : null;
  } catch {
    return null;
  }
}

export function transactionCookie(config: AppConfig, value: string, maxAgeMs: number): string {
  return serializeCookie(transactionCookieName(config), value, {
    httpOnly: true,
    secure: config.secureCookies,
    sameSite: 'lax',
    path: '/',
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}
