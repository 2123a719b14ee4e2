-- When the wallet confirmed it opened the user's account. NULL means registration could not reach the
-- wallet (or the server stopped in between): the next successful login asks again, which
-- AccountOpening allows because it is idempotent per user id.
ALTER TABLE users ADD COLUMN account_opened_at TIMESTAMP WITH TIME ZONE;
