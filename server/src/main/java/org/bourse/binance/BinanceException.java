package org.bourse.binance;

/** An answer in Binance's error shape, thrown from a handler and written by {@link BinanceErrorHandler}. */
final class BinanceException extends RuntimeException {

    private final BinanceError error;

    BinanceException(BinanceError error) {
        super(error.msg(), null, false, false); // an expected answer: no stack trace
        this.error = error;
    }

    BinanceError error() {
        return error;
    }

    static BinanceException missing(String parameter) {
        return new BinanceException(new BinanceError(-1102,
                "Mandatory parameter '" + parameter + "' was not sent, was empty/null, or malformed."));
    }

    static BinanceException invalid(String parameter, String why) {
        return new BinanceException(new BinanceError(-1100, "Illegal characters found in parameter '" + parameter
                + "'; " + why));
    }
}
