package org.bourse.wallet;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.validation.Valid;

import org.bourse.engine.RejectReason;
import org.bourse.engine.Result;
import org.bourse.engine.command.Deposit;
import org.bourse.engine.command.Transfer;
import org.bourse.exchange.Amounts;
import org.bourse.exchange.EngineRejections;
import org.bourse.exchange.ExchangeGateway;
import org.bourse.exchange.LiveBalances;
import org.bourse.exchange.MarketCatalog;
import org.bourse.identity.UserDirectory;
import org.bourse.identity.UserSummary;
import org.bourse.platform.ApiException;
import org.bourse.platform.AuthenticatedUser;
import org.bourse.platform.CurrentRoles;
import org.bourse.platform.Cursor;
import org.bourse.platform.ErrorCodes;
import org.bourse.platform.RequestContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** {@code /balances}, {@code /deposits}, {@code /transfers}, {@code /ledger}: API.md's Wallet section. */
@RestController
@RequestMapping("/api/v1")
class WalletController {

    private static final String COMPLETED = "completed";
    private static final Duration FAUCET_WINDOW = Duration.ofDays(1);

    private final ExchangeGateway exchange;
    private final MarketCatalog catalog;
    private final LiveBalances balances;
    private final WalletRepository wallet;
    private final UserDirectory users;
    private final org.bourse.identity.EmailVerificationGate emailVerification;
    private final CurrentRoles roles;
    private final FaucetLimits faucetLimits;
    private final Clock clock;
    private final boolean faucet;
    /** Faucet deposits of one user are taken one at a time (striped by user id). */
    private final ReentrantLock[] faucetLocks = new ReentrantLock[64];

    WalletController(ExchangeGateway exchange, MarketCatalog catalog, LiveBalances balances, WalletRepository wallet,
                     UserDirectory users, CurrentRoles roles, FaucetLimits faucetLimits, Clock clock,
                     @Value("${bourse.wallet.faucet:true}") boolean faucet,
                     org.bourse.identity.EmailVerificationGate emailVerification) {
        this.emailVerification = emailVerification;
        this.exchange = exchange;
        this.catalog = catalog;
        this.balances = balances;
        this.wallet = wallet;
        this.users = users;
        this.roles = roles;
        this.faucetLimits = faucetLimits;
        this.clock = clock;
        this.faucet = faucet;
        for (int i = 0; i < faucetLocks.length; i++) {
            faucetLocks[i] = new ReentrantLock();
        }
    }

    record BalanceResponse(String asset, String available, String held, String total) {
    }

    /** Every asset of the exchange, zero balances included, in code order. */
    @GetMapping("/balances")
    List<BalanceResponse> balances(AuthenticatedUser caller) {
        List<BalanceResponse> out = new ArrayList<>();
        catalog.markets().stream()
                .flatMap(m -> java.util.stream.Stream.of(m.baseAsset(), m.quoteAsset()))
                .distinct().sorted().forEach(asset -> {
                    int scale = catalog.assetScale(asset).orElseThrow();
                    LiveBalances.Balance b = balances.of(caller.id(), asset);
                    out.add(new BalanceResponse(asset, text(b.available(), scale), text(b.held(), scale),
                            text(b.total(), scale)));
                });
        return out;
    }

    record TransactionResponse(String transactionId, String fromUserId, String toUserId, String userId, String asset,
                               String amount, String memo, String status, String createdAt, String traceId) {
    }

    @PostMapping("/deposits")
    @Operation(summary = "Deposit: the sandbox faucet, or an admin crediting any user",
            description = "With the faucet on, any user may credit their own account, up to a daily limit per asset "
                    + "(BOURSE_FAUCET_DAILY_LIMIT; by default about ten opening balances' worth) over any 24 hours. "
                    + "Admins are not limited, and may credit another user (user_id). Idempotent on transaction_id.")
    @ApiResponse(responseCode = "201", description = "the deposit")
    @ApiResponse(responseCode = "200", description = "the same transaction_id and body again: the first answer")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED")
    @ApiResponse(responseCode = "403", description = "FAUCET_DISABLED: deposits are for admins on this exchange")
    @ApiResponse(responseCode = "404", description = "USER_NOT_FOUND (an admin's user_id)")
    @ApiResponse(responseCode = "409", description = "TRANSACTION_ID_REUSED")
    @ApiResponse(responseCode = "422", description = "FAUCET_LIMIT_REACHED: this would take more of the asset from the "
            + "faucet than the daily limit; the detail says how much is left")
    ResponseEntity<TransactionResponse> deposit(AuthenticatedUser caller,
                                                @Valid @RequestBody WalletRequests.DepositRequest body) {
        boolean admin = roles.isActiveAdmin(caller.id());
        long userId = depositee(caller, admin, body.userId());
        String asset = asset(body.asset());
        long amount = amount(asset, body.amount());
        if (admin) {
            return deposit(userId, asset, amount, body, false);
        }
        // one faucet deposit of a user at a time: the allowance it is checked against includes the one before
        ReentrantLock lock = faucetLocks[Math.floorMod(Long.hashCode(userId), faucetLocks.length)];
        lock.lock();
        try {
            return deposit(userId, asset, amount, body, true);
        } finally {
            lock.unlock();
        }
    }

    private ResponseEntity<TransactionResponse> deposit(long userId, String asset, long amount,
                                                        WalletRequests.DepositRequest body, boolean fromFaucet) {
        exchange.awaitReadModels(userId);
        Optional<WalletRepository.Transaction> earlier = wallet.transaction(userId, body.transactionId());
        if (earlier.isPresent()) {
            return replay(earlier.get(), "DEPOSIT", -2, asset, body.amount(), null);
        }
        if (fromFaucet) {
            checkFaucetAllowance(userId, asset, body.amount());
        }
        Result result = exchange.execute(new Deposit(body.transactionId(), userId, asset, amount, RequestContext.traceId()));
        return answer(result, userId, body.transactionId(), "DEPOSIT", -2, asset, body.amount(), null);
    }

    @PostMapping("/transfers")
    ResponseEntity<TransactionResponse> transfer(AuthenticatedUser caller,
                                                 @Valid @RequestBody WalletRequests.TransferRequest body) {
        emailVerification.requireVerified(caller.id());
        UserSummary to = users.findByUsername(body.toUsername()).orElseThrow(
                () -> ApiException.notFound("USER_NOT_FOUND", "There is no user " + body.toUsername()));
        String asset = asset(body.asset());
        long amount = amount(asset, body.amount());
        exchange.awaitReadModels(caller.id());
        Optional<WalletRepository.Transaction> earlier = wallet.transaction(caller.id(), body.transactionId());
        if (earlier.isPresent()) {
            return replay(earlier.get(), "TRANSFER", to.id(), asset, body.amount(), body.memo());
        }
        Result result = exchange.execute(new Transfer(body.transactionId(), caller.id(), to.id(), asset, amount,
                body.memo(), RequestContext.traceId()));
        return answer(result, caller.id(), body.transactionId(), "TRANSFER", to.id(), asset, body.amount(), body.memo());
    }

    record LedgerResponse(String id, String asset, String amount, String balanceAfter, String type, String orderId,
                          String tradeId, String transactionId, String traceId, String createdAt) {
    }

    record Page<T>(List<T> items, String nextCursor) {
    }

    @GetMapping("/ledger")
    Page<LedgerResponse> ledger(AuthenticatedUser caller, @RequestParam(required = false) String asset,
                                @RequestParam(required = false) String type,
                                @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                                @RequestParam(required = false) Integer limit,
                                @RequestParam(required = false) String cursor) {
        int size = Cursor.limit(limit);
        String ledgerType = type == null ? null : ledgerType(type);
        exchange.awaitReadModels(caller.id());
        List<WalletRepository.LedgerLine> page = wallet.ledger(caller.id(), new WalletRepository.LedgerFilter(
                asset == null ? null : asset.toUpperCase(Locale.ROOT), ledgerType, from, to, Cursor.position(cursor), size));
        String next = page.size() == size ? Cursor.after(page.getLast().id()) : null;
        return new Page<>(page.stream().map(l -> {
            int scale = catalog.assetScale(l.asset()).orElseThrow();
            return new LedgerResponse(Long.toString(l.id()), l.asset(), text(l.amount(), scale),
                    text(l.balanceAfter(), scale), l.type().toLowerCase(Locale.ROOT), id(l.orderId()), id(l.tradeId()),
                    l.transactionId(), l.traceId(), l.createdAt().toString());
        }).toList(), next);
    }

    /**
     * What the faucet gave the user in the asset over the last 24 hours (the opening balance aside), plus this
     * deposit, must stay within the asset's daily limit ({@link FaucetLimits}).
     */
    private void checkFaucetAllowance(long userId, String asset, BigDecimal amount) {
        BigDecimal limit = faucetLimits.dailyLimit(asset);
        BigDecimal used = wallet.depositedSince(userId, asset, clock.instant().minus(FAUCET_WINDOW),
                org.bourse.engine.command.OpenFundedAccount.TRANSACTION_ID);
        BigDecimal left = limit.subtract(used).max(BigDecimal.ZERO);
        if (amount.compareTo(left) > 0) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, ErrorCodes.FAUCET_LIMIT_REACHED, "The faucet gives at most "
                    + plain(limit) + " " + asset + " to one user in any 24 hours; " + plain(left) + " " + asset
                    + " is left now");
        }
    }

    /** The sandbox faucet credits the caller; crediting someone else, or any deposit without the faucet, is for admins. */
    private long depositee(AuthenticatedUser caller, boolean admin, String userId) {
        if (userId != null && !admin) {
            throw ApiException.invalidField("user_id", "only an admin may deposit to another user");
        }
        if (!faucet && !admin) {
            throw new ApiException(HttpStatus.FORBIDDEN, "FAUCET_DISABLED",
                    "Deposits are made by an administrator on this exchange");
        }
        if (userId == null) {
            return caller.id();
        }
        try {
            long id = Long.parseLong(userId);
            return users.findById(id).orElseThrow(() -> ApiException.notFound("USER_NOT_FOUND", "There is no such user"))
                    .id();
        } catch (NumberFormatException e) {
            throw ApiException.notFound("USER_NOT_FOUND", "There is no such user");
        }
    }

    private String asset(String code) {
        String asset = code.toUpperCase(Locale.ROOT);
        if (!catalog.hasAsset(asset)) {
            throw ApiException.invalidField("asset", "is not an asset of this exchange");
        }
        return asset;
    }

    private long amount(String asset, BigDecimal amount) {
        return Amounts.positive("amount", amount, catalog.assetScale(asset).orElseThrow());
    }

    /** The first outcome of a transaction id seen before: the same request gets it again, another one a 409. */
    private ResponseEntity<TransactionResponse> replay(WalletRepository.Transaction t, String type, long counterparty,
                                                       String asset, BigDecimal amount, String memo) {
        boolean same = t.type().equals(type) && t.counterpartyId() == counterparty && t.asset().equals(asset)
                && t.amount().compareTo(amount) == 0 && Objects.equals(t.memo(), memo);
        if (!same) {
            throw EngineRejections.toApi(RejectReason.TRANSACTION_ID_REUSED, null);
        }
        int scale = catalog.assetScale(asset).orElseThrow();
        return ResponseEntity.ok(response(t.transactionId(), t.userId(), type, counterparty, asset,
                text(t.amount(), scale), t.memo(), t.createdAt(), t.traceId()));
    }

    /** The stored transaction after the engine moved the funds (or found it was a retry of one that did). */
    private ResponseEntity<TransactionResponse> answer(Result result, long userId, String transactionId, String type,
                                                       long counterparty, String asset, BigDecimal amount, String memo) {
        if (!result.accepted()) {
            throw EngineRejections.toApi(result.rejection(), null);
        }
        exchange.awaitReadModels(userId);
        WalletRepository.Transaction stored = wallet.transaction(userId, transactionId).orElseThrow(
                () -> new IllegalStateException("transaction " + transactionId + " is not in the read model"));
        ResponseEntity<TransactionResponse> same = replay(stored, type, counterparty, asset, amount, memo);
        return result.replayed() ? same : ResponseEntity.status(HttpStatus.CREATED).body(same.getBody());
    }

    private static TransactionResponse response(String transactionId, long userId, String type, long counterparty,
                                                String asset, String amount, String memo, Instant createdAt,
                                                String traceId) {
        boolean transfer = type.equals("TRANSFER");
        return new TransactionResponse(transactionId, transfer ? Long.toString(userId) : null,
                transfer ? Long.toString(counterparty) : null, transfer ? null : Long.toString(userId), asset, amount,
                memo, COMPLETED, createdAt.toString(), traceId);
    }

    private static String ledgerType(String type) {
        String upper = type.toUpperCase(Locale.ROOT);
        return switch (upper) {
            case "DEPOSIT", "WITHDRAWAL", "TRANSFER_IN", "TRANSFER_OUT", "TRADE", "FEE" -> upper;
            default -> throw ApiException.invalidField("type",
                    "must be one of: deposit, withdrawal, transfer_in, transfer_out, trade, fee");
        };
    }

    private static String text(long minor, int scale) {
        return BigDecimal.valueOf(minor, scale).toPlainString();
    }

    private static String text(BigDecimal value, int scale) {
        return value.setScale(scale, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    private static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    private static String id(Long id) {
        return id == null ? null : Long.toString(id);
    }
}
