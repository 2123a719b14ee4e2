package org.bourse.chain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.bourse.exchange.MarketCatalog;
import org.bourse.platform.PublicEndpoints;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /assets} (public): every asset, its precision, and the networks it moves on (seed 002's currencies). */
@RestController
@RequestMapping("/api/v1")
class AssetController {

    private static final Map<String, String> NAMES = Map.of("BTC", "Bitcoin", "ETH", "Ether", "SOL", "Solana",
            "USD", "US Dollar", "BRL", "Brazilian Real", "VIB", "Viberate");

    private final MarketCatalog catalog;
    private final EthereumChain chain;
    private final Withdrawals withdrawals;

    AssetController(MarketCatalog catalog, EthereumChain chain, Withdrawals withdrawals) {
        this.catalog = catalog;
        this.chain = chain;
        this.withdrawals = withdrawals;
    }

    record AssetNetwork(String network, long chainId, int confirmations, String withdrawalFee, String minWithdrawal) {
    }

    /** {@code networks} is empty for an asset that does not move on a chain here (withdrawals are paid by hand). */
    record AssetDescription(String asset, String name, int precision, List<AssetNetwork> networks, String withdrawalFee,
                         String minWithdrawal) {
    }

    @GetMapping("/assets")
    @Operation(summary = "Every asset, its precision and the networks it moves on",
            description = "ETH moves on the configured EVM chain (network `ethereum`); without one, and for every other "
                    + "asset, `networks` is empty: deposits come from the faucet or an administrator, and an "
                    + "administrator pays withdrawals out by hand. Fees and minimums are in the asset's units.")
    @ApiResponse(responseCode = "200", description = "the assets, by code")
    List<AssetDescription> assets() {
        List<AssetDescription> out = new ArrayList<>();
        catalog.markets().stream().flatMap(m -> Stream.of(m.baseAsset(), m.quoteAsset())).distinct().sorted()
                .forEach(asset -> out.add(describe(asset)));
        return out;
    }

    private AssetDescription describe(String asset) {
        Withdrawals.Terms terms = withdrawals.terms(asset);
        String fee = text(terms.fee(), terms.scale());
        String minimum = text(terms.minimum(), terms.scale());
        List<AssetNetwork> networks = chain.carries(asset)
                ? List.of(new AssetNetwork(EthereumChain.NETWORK, chain.properties().chainId(),
                chain.properties().confirmations(), fee, minimum))
                : List.of();
        return new AssetDescription(asset, NAMES.getOrDefault(asset, asset), terms.scale(), networks, fee, minimum);
    }

    private static String text(BigDecimal value, int scale) {
        return value.setScale(Math.max(scale, value.stripTrailingZeros().scale()), java.math.RoundingMode.UNNECESSARY)
                .toPlainString();
    }

    @Configuration(proxyBeanMethods = false)
    static class Endpoints {
        @Bean
        PublicEndpoints chainPublicEndpoints() {
            return PublicEndpoints.of("/api/v1/assets");
        }
    }
}
