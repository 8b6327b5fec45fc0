-- A feed of one adviser's turns was allowed by the creator's role, city and
-- adviser link at the time. When an admin changes any of those, the links that
-- user made are revoked, so a feed never outlives the right to see it.
CREATE TRIGGER calendar_tokens_revoke_on_user_change
AFTER UPDATE OF role, city_id, adviser_id ON users
WHEN OLD.role IS NOT NEW.role OR OLD.city_id IS NOT NEW.city_id OR OLD.adviser_id IS NOT NEW.adviser_id
BEGIN
  UPDATE calendar_tokens SET revoked_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  WHERE created_by = NEW.id AND revoked_at IS NULL;
END;
