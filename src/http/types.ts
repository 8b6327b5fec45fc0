import type { Lang, Translate } from '../i18n/index.js';

export type Role = 'admin' | 'supervisor' | 'adviser';
export const ROLES: readonly Role[] = ['admin', 'supervisor', 'adviser'];

export interface CurrentUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  cityId: number | null;
  adviserId: number | null;
  language: Lang | null;
}

export interface Flash {
  type: 'success' | 'error' | 'info';
  text: string;
}

export interface SessionHandle {
  userId: number | null;
  csrfToken: string;
  language: Lang | null;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      session: SessionHandle | null;
      user: CurrentUser | null;
      /** How the user was authenticated: a browser session or an API token. */
      authVia: 'session' | 'token' | null;
      lang: Lang;
      t: Translate;
      sessionExpired?: boolean;
      /**
       * The database's write stamp as read with the session, before this
       * request wrote anything: content built afterwards is at least this new.
       */
      dataStamp: string | null;
      /** Creates an anonymous session if there is none (to keep a flash or a language). */
      ensureSession(): SessionHandle;
      /**
       * The CSRF token for this request's forms: the session's, or without a
       * session a stateless one signed over a random cookie (set if missing).
       */
      csrfToken(): string;
      /** The token a form must carry: the session's, the cookie-bound one, or null when there is neither. */
      expectedCsrfToken(): string | null;
      /** Stores a message to show on the next page. */
      flash(flash: Flash): void;
      takeFlash(): Flash | null;
      /** True when a message waits to be shown (such a page must not come from a cache). */
      hasFlash(): boolean;
    }
  }
}
