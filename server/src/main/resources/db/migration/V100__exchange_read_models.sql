-- Read models projected from the engine's events (exchange.Projector), one history for H2 and PostgreSQL.
-- Amounts are exact decimals in the asset's precision; ids are the engine's.

CREATE TABLE projection_state (
    name          VARCHAR(32) PRIMARY KEY,
    last_sequence BIGINT      NOT NULL -- the last engine command written; the engine replays from here at start
);
INSERT INTO projection_state (name, last_sequence) VALUES ('engine', 0);

-- trading
CREATE TABLE orders (
    id              BIGINT         PRIMARY KEY,
    user_id         BIGINT         NOT NULL,
    client_order_id VARCHAR(64),
    symbol          VARCHAR(32)    NOT NULL,
    base_asset      VARCHAR(16)    NOT NULL,
    quote_asset     VARCHAR(16)    NOT NULL,
    side            VARCHAR(4)     NOT NULL,
    order_kind      VARCHAR(16)    NOT NULL,
    time_in_force   VARCHAR(3)     NOT NULL,
    post_only       BOOLEAN        NOT NULL,
    quantity        NUMERIC(38,18) NOT NULL,
    filled_quantity NUMERIC(38,18) NOT NULL,
    price           NUMERIC(38,18),
    stop_price      NUMERIC(38,18),
    quoted_price    NUMERIC(38,18),
    average_price   NUMERIC(38,18),
    total_amount    NUMERIC(38,18) NOT NULL,
    fee             NUMERIC(38,18) NOT NULL,
    status          VARCHAR(20)    NOT NULL,
    failure_reason  VARCHAR(40),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    executed_at     TIMESTAMP WITH TIME ZONE,
    cancelled_at    TIMESTAMP WITH TIME ZONE,
    trace_id        VARCHAR(128),
    sequence        BIGINT         NOT NULL
);
CREATE INDEX ix_orders_user ON orders (user_id, id);
CREATE INDEX ix_orders_user_status ON orders (user_id, status, id);
CREATE INDEX ix_orders_user_client ON orders (user_id, client_order_id);

-- one row per side of each trade
CREATE TABLE fills (
    order_id    BIGINT         NOT NULL,
    trade_id    BIGINT         NOT NULL,
    user_id     BIGINT         NOT NULL,
    symbol      VARCHAR(32)    NOT NULL,
    side        VARCHAR(4)     NOT NULL,
    price       NUMERIC(38,18) NOT NULL,
    quantity    NUMERIC(38,18) NOT NULL,
    fee         NUMERIC(38,18) NOT NULL,
    fee_asset   VARCHAR(16)    NOT NULL,
    liquidity   VARCHAR(5)     NOT NULL,
    executed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    trace_id    VARCHAR(128),
    PRIMARY KEY (order_id, trade_id)
);
CREATE INDEX ix_fills_user ON fills (user_id, trade_id);

-- market data: the public trade tape
CREATE TABLE trades (
    id             BIGINT         PRIMARY KEY,
    symbol         VARCHAR(32)    NOT NULL,
    price          NUMERIC(38,18) NOT NULL,
    quantity       NUMERIC(38,18) NOT NULL,
    quote_quantity NUMERIC(38,18) NOT NULL,
    taker_side     VARCHAR(4)     NOT NULL,
    buy_order_id   BIGINT         NOT NULL,
    sell_order_id  BIGINT         NOT NULL,
    executed_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_trades_symbol ON trades (symbol, id);

-- wallet: the double-entry ledger (accounts: user ids, -1 the fee account, -2 the treasury)
CREATE TABLE ledger_entries (
    id             BIGINT         PRIMARY KEY,
    account_id     BIGINT         NOT NULL,
    asset          VARCHAR(16)    NOT NULL,
    amount         NUMERIC(38,18) NOT NULL,
    balance_after  NUMERIC(38,18) NOT NULL,
    type           VARCHAR(16)    NOT NULL,
    order_id       BIGINT,
    trade_id       BIGINT,
    transaction_id VARCHAR(64),
    trace_id       VARCHAR(128),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_ledger_account ON ledger_entries (account_id, id);
CREATE INDEX ix_ledger_account_asset ON ledger_entries (account_id, asset, id);

CREATE TABLE balances (
    account_id BIGINT         NOT NULL,
    asset      VARCHAR(16)    NOT NULL,
    available  NUMERIC(38,18) NOT NULL,
    held       NUMERIC(38,18) NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (account_id, asset)
);

-- deposits, withdrawals and transfers, kept beyond the engine's idempotency window
CREATE TABLE wallet_transactions (
    user_id         BIGINT         NOT NULL, -- who sent it: the sender of a transfer, the owner of a deposit
    transaction_id  VARCHAR(64)    NOT NULL,
    type            VARCHAR(16)    NOT NULL,
    counterparty_id BIGINT         NOT NULL,
    asset           VARCHAR(16)    NOT NULL,
    amount          NUMERIC(38,18) NOT NULL,
    memo            VARCHAR(200),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    trace_id        VARCHAR(128),
    PRIMARY KEY (user_id, transaction_id)
);
