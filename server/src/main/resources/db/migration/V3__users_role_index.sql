-- "Is there an admin yet?" (the admin bootstrap) and "would this leave no admin?" (PATCH /admin/users) read
-- the few admin rows through this index instead of every user.
CREATE INDEX ix_users_role ON users (role, is_active);
