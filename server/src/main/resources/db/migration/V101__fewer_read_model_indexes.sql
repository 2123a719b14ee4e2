-- Every read of orders and ledger lines is one account's rows newest first; a status, client id or asset
-- filter narrows that scan. The extra indexes cost each projected write (half the projector's time in a
-- profile under load) and no query needed them.
DROP INDEX ix_orders_user_status;
DROP INDEX ix_orders_user_client;
DROP INDEX ix_ledger_account_asset;
