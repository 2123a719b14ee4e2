package org.bourse.chain;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.bourse.chain.WithdrawalRepository.Withdrawal;
import org.bourse.chain.evm.Address;
import org.bourse.engine.RejectReason;
import org.bourse.engine.Result;
import org.bourse.engine.WithdrawalHold;
import org.bourse.engine.command.HoldWithdrawal;
import org.bourse.engine.command.ReleaseWithdrawal;
import org.bourse.engine.command.SettleWithdrawal;
import org.bourse.exchange.Amounts;
import org.bourse.exchange.EngineRejections;
import org.bourse.exchange.ExchangeGateway;
import org.bourse.exchange.MarketCatalog;
import org.bourse.platform.ApiException;
import org.bourse.platform.DurableWrites;
import org.bourse.platform.FieldViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Withdrawals from request to end. A request is recorded ({@code holding}), then its amount and fee are held in
 * the engine, then it is {@code requested}; an administrator approves or rejects it (the sender approves the
 * chain's small ones), and it is paid out: by the sender on the chain, or by an administrator who marks it
 * paid. Every end first claims the row (a conditional update), then tells the engine (settle or release, both
 * idempotent), then records that the engine has done it; {@link #finishInterrupted} completes whatever a crash
 * cut between the two.
 */
@Component
final class Withdrawals {

    static final String INVALID_ADDRESS = "INVALID_ADDRESS";
    static final String WITHDRAWAL_NOT_FOUND = "WITHDRAWAL_NOT_FOUND";
    static final String WITHDRAWAL_NOT_PENDING = "WITHDRAWAL_NOT_PENDING";
    static final String WITHDRAWAL_ON_CHAIN = "WITHDRAWAL_ON_CHAIN";
    private static final Logger log = LoggerFactory.getLogger(Withdrawals.class);

    private final EthereumChain chain;
    private final WithdrawalRepository repository;
    private final ExchangeGateway exchange;
    private final MarketCatalog catalog;
    private final DurableWrites durableWrites;
    private final Clock clock;

    Withdrawals(EthereumChain chain, WithdrawalRepository repository, ExchangeGateway exchange, MarketCatalog catalog,
                DurableWrites durableWrites, Clock clock) {
        this.chain = chain;
        this.repository = repository;
        this.exchange = exchange;
        this.catalog = catalog;
        this.durableWrites = durableWrites;
        this.clock = clock;
    }

    /** The withdrawal as stored, and whether this request created it (else it is a repeat of the first one). */
    record Requested(Withdrawal withdrawal, boolean created) {
    }

    /** What an asset's withdrawal costs and needs, in whole units; {@code network} null: paid by an administrator. */
    record Terms(String network, BigDecimal fee, BigDecimal minimum, int scale) {
    }

    Terms terms(String asset) {
        int scale = catalog.assetScale(asset).orElseThrow();
        if (EthereumChain.ASSET.equals(asset)) {
            ChainProperties p = chain.properties();
            return new Terms(chain.configured() ? EthereumChain.NETWORK : null, p.withdrawalFee(), p.minWithdrawal(), scale);
        }
        return new Terms(null, BigDecimal.ZERO, BigDecimal.ONE.movePointLeft(scale), scale);
    }

    Requested request(long userId, String asset, BigDecimal amount, String address, String transactionId, String traceId) {
        if (!catalog.hasAsset(asset)) {
            throw ApiException.invalidField("asset", "is not an asset of this exchange");
        }
        Terms terms = terms(asset);
        long amountMinor = Amounts.positive("amount", amount, terms.scale());
        if (amount.compareTo(terms.minimum()) < 0) {
            throw ApiException.invalidField("amount", "must be at least " + terms.minimum().toPlainString() + " " + asset);
        }
        if (EthereumChain.ASSET.equals(asset)) {
            String problem = Address.problem(address);
            if (problem != null) {
                throw new ApiException(HttpStatus.BAD_REQUEST, INVALID_ADDRESS, "The address is not a valid "
                        + EthereumChain.ASSET + " address", List.of(new FieldViolation("address", problem)), HttpHeaders.EMPTY);
            }
        }
        long feeMinor = Amounts.minor(terms.fee(), terms.scale());
        BigDecimal exactAmount = Amounts.decimal(amountMinor, terms.scale());
        Instant now = clock.instant();
        Optional<Long> id = repository.insertHolding(userId, transactionId, asset, exactAmount,
                Amounts.decimal(feeMinor, terms.scale()), address, terms.network(), traceId, now);
        Withdrawal row = id.flatMap(repository::find).or(() -> repository.find(userId, transactionId)).orElseThrow();
        if (id.isEmpty() && !sameRequest(row, asset, exactAmount, address)) {
            throw EngineRejections.toApi(RejectReason.TRANSACTION_ID_REUSED, null);
        }
        if (!row.status().equals("holding")) {
            return new Requested(row, false); // the same request again: the first answer
        }
        durableWrites.flush(); // the row exists before the engine holds anything, so no hold is ever without it
        Result held = exchange.execute(new HoldWithdrawal(transactionId, userId, asset, amountMinor, feeMinor, traceId));
        if (!held.accepted()) {
            repository.delete(row.id());
            throw EngineRejections.toApi(held.rejection(), null);
        }
        boolean moved = repository.transition(row.id(), "requested", clock.instant(), "holding");
        repository.holdState(row.id(), "held");
        durableWrites.flush();
        return new Requested(repository.find(row.id()).orElseThrow(), moved);
    }

    private static boolean sameRequest(Withdrawal row, String asset, BigDecimal amount, String address) {
        return row.asset().equals(asset) && row.amount().compareTo(amount) == 0 && Objects.equals(row.address(), address);
    }

    Withdrawal approve(long id) {
        Withdrawal row = existing(id);
        if (!repository.transition(id, "approved", clock.instant(), "requested")) {
            throw notPending(row, "Only a requested withdrawal can be approved");
        }
        return repository.find(id).orElseThrow();
    }

    /** Rejected before it was sent: its hold goes back to the user, exactly. */
    Withdrawal reject(long id, String reason) {
        Withdrawal row = existing(id);
        if (!repository.reject(id, reason, clock.instant(), "requested", "approved")) {
            throw notPending(row, "Only a requested or approved withdrawal can be rejected");
        }
        release(repository.find(id).orElseThrow());
        return repository.find(id).orElseThrow();
    }

    /** Without a chain: an administrator paid it (bank transfer, manual send) and says with which reference. */
    Withdrawal markPaid(long id, String reference) {
        Withdrawal row = existing(id);
        if (row.network() != null) {
            throw new ApiException(HttpStatus.CONFLICT, WITHDRAWAL_ON_CHAIN,
                    "This withdrawal is paid on " + row.network() + " by the hot wallet, not by hand");
        }
        if (!repository.markPaid(id, reference, clock.instant())) {
            throw notPending(row, "Only a requested or approved withdrawal can be marked paid");
        }
        settle(repository.find(id).orElseThrow(), reference);
        return repository.find(id).orElseThrow();
    }

    /** Pays the hold out: amount to the world, fee to the fee account, the ledger lines carrying the reference. */
    void settle(Withdrawal w, String reference) {
        Result result = exchange.execute(new SettleWithdrawal(w.transactionId(), w.userId(), reference, w.traceId()));
        finishHold(w, result, "settled");
    }

    void release(Withdrawal w) {
        Result result = exchange.execute(new ReleaseWithdrawal(w.transactionId(), w.userId(), w.traceId()));
        finishHold(w, result, "released");
    }

    private void finishHold(Withdrawal w, Result result, String holdState) {
        if (!result.accepted()) {
            log.error("Withdrawal {} of user {}: the engine refused to mark it {}: {}", w.id(), w.userId(), holdState,
                    result.rejection());
            return;
        }
        repository.holdState(w.id(), holdState);
    }

    /**
     * Completes what a crash interrupted: ended withdrawals whose hold is still held are settled or released; a
     * request recorded before {@code startedAt} but never answered keeps its row only if the engine did hold it.
     */
    void finishInterrupted(Instant startedAt) {
        for (Withdrawal w : repository.holdingSince(startedAt)) {
            WithdrawalHold hold = exchange.query(engine -> engine.withdrawalHold(w.userId(), w.transactionId()));
            if (hold != null) {
                repository.transition(w.id(), "requested", clock.instant(), "holding");
                repository.holdState(w.id(), "held");
            } else {
                repository.delete(w.id());
            }
        }
        finishEnded();
    }

    /** Settles or releases the holds of ended withdrawals that the engine still has. */
    void finishEnded() {
        for (Withdrawal w : repository.endedButHeld()) {
            if (w.status().equals("confirmed")) {
                settle(w, w.network() == null ? w.reference() : w.txHash());
            } else {
                release(w);
            }
        }
        durableWrites.flush();
    }

    Withdrawal existing(long id) {
        return repository.find(id).filter(w -> !w.status().equals("holding"))
                .orElseThrow(() -> ApiException.notFound(WITHDRAWAL_NOT_FOUND, "There is no such withdrawal"));
    }

    private static ApiException notPending(Withdrawal row, String detail) {
        String now = row.status().equals("signed") ? "being sent" : WithdrawalRepository.apiStatus(row.status());
        return new ApiException(HttpStatus.CONFLICT, WITHDRAWAL_NOT_PENDING, detail + "; this one is " + now);
    }

    static ApiException networkNotConfigured() {
        return ApiException.notFound("NETWORK_NOT_CONFIGURED", "No chain is configured for this asset on this exchange");
    }
}
