-- portfolio (issue 21): per user the cash, net invested and realized P&L, per user and asset the holding and its
-- FIFO cost-basis lots, all in the book currency (USD by default), kept by the projector from the engine's fills
-- and cash flows. Rebuilt from the journal like every read model.
CREATE TABLE portfolio_accounts (
    user_id              BIGINT         NOT NULL PRIMARY KEY,
    cash                 NUMERIC(38,18) NOT NULL,
    net_invested         NUMERIC(38,18) NOT NULL,
    realized_pnl         NUMERIC(38,18) NOT NULL,
    fees_paid            NUMERIC(38,18) NOT NULL,
    transactions_count   BIGINT         NOT NULL,
    last_sequence        BIGINT         NOT NULL,
    last_order_id        BIGINT         NOT NULL,
    updated_at           BIGINT         NOT NULL,
    needs_recalculation  BOOLEAN        NOT NULL
);

CREATE TABLE portfolio_holdings (
    user_id              BIGINT         NOT NULL,
    asset                VARCHAR(16)    NOT NULL,
    average_buy_price    NUMERIC(38,18) NOT NULL,
    realized_pnl         NUMERIC(38,18) NOT NULL,
    fees_paid            NUMERIC(38,18) NOT NULL,
    transactions_count   BIGINT         NOT NULL,
    next_lot             BIGINT         NOT NULL,
    PRIMARY KEY (user_id, asset)
);

CREATE TABLE portfolio_lots (
    user_id      BIGINT         NOT NULL,
    asset        VARCHAR(16)    NOT NULL,
    lot          BIGINT         NOT NULL,
    quantity     NUMERIC(38,18) NOT NULL,
    cost         NUMERIC(38,18) NOT NULL,
    acquired_at  BIGINT         NOT NULL,
    order_id     BIGINT,
    PRIMARY KEY (user_id, asset, lot)
);

-- the last trade price of each market as the fills went by: the rate a fill in another quote is booked at
CREATE TABLE portfolio_rates (
    symbol  VARCHAR(32)    NOT NULL PRIMARY KEY,
    price   NUMERIC(38,18) NOT NULL
);

-- one row per user per snapshot time (aligned to the schedule), in the book currency; see docs/portfolio.md
CREATE TABLE portfolio_snapshots (
    user_id         BIGINT         NOT NULL,
    taken_at        BIGINT         NOT NULL,
    total_value     NUMERIC(38,18) NOT NULL,
    total_invested  NUMERIC(38,18) NOT NULL,
    profit_loss     NUMERIC(38,18) NOT NULL,
    benchmark_price NUMERIC(38,18),
    PRIMARY KEY (user_id, taken_at)
);
CREATE INDEX portfolio_snapshots_taken_at ON portfolio_snapshots (taken_at);

CREATE TABLE portfolio_asset_categories (
    asset     VARCHAR(16) NOT NULL PRIMARY KEY,
    category  VARCHAR(64) NOT NULL
);
INSERT INTO portfolio_asset_categories (asset, category) VALUES ('BTC', 'store_of_value');
INSERT INTO portfolio_asset_categories (asset, category) VALUES ('ETH', 'smart_contract_platform');
INSERT INTO portfolio_asset_categories (asset, category) VALUES ('SOL', 'smart_contract_platform');
INSERT INTO portfolio_asset_categories (asset, category) VALUES ('USD', 'fiat');
INSERT INTO portfolio_asset_categories (asset, category) VALUES ('BRL', 'fiat');
INSERT INTO portfolio_asset_categories (asset, category) VALUES ('VIB', 'commodity');
