-- market data: OHLCV candles per market and interval, built from the trades by the projector (exactly once,
-- in the batch's transaction). Prices and amounts are minor units like the engine's, converted at the API edge.
CREATE TABLE candles (
    symbol       VARCHAR(32) NOT NULL,
    period       VARCHAR(3)  NOT NULL,
    open_time    BIGINT      NOT NULL,
    open_price   BIGINT      NOT NULL,
    high_price   BIGINT      NOT NULL,
    low_price    BIGINT      NOT NULL,
    close_price  BIGINT      NOT NULL,
    volume       BIGINT      NOT NULL,
    quote_volume BIGINT      NOT NULL,
    trades       BIGINT      NOT NULL,
    PRIMARY KEY (symbol, period, open_time)
);
