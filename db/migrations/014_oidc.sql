-- Single sign-on with OpenID Connect.

-- A user signed in through the city's provider is known by the provider's
-- issuer and subject (stable, unlike names and addresses). Users made by the
-- sign-in have no local password: password_hash is '' and never verifies.
ALTER TABLE users ADD COLUMN email TEXT CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254);
ALTER TABLE users ADD COLUMN oidc_issuer TEXT CHECK (oidc_issuer IS NULL OR length(oidc_issuer) <= 500);
ALTER TABLE users ADD COLUMN oidc_subject TEXT CHECK (oidc_subject IS NULL OR length(oidc_subject) <= 255);
CREATE UNIQUE INDEX users_oidc_subject ON users(oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL;

-- The ID token of a session begun by single sign-on, sent back to the
-- provider as id_token_hint when the user logs out (RP-initiated logout).
-- Kept in the session row so it goes when the session goes.
ALTER TABLE sessions ADD COLUMN id_token TEXT;
-- The sign-in finds its new session by the session's own CSRF token, the one
-- value of the session row the handler holds besides the cookie.
CREATE INDEX sessions_csrf_token ON sessions(csrf_token);
