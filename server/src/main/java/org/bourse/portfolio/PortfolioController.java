package org.bourse.portfolio;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.bourse.exchange.ExchangeGateway;
import org.bourse.identity.UserDirectory;
import org.bourse.platform.ApiException;
import org.bourse.platform.AuthenticatedUser;
import org.bourse.platform.Cursor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** API.md's Portfolio section: {@code /portfolio}, {@code /portfolio/metrics}, {@code /portfolio/history}, and the admin's view. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Portfolio", description = "Token required; a user reads only their own portfolio. FIFO holdings from the "
        + "exchange's fills, valued at its own prices; cost basis kept in the book currency (USD). Formulas: docs/portfolio.md.")
class PortfolioController {

    record PortfolioSnapshot(Instant timestamp, String totalValue, String totalInvested, String profitLoss) {
    }

    record PortfolioHistory(String currency, String interval, List<PortfolioSnapshot> items, String nextCursor) {
    }

    record AssetCategoryRequest(@NotBlank @Pattern(regexp = "[a-z][a-z0-9_]{0,63}") String category) {
    }

    private static final Map<String, Long> INTERVALS = Map.of("15m", 15 * Metrics.MINUTE, "1h", Metrics.HOUR,
            "1d", Metrics.DAY);

    private final PortfolioReport report;
    private final SnapshotHistory history;
    private final PortfolioRepository repository;
    private final UserDirectory users;
    private final PortfolioProperties properties;
    private final Clock clock;
    private final ExchangeGateway exchange;

    PortfolioController(PortfolioReport report, SnapshotHistory history, PortfolioRepository repository,
                        UserDirectory users, PortfolioProperties properties, Clock clock, ExchangeGateway exchange) {
        this.exchange = exchange;
        this.report = report;
        this.history = history;
        this.repository = repository;
        this.users = users;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/portfolio")
    @Operation(summary = "The caller's portfolio, valued now",
            description = "Holdings with FIFO lots (cost_basis), weighted average buy price, invested amount (the lots' "
                    + "cost), unrealized profit_loss; totals: total_value = cash + priced holdings, total_invested = net "
                    + "invested (deposits and transfers in less withdrawals and transfers out, at their value when they "
                    + "moved), profit_loss = total_value - total_invested = realized + unrealized. Prices: last trade, "
                    + "else mid, through a direct market or one intermediate. An asset with no path to the currency has "
                    + "current_value null, is left out of the totals and is named in metadata.unpriced_assets.")
    @ApiResponse(responseCode = "200", description = "the portfolio")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: unknown currency, or none reachable from USD")
    PortfolioReport.PortfolioView portfolio(AuthenticatedUser caller,
            @Parameter(description = "valuation asset, default USD") @RequestParam(required = false) String currency) {
        exchange.awaitReadModels(caller.id()); // the caller reads their own fills
        return report.portfolio(caller.id(), currency);
    }

    @GetMapping("/portfolio/metrics")
    @Operation(summary = "The seed's metrics: performance, risk, diversification",
            description = "Each metric is {value, window, unit, reason}; value null with a reason when there is not "
                    + "enough history. In the book currency (USD). Formulas and return series: docs/portfolio.md.")
    @ApiResponse(responseCode = "200", description = "the metrics")
    Map<String, Object> metrics(AuthenticatedUser caller) {
        exchange.awaitReadModels(caller.id());
        return report.metricsResponse(caller.id());
    }

    @GetMapping("/portfolio/history")
    @Operation(summary = "The caller's snapshots, oldest first",
            description = "Taken every 15 minutes; kept every 15 minutes for 7 days, hourly for 90 days, daily after "
                    + "that. from/to: ISO-8601 (default the last 30 days); interval 15m, 1h or 1d keeps the snapshots "
                    + "on that boundary (default 15m). Paged: limit (max 1000), cursor. In the book currency (USD).")
    @ApiResponse(responseCode = "200", description = "{currency, interval, items: [{timestamp, total_value, total_invested, profit_loss}], next_cursor}")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: bad from/to/interval/limit/cursor, from after to")
    PortfolioHistory history(AuthenticatedUser caller, @RequestParam(required = false) Instant from,
                            @RequestParam(required = false) Instant to,
                            @RequestParam(required = false) String interval,
                            @RequestParam(required = false) Integer limit,
                            @RequestParam(required = false) String cursor) {
        long end = to == null ? clock.millis() : to.toEpochMilli();
        long start = from == null ? end - 30 * Metrics.DAY : from.toEpochMilli();
        if (start > end) {
            throw ApiException.invalidField("from", "must not be after to");
        }
        String step = interval == null ? "15m" : interval.toLowerCase(Locale.ROOT);
        if (!INTERVALS.containsKey(step)) {
            throw ApiException.invalidField("interval", "must be one of 15m, 1h, 1d");
        }
        int size = Cursor.limit(limit);
        Long after = Cursor.position(cursor);
        List<Snapshot> page = history.page(caller.id(), start, end, INTERVALS.get(step),
                after == null ? Long.MIN_VALUE : after, size + 1);
        String next = page.size() > size ? Cursor.after(page.get(size - 1).at()) : null;
        List<PortfolioSnapshot> items = page.subList(0, Math.min(size, page.size())).stream()
                .map(s -> new PortfolioSnapshot(Instant.ofEpochMilli(s.at()), Money.text(s.value(), 8),
                        Money.text(s.invested(), 8), Money.text(s.profitLoss(), 8))).toList();
        return new PortfolioHistory(properties.bookCurrency(), step, items, next);
    }

    @GetMapping("/admin/portfolios/{user_id}")
    @Operation(summary = "A user's portfolio (admins)", description = "As GET /portfolio, for any user, with their metrics.")
    @ApiResponse(responseCode = "200", description = "the portfolio")
    @ApiResponse(responseCode = "404", description = "USER_NOT_FOUND")
    PortfolioReport.PortfolioView adminPortfolio(@PathVariable("user_id") String userId,
                                                     @RequestParam(required = false) String currency) {
        long id;
        try {
            id = Long.parseLong(userId);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("USER_NOT_FOUND", "There is no such user");
        }
        if (users.findById(id).isEmpty()) {
            throw ApiException.notFound("USER_NOT_FOUND", "There is no such user");
        }
        exchange.awaitReadModels(id);
        return report.portfolio(id, currency);
    }

    @PutMapping("/admin/portfolio/categories/{asset}")
    @Operation(summary = "Set an asset's category (admins)",
            description = "The diversification breakdown's category of an asset, e.g. store_of_value, fiat.")
    @ApiResponse(responseCode = "200", description = "{asset, category}")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED")
    Map<String, String> category(@PathVariable String asset, @Valid @RequestBody AssetCategoryRequest body) {
        String code = asset.toUpperCase(Locale.ROOT);
        report.currency(code); // must be an asset the exchange knows
        repository.category(code, body.category());
        Map<String, String> out = new LinkedHashMap<>();
        out.put("asset", code);
        out.put("category", body.category());
        return out;
    }
}
