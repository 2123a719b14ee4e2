package org.bourse.wallet;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

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
import org.bourse.platform.Cursor;
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

/** {@code /balances}, {@code /deposits}, {@code /transfers}, {@code /ledger}: API.md's Wallet section. */
@RestController
@RequestMapping("/api/v1")
class WalletController {

    private static final String COMPLETED = "completed";

    private final ExchangeGateway exchange;
    private final MarketCatalog catalog;
    private final LiveBalances balances;
    private final WalletRepository wallet;
    private final UserDirectory users;
    private final boolean faucet;

    WalletController(ExchangeGateway exchange, MarketCatalog catalog, LiveBalances balances, WalletRepository wallet,
                     UserDirectory users, @Value("${bourse.wallet.faucet:true}") boolean faucet) {
        this.exchange = exchange;
        this.catalog = catalog;
        this.balances = balances;
        this.wallet = wallet;
        this.users = users;
        this.faucet = faucet;
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
    ResponseEntity<TransactionResponse> deposit(AuthenticatedUser caller,
                                                @Valid @RequestBody WalletRequests.DepositRequest body) {
        long userId = depositee(caller, body.userId());
        String asset = asset(body.asset());
        long amount = amount(asset, body.amount());
        exchange.awaitReadModels(userId);
        Optional<WalletRepository.Transaction> earlier = wallet.transaction(userId, body.transactionId());
        if (earlier.isPresent()) {
            return replay(earlier.get(), "DEPOSIT", -2, asset, body.amount(), null);
        }
        Result result = exchange.execute(new Deposit(body.transactionId(), userId, asset, amount, RequestContext.traceId()));
        return answer(result, userId, body.transactionId(), "DEPOSIT", -2, asset, body.amount(), null);
    }

    @PostMapping("/transfers")
    ResponseEntity<TransactionResponse> transfer(AuthenticatedUser caller,
                                                 @Valid @RequestBody WalletRequests.TransferRequest body) {
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

    /** The sandbox faucet credits the caller; crediting someone else, or any deposit without the faucet, is for admins. */
    private long depositee(AuthenticatedUser caller, String userId) {
        if (userId != null && !caller.isAdmin()) {
            throw ApiException.invalidField("user_id", "only an admin may deposit to another user");
        }
        if (!faucet && !caller.isAdmin()) {
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

    private static String id(Long id) {
        return id == null ? null : Long.toString(id);
    }
}
