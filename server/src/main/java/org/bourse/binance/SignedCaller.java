package org.bourse.binance;

import jakarta.servlet.http.HttpServletRequest;

import org.bourse.apikeys.Verification;

/** The owner of the API key that signed an {@code /api/v3} request, as {@link BinanceRequestFilter} verified it. */
record SignedCaller(long userId, long keyId) {

    static final String ATTRIBUTE = SignedCaller.class.getName();

    /**
     * The verified caller; a handler that needs one and finds none refuses, whatever path led there, so a
     * route the filter did not recognise as signed can never act for anyone.
     */
    static SignedCaller of(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof Verification.Accepted accepted) {
            return new SignedCaller(accepted.userId(), accepted.keyId());
        }
        throw new BinanceException(BinanceError.REJECTED_API_KEY);
    }
}
