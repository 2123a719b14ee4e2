package org.bourse.notify;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.bourse.exchange.EngineRejections;
import org.bourse.exchange.MarketCatalog;
import org.bourse.platform.ApiException;
import org.bourse.platform.AuthenticatedUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /alerts}: price alerts (seeds 002 and 004), checked against every trade, each firing once. */
@RestController
@RequestMapping("/api/v1/alerts")
@Tag(name = "Notifications")
final class AlertController {

    static final String ALERT_LIMIT = "ALERT_LIMIT";
    static final String ALERT_NOT_FOUND = "ALERT_NOT_FOUND";

    private final PriceAlerts alerts;
    private final MarketCatalog catalog;
    private final Clock clock;
    private final org.bourse.exchange.ExchangeGateway exchange;

    AlertController(PriceAlerts alerts, MarketCatalog catalog, Clock clock, org.bourse.exchange.ExchangeGateway exchange) {
        this.exchange = exchange;
        this.alerts = alerts;
        this.catalog = catalog;
        this.clock = clock;
    }

    record AlertRequest(
            @NotBlank(message = "is required") @Schema(example = "BTC-USD") String symbol,
            @NotBlank(message = "is required")
            @Schema(allowableValues = {"price_above", "price_below", "change_percent_24h"}) String condition,
            @NotNull(message = "is required")
            @Schema(type = "string", description = "a price in the quote asset, or for change_percent_24h a percentage: "
                    + "positive waits for a rise of at least that much, negative for a fall", example = "70000.00")
            BigDecimal value) {
    }

    record AlertResponse(String id, String symbol, String condition, String value,
                         @Schema(allowableValues = {"active", "triggered"}) String status, String createdAt,
                         @JsonInclude(JsonInclude.Include.ALWAYS) String triggeredAt) {

        static AlertResponse of(PriceAlerts.Alert a) {
            return new AlertResponse(Long.toString(a.id()), a.symbol(), a.condition().apiName(),
                    a.threshold().toPlainString(), a.status().toLowerCase(Locale.ROOT), a.createdAt().toString(),
                    a.triggeredAt() == null ? null : a.triggeredAt().toString());
        }
    }

    @PostMapping
    @Operation(summary = "Set a price alert", description = "Evaluated on every trade of the market; fires once "
            + "(in-app, and by e-mail when the price_alert setting is on), then stays triggered. At most 50 active.")
    @ApiResponse(responseCode = "201", description = "the alert, active")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: unknown condition, a price that is not "
            + "positive, a percentage of zero")
    @ApiResponse(responseCode = "404", description = "MARKET_NOT_FOUND")
    @ApiResponse(responseCode = "422", description = "ALERT_LIMIT: 50 active alerts already")
    ResponseEntity<AlertResponse> create(AuthenticatedUser caller, @Valid @RequestBody AlertRequest body) {
        PriceAlerts.Condition condition = PriceAlerts.Condition.parse(body.condition()).orElseThrow(() ->
                ApiException.invalidField("condition", "must be price_above, price_below or change_percent_24h"));
        String symbol = body.symbol().toUpperCase(Locale.ROOT);
        var market = catalog.market(symbol).orElseThrow(() ->
                ApiException.notFound(EngineRejections.MARKET_NOT_FOUND, "There is no market " + symbol));
        BigDecimal value = body.value();
        if (condition == PriceAlerts.Condition.CHANGE_PERCENT_24H) {
            if (value.signum() == 0 || value.abs().compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
                throw ApiException.invalidField("value", "must be a percentage other than zero");
            }
        } else if (value.signum() <= 0 || value.scale() > market.quoteScale() || value.precision() - value.scale() > 20) {
            throw ApiException.invalidField("value", "must be a positive price with at most " + market.quoteScale()
                    + " decimals");
        }
        return alerts.add(caller.id(), symbol, condition, value, clock.instant())
                .map(a -> ResponseEntity.status(HttpStatus.CREATED).body(AlertResponse.of(a)))
                .orElseThrow(() -> new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, ALERT_LIMIT,
                        "You have " + PriceAlerts.MAX_ACTIVE + " active alerts; delete one first"));
    }

    @GetMapping
    @Operation(summary = "The caller's price alerts, newest first")
    List<AlertResponse> list(AuthenticatedUser caller) {
        exchange.awaitReadModels(); // alerts fire on anyone's trades: every trade so far is checked
        return alerts.ofUser(caller.id()).stream().map(AlertResponse::of).toList();
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a price alert")
    @ApiResponse(responseCode = "204", description = "deleted")
    @ApiResponse(responseCode = "404", description = "ALERT_NOT_FOUND, also for another user's")
    ResponseEntity<Void> delete(AuthenticatedUser caller, @PathVariable String id) {
        long alert = NotificationController.parseId(id).orElseThrow(AlertController::notFound);
        if (!alerts.delete(caller.id(), alert)) {
            throw notFound();
        }
        return ResponseEntity.noContent().build();
    }

    private static ApiException notFound() {
        return ApiException.notFound(ALERT_NOT_FOUND, "There is no such alert");
    }
}
