package org.bourse.binance;

import org.springframework.http.HttpStatus;

/**
 * Binance's error body, {@code {"code": -1121, "msg": "Invalid symbol."}}, with the HTTP status Binance answers
 * it with. Clients (ccxt among them) map the numeric code to their exceptions, so the codes are Binance's own.
 */
record BinanceError(int code, String msg) {

    static final BinanceError UNKNOWN = new BinanceError(-1000, "An unknown error occurred while processing the request.");
    static final BinanceError DISCONNECTED = new BinanceError(-1001, "Internal error; unable to process your request. Please try again.");
    static final BinanceError TOO_MANY_REQUESTS = new BinanceError(-1003, "Too many requests; please use the Retry-After header.");
    static final BinanceError TIMEOUT = new BinanceError(-1007, "Timeout waiting for response from backend server. Send status unknown; execution status unknown.");
    static final BinanceError TOO_MANY_ORDERS = new BinanceError(-1015, "Too many new orders.");
    static final BinanceError OUTSIDE_RECV_WINDOW = new BinanceError(-1021, "Timestamp for this request is outside of the recvWindow.");
    static final BinanceError BAD_SIGNATURE = new BinanceError(-1022, "Signature for this request is not valid.");
    static final BinanceError ILLEGAL_PARAMETER = new BinanceError(-1100, "Illegal characters found in a parameter.");
    static final BinanceError MANDATORY_PARAMETER = new BinanceError(-1102, "A mandatory parameter was not sent, was empty/null, or malformed.");
    static final BinanceError BAD_INTERVAL = new BinanceError(-1120, "Invalid interval.");
    static final BinanceError BAD_SYMBOL = new BinanceError(-1121, "Invalid symbol.");
    static final BinanceError FILTER_FAILURE = new BinanceError(-1013, "Filter failure: the price or quantity is off the market's rules.");
    static final BinanceError NEW_ORDER_REJECTED = new BinanceError(-2010, "Account has insufficient balance for requested action.");
    static final BinanceError CANCEL_REJECTED = new BinanceError(-2011, "Unknown order sent.");
    static final BinanceError NO_SUCH_ORDER = new BinanceError(-2013, "Order does not exist.");
    static final BinanceError BAD_API_KEY_FORMAT = new BinanceError(-2014, "API-key format invalid.");
    static final BinanceError REJECTED_API_KEY = new BinanceError(-2015, "Invalid API-key, IP, or permissions for action.");

    HttpStatus status() {
        return switch (code) {
            case -1003 -> HttpStatus.TOO_MANY_REQUESTS;
            case -1000, -1001 -> HttpStatus.INTERNAL_SERVER_ERROR;
            case -1007 -> HttpStatus.SERVICE_UNAVAILABLE;
            case -2014, -2015 -> HttpStatus.UNAUTHORIZED;
            default -> HttpStatus.BAD_REQUEST;
        };
    }

    BinanceError withMessage(String message) {
        return new BinanceError(code, message);
    }
}
