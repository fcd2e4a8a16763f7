-- Version 8: the last active admin cannot be disabled, demoted or deleted,
-- whatever writes the row (auth.c says so in words first); without one
-- nobody could manage accounts or settings again.
CREATE TRIGGER users_keep_last_admin BEFORE UPDATE OF role, active ON users
WHEN OLD.role = 'admin' AND OLD.active = 1 AND (NEW.role <> 'admin' OR NEW.active = 0)
  AND NOT EXISTS (SELECT 1 FROM users WHERE role = 'admin' AND active = 1 AND id <> OLD.id)
BEGIN SELECT RAISE(ABORT, 'the last active admin must stay'); END;

CREATE TRIGGER users_keep_last_admin_d BEFORE DELETE ON users
WHEN OLD.role = 'admin' AND OLD.active = 1
  AND NOT EXISTS (SELECT 1 FROM users WHERE role = 'admin' AND active = 1 AND id <> OLD.id)
BEGIN SELECT RAISE(ABORT, 'the last active admin must stay'); END;
