package org.bourse.marketdata;

import java.math.BigDecimal;
import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.bourse.engine.MarketStatus;
import org.bourse.engine.Result;
import org.bourse.engine.command.Command;
import org.bourse.engine.command.SetMarketStatus;
import org.bourse.exchange.EngineRejections;
import org.bourse.exchange.ExchangeGateway;
import org.bourse.exchange.MarketCatalog;
import org.bourse.exchange.MarketListing;
import org.bourse.platform.ApiException;
import org.bourse.platform.RequestContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /admin/markets} lists a market; {@code PATCH /admin/markets/{symbol}} halts or resumes it. */
@RestController
@RequestMapping("/api/v1/admin/markets")
class MarketAdminController {

    private static final String ASSET = "[A-Z0-9]{2,12}";

    private final ExchangeGateway exchange;
    private final MarketCatalog catalog;

    MarketAdminController(ExchangeGateway exchange, MarketCatalog catalog) {
        this.exchange = exchange;
        this.catalog = catalog;
    }

    /** Scales default to the asset's when it exists already; a new asset needs one. */
    record ListMarketRequest(@NotNull @Pattern(regexp = ASSET, message = "must be 2 to 12 capital letters or digits") String baseAsset,
                             @NotNull @Pattern(regexp = ASSET, message = "must be 2 to 12 capital letters or digits") String quoteAsset,
                             @Min(0) @Max(18) Integer baseScale, @Min(0) @Max(18) Integer quoteScale,
                             @NotNull @DecimalMin(value = "0", inclusive = false) BigDecimal tickSize,
                             @NotNull @DecimalMin(value = "0", inclusive = false) BigDecimal lotSize,
                             BigDecimal minQuantity, @DecimalMin("0") BigDecimal minNotional,
                             @NotNull @DecimalMin("0") BigDecimal makerFee, @NotNull @DecimalMin("0") BigDecimal takerFee,
                             @NotNull @DecimalMin(value = "0", inclusive = false) BigDecimal maxPrice,
                             @NotNull @DecimalMin(value = "0", inclusive = false) BigDecimal maxQuantity) {
    }

    record StatusRequest(@NotNull @Pattern(regexp = "trading|halted", message = "must be trading or halted") String status) {
    }

    @PostMapping
    ResponseEntity<MarketController.MarketResponse> list(@Valid @RequestBody ListMarketRequest body) {
        MarketListing listing = new MarketListing(body.baseAsset(), scale("base_scale", body.baseAsset(), body.baseScale()),
                body.quoteAsset(), scale("quote_scale", body.quoteAsset(), body.quoteScale()), body.tickSize(),
                body.lotSize(), body.minQuantity() == null ? body.lotSize() : body.minQuantity(),
                body.minNotional() == null ? BigDecimal.ZERO : body.minNotional(), body.makerFee(), body.takerFee(),
                body.maxPrice(), body.maxQuantity());
        boolean existed = catalog.market(listing.symbol()).isPresent();
        java.util.List<Command> commands;
        try {
            commands = listing.commands(RequestContext.traceId());
        } catch (ArithmeticException e) {
            throw ApiException.invalidField("body", "a size or price has more decimals than its asset's scale");
        }
        for (Command command : commands) {
            Result result = exchange.execute(command);
            if (!result.accepted()) {
                throw EngineRejections.toApi(result.rejection(), null);
            }
        }
        return ResponseEntity.status(existed ? HttpStatus.OK : HttpStatus.CREATED)
                .body(MarketController.MarketResponse.of(catalog.market(listing.symbol()).orElseThrow()));
    }

    @PatchMapping("/{symbol}")
    MarketController.MarketResponse status(@PathVariable String symbol, @Valid @RequestBody StatusRequest body) {
        String market = symbol.toUpperCase(Locale.ROOT);
        MarketStatus status = MarketStatus.valueOf(body.status().toUpperCase(Locale.ROOT));
        Result result = exchange.execute(new SetMarketStatus(market, status, RequestContext.traceId()));
        if (!result.accepted()) {
            throw EngineRejections.toApi(result.rejection(), null);
        }
        return MarketController.MarketResponse.of(catalog.market(market).orElseThrow());
    }

    private int scale(String field, String asset, Integer given) {
        Integer known = catalog.assetScale(asset).orElse(null);
        if (given == null && known == null) {
            throw ApiException.invalidField(field, "is required for the new asset " + asset);
        }
        return given != null ? given : known;
    }
}
