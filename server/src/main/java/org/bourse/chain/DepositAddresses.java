package org.bourse.chain;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import org.bourse.chain.evm.Address;
import org.bourse.platform.DurableWrites;
import org.springframework.stereotype.Component;

/**
 * Each user's deposit address: child {@code 0/userId} of the configured extended public key, so the same user
 * always gets the same address, on any server, and no private key is needed to make it. The address is recorded
 * when first handed out; the watcher looks for transfers to the recorded ones.
 */
@Component
final class DepositAddresses {

    private final EthereumChain chain;
    private final ChainRepository repository;
    private final DurableWrites durableWrites;
    private final Clock clock;

    DepositAddresses(EthereumChain chain, ChainRepository repository, DurableWrites durableWrites, Clock clock) {
        this.chain = chain;
        this.repository = repository;
        this.durableWrites = durableWrites;
        this.clock = clock;
    }

    /** The user's address, derived and recorded on first use; empty without a chain. */
    Optional<Address> of(long userId) {
        if (!chain.configured()) {
            return Optional.empty();
        }
        Optional<String> recorded = repository.depositAddress(EthereumChain.NETWORK, userId);
        if (recorded.isPresent()) {
            return Optional.of(Address.parse(recorded.get()));
        }
        Address address = chain.depositAddress(userId);
        repository.saveDepositAddress(EthereumChain.NETWORK, userId, userId, address.lowerCase(), clock.instant());
        // durable before the user sees it: the watcher only looks at recorded addresses
        durableWrites.flush();
        return Optional.of(address);
    }

    /** Lower-case address → user id, of every address handed out. */
    Map<String, Long> all() {
        return repository.depositAddresses(EthereumChain.NETWORK);
    }
}
