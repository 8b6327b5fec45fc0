-- Calendar feeds: the language a feed speaks, and automatic revocation.

-- Chosen when the token is made, so a subscriber's feed keeps one language
-- whatever the creator later switches the UI to.
ALTER TABLE calendar_tokens ADD COLUMN language TEXT NOT NULL DEFAULT 'fi'
  CHECK (language IN ('fi', 'sv', 'en'));

CREATE INDEX calendar_tokens_creator ON calendar_tokens(created_by, revoked_at);

-- A deactivated adviser's personal feed must stop at once, whichever code
-- path (API, form, import, SQL console) does the deactivating; a trigger
-- holds for all of them.
CREATE TRIGGER calendar_tokens_revoke_on_adviser_deactivation
AFTER UPDATE OF active ON advisers
WHEN NEW.active = 0 AND OLD.active = 1
BEGIN
  UPDATE calendar_tokens
     SET revoked_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
   WHERE scope = 'adviser' AND target_id = NEW.id AND revoked_at IS NULL;
END;

-- Likewise a deactivated user's feeds stop: a feed link made by someone who
-- has left should not keep publishing the rota.
CREATE TRIGGER calendar_tokens_revoke_on_user_deactivation
AFTER UPDATE OF active ON users
WHEN NEW.active = 0 AND OLD.active = 1
BEGIN
  UPDATE calendar_tokens
     SET revoked_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
   WHERE created_by = NEW.id AND revoked_at IS NULL;
END;
