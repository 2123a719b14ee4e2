package org.bourse.binance;

import org.bourse.exchange.EngineRejections;
import org.bourse.platform.ApiException;
import org.bourse.platform.ErrorCodes;
import org.bourse.platform.FieldViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every failure of an {@code /api/v3} handler in Binance's shape instead of problem+json: the platform's and the
 * engine's stable codes become the Binance codes that clients already map (ccxt: -2010 to InsufficientFunds,
 * -2011/-2013 to OrderNotFound, -1121 to BadSymbol, -1013 to InvalidOrder).
 */
@RestControllerAdvice(basePackageClasses = BinanceErrorHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
final class BinanceErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(BinanceErrorHandler.class);

    @ExceptionHandler(BinanceException.class)
    ResponseEntity<BinanceError> binance(BinanceException e) {
        return answer(e.error(), e.error().status(), HttpHeaders.EMPTY);
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<BinanceError> api(ApiException e) {
        BinanceError error = translate(e);
        HttpStatusCode status = error.code() == BinanceError.UNKNOWN.code() ? e.status() : error.status();
        return answer(error, status, e.headers());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<BinanceError> unexpected(Exception e) {
        log.error("Unexpected failure under /api/v3", e);
        return answer(BinanceError.UNKNOWN, BinanceError.UNKNOWN.status(), HttpHeaders.EMPTY);
    }

    static BinanceError translate(ApiException e) {
        return switch (e.code()) {
            case EngineRejections.MARKET_NOT_FOUND -> BinanceError.BAD_SYMBOL;
            case EngineRejections.INSUFFICIENT_FUNDS -> BinanceError.NEW_ORDER_REJECTED;
            case EngineRejections.ORDER_NOT_FOUND -> BinanceError.NO_SUCH_ORDER;
            case EngineRejections.ORDER_NOT_CANCELLABLE -> BinanceError.CANCEL_REJECTED;
            case ErrorCodes.OPEN_ORDER_LIMIT -> BinanceError.TOO_MANY_ORDERS;
            case ErrorCodes.RATE_LIMITED -> BinanceError.TOO_MANY_REQUESTS;
            case ErrorCodes.ORDER_OUTCOME_UNKNOWN, ErrorCodes.SERVICE_UNAVAILABLE -> BinanceError.TIMEOUT;
            case ErrorCodes.VALIDATION_FAILED -> validation(e);
            default -> BinanceError.UNKNOWN.withMessage(e.code() + ": " + e.getMessage());
        };
    }

    /** A field the engine judged off the market's rules is Binance's filter failure; anything else a bad parameter. */
    private static BinanceError validation(ApiException e) {
        if (e.errors().isEmpty()) {
            return BinanceError.MANDATORY_PARAMETER;
        }
        FieldViolation first = e.errors().getFirst();
        String field = first.field();
        if (field.equals("quantity") || field.equals("price") || field.equals("stop_price")
                || field.equals("quote_amount") || field.equals("order_kind")) {
            return BinanceError.FILTER_FAILURE.withMessage("Filter failure: " + field + " " + first.message());
        }
        return BinanceError.ILLEGAL_PARAMETER.withMessage("Illegal parameter '" + field + "': " + first.message());
    }

    private static ResponseEntity<BinanceError> answer(BinanceError error, HttpStatusCode status, HttpHeaders headers) {
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_JSON).body(error);
    }
}
