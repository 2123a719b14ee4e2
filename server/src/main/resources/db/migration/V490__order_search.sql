-- search: the order search index (search.OrderSearchProjection), one row per order in its latest state.
-- The sort and filter columns are copies of what the order's API body says, kept NOT NULL so that keyset
-- paging never meets a NULL: price is -1 for an order without one, executed_at -1 until executed.
-- Times are epoch milliseconds. body is the order exactly as GET /orders/{id} answers it.
CREATE TABLE order_search (
    id              BIGINT         PRIMARY KEY,
    id_text         VARCHAR(20)    NOT NULL,
    user_id         BIGINT         NOT NULL,
    client_order_id VARCHAR(64),
    trace_id        VARCHAR(128),
    symbol          VARCHAR(32)    NOT NULL,
    side            VARCHAR(4)     NOT NULL,
    order_kind      VARCHAR(16)    NOT NULL,
    status          VARCHAR(20)    NOT NULL,
    price           NUMERIC(38,18) NOT NULL,
    quantity        NUMERIC(38,18) NOT NULL,
    total_amount    NUMERIC(38,18) NOT NULL,
    created_at      BIGINT         NOT NULL,
    executed_at     BIGINT         NOT NULL,
    sequence        BIGINT         NOT NULL,
    body            VARCHAR(4000)  NOT NULL
);
-- one per sort order within a user's orders (the tie-break on id is part of every key)
CREATE INDEX ix_order_search_user_created ON order_search (user_id, created_at, id);
CREATE INDEX ix_order_search_user_executed ON order_search (user_id, executed_at, id);
CREATE INDEX ix_order_search_user_price ON order_search (user_id, price, id);
CREATE INDEX ix_order_search_user_quantity ON order_search (user_id, quantity, id);
CREATE INDEX ix_order_search_user_total ON order_search (user_id, total_amount, id);
-- q: prefix of client_order_id or trace_id
CREATE INDEX ix_order_search_user_client ON order_search (user_id, client_order_id);
CREATE INDEX ix_order_search_user_trace ON order_search (user_id, trace_id);
-- the admin's search over every user, newest first by default
CREATE INDEX ix_order_search_created ON order_search (created_at, id);
