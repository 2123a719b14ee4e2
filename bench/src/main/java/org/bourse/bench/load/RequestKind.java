package org.bourse.bench.load;

import java.util.Locale;

/** What one request of the mix does; the report gives throughput, latency and outcomes per kind. */
enum RequestKind {
    /** {@code POST /orders}, a limit order around the mid, executed at once. */
    LIMIT,
    /** {@code POST /orders}, a market order, executed at once. */
    MARKET,
    /** {@code POST /orders/{id}/cancel} of one of the trader's resting orders. */
    CANCEL,
    /** {@code GET /markets/{symbol}/book}. */
    BOOK,
    /** {@code GET /markets/{symbol}/ticker}. */
    TICKER,
    /** {@code GET /balances}. */
    BALANCES,
    /** {@code GET /orders}, the trader's newest orders. */
    ORDERS;

    static final RequestKind[] READS = {BOOK, TICKER, BALANCES, ORDERS};

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean placesAnOrder() {
        return this == LIMIT || this == MARKET;
    }

    /** Market data that another branch is still building; a 404 there means "not there yet", not a failure. */
    boolean mayBeMissing() {
        return this == BOOK || this == TICKER;
    }

    /** The endpoint itself is not there: the server's 404 for an unknown address. */
    boolean missingEndpoint(BourseHttp.Reply reply) {
        return mayBeMissing() && reply.status() == 404 && "NOT_FOUND".equals(reply.problemCode());
    }

    /**
     * Whether a correct server may answer this under load: success, running out of funds (422), an order
     * that filled before its cancel arrived (409), or rate limiting (429). Anything else, every 5xx and no
     * answer at all included, fails the run.
     */
    boolean expects(BourseHttp.Reply reply) {
        int status = reply.status();
        if (status == 429) {
            return true;
        }
        return switch (this) {
            case LIMIT, MARKET -> status == 201 || status == 422 && "INSUFFICIENT_FUNDS".equals(reply.problemCode());
            case CANCEL -> status == 200 || status == 409 && "ORDER_NOT_CANCELLABLE".equals(reply.problemCode());
            case BOOK, TICKER -> status == 200 || missingEndpoint(reply);
            case BALANCES, ORDERS -> status == 200;
        };
    }
}
