-- Commands the projector set aside because they failed alone on a healthy database (exchange.Quarantine).
-- The journal keeps them; every start tries them again, and an admin can retry one at once.
CREATE TABLE projection_quarantine (
    sequence       BIGINT        PRIMARY KEY,
    trace_id       VARCHAR(128),
    command        VARCHAR(2000) NOT NULL,
    error          VARCHAR(2000) NOT NULL,
    quarantined_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The sequence of the command that last set each balance: a quarantined command written later (out of order)
-- must not put an older balance over a newer one.
ALTER TABLE balances ADD COLUMN sequence BIGINT DEFAULT 0 NOT NULL;
