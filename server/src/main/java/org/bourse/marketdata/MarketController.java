package org.bourse.marketdata;

import java.util.List;
import java.util.Locale;

import org.bourse.exchange.MarketCatalog;
import org.bourse.exchange.MarketSpec;
import org.bourse.platform.PublicEndpoints;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /markets}: the listed markets and their rules. */
@RestController
@RequestMapping("/api/v1")
class MarketController {

    private final MarketCatalog catalog;

    MarketController(MarketCatalog catalog) {
        this.catalog = catalog;
    }

    record MarketResponse(String symbol, String baseAsset, String quoteAsset, String tickSize, String lotSize,
                          String minQuantity, String minNotional, String makerFee, String takerFee, String status) {

        static MarketResponse of(MarketSpec m) {
            return new MarketResponse(m.symbol(), m.baseAsset(), m.quoteAsset(), m.price(m.tickSize()).toPlainString(),
                    m.quantity(m.lotSize()).toPlainString(), m.quantity(m.minQuantity()).toPlainString(),
                    m.quoteAmount(m.minNotional()).toPlainString(), MarketSpec.rate(m.makerFeePpm()).toPlainString(),
                    MarketSpec.rate(m.takerFeePpm()).toPlainString(), m.status().name().toLowerCase(Locale.ROOT));
        }
    }

    @GetMapping("/markets")
    List<MarketResponse> markets() {
        return catalog.markets().stream().map(MarketResponse::of).toList();
    }

    @Configuration(proxyBeanMethods = false)
    static class Endpoints {
        @Bean
        PublicEndpoints marketDataPublicEndpoints() {
            return PublicEndpoints.of("/api/v1/markets", "/api/v1/markets/**", "/api/v1/prices/**");
        }
    }
}
