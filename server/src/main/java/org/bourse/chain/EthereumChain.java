package org.bourse.chain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.URI;

import org.bourse.chain.evm.Address;
import org.bourse.chain.evm.EthereumNode;
import org.bourse.chain.evm.ExtendedPublicKey;
import org.bourse.exchange.MarketCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The configured EVM chain, or none: its node, the deposit addresses' extended public key, the hot wallet, and
 * the conversion between wei and the engine's minor units of ETH. A wrong setting (an xpub that does not parse,
 * a key that is not a key) stops the start-up with a message naming the setting; a node that is down does not:
 * the watcher and the sender wait for it.
 */
@Component
@EnableConfigurationProperties(ChainProperties.class)
final class EthereumChain {

    static final String NETWORK = "ethereum";
    static final String ASSET = "ETH";
    private static final int WEI_DECIMALS = 18;
    private static final Logger log = LoggerFactory.getLogger(EthereumChain.class);

    private final ChainProperties properties;
    private final MarketCatalog catalog;
    private final EthereumNode node;
    private final ExtendedPublicKey externalChain;
    private final HotWallet hotWallet;
    private volatile boolean nodeChecked;

    EthereumChain(ChainProperties properties, MarketCatalog catalog) {
        this.properties = properties;
        this.catalog = catalog;
        if (!properties.configured()) {
            node = null;
            externalChain = null;
            hotWallet = null;
            return;
        }
        try {
            externalChain = ExtendedPublicKey.parse(properties.xpub()).child(0);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("BOURSE_ETH_XPUB: " + e.getMessage(), e);
        }
        hotWallet = HotWallet.load(properties.hotWalletKeyFile(), System.getenv(HotWallet.ENVIRONMENT_VARIABLE));
        node = new EthereumNode(URI.create(properties.rpcUrl()), properties.rpcTimeout());
        log.info("Chain {} (id {}) at {}: {} confirmations, hot wallet {}", NETWORK, properties.chainId(),
                nodeName(), properties.confirmations(), hotWallet.address());
    }

    boolean configured() {
        return node != null;
    }

    /** Whether {@code asset} moves on this chain (only ETH does, and only when a chain is configured). */
    boolean carries(String asset) {
        return configured() && ASSET.equals(asset);
    }

    ChainProperties properties() {
        return properties;
    }

    EthereumNode node() {
        return node;
    }

    HotWallet hotWallet() {
        return hotWallet;
    }

    /** BIP-44's external chain {@code 0/index} below the configured key. */
    Address depositAddress(long index) {
        if (index < 0 || index > Integer.MAX_VALUE) {
            throw new IllegalStateException("deposit address index " + index + " is beyond BIP-32's non-hardened range");
        }
        return externalChain.child((int) index).address();
    }

    /**
     * Checks once that the node is on the configured chain: signing for another chain id would make transactions
     * the node refuses, and reading another chain would credit deposits that never happened here.
     *
     * @return false (and logs why) while the node is on another chain
     */
    boolean nodeOnConfiguredChain() {
        if (nodeChecked) {
            return true;
        }
        long actual = node.chainId();
        if (actual != properties.chainId()) {
            log.error("The node at {} is on chain {}, but BOURSE_ETH_CHAIN_ID says {}: deposits and withdrawals wait",
                    nodeName(), actual, properties.chainId());
            return false;
        }
        nodeChecked = true;
        return true;
    }

    /** The node's scheme, host and port only: providers put API keys in the path or the query of their URLs. */
    private String nodeName() {
        URI uri = URI.create(properties.rpcUrl());
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    int scale() {
        return catalog.assetScale(ASSET).orElseThrow(() -> new IllegalStateException("ETH is not an asset of the engine"));
    }

    /** Wei as the engine's minor units, rounded down: what is finer than the asset's precision stays with the exchange. */
    long minor(BigInteger wei) {
        return new BigDecimal(wei).movePointLeft(WEI_DECIMALS - scale()).setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    BigInteger wei(long minor) {
        return BigInteger.valueOf(minor).multiply(BigInteger.TEN.pow(WEI_DECIMALS - scale()));
    }

    BigDecimal ether(BigInteger wei) {
        return new BigDecimal(wei).movePointLeft(WEI_DECIMALS);
    }
}
