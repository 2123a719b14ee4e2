package org.bourse.portfolio;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bourse.engine.LedgerType;
import org.bourse.engine.Side;
import org.bourse.exchange.CommandEvents;
import org.bourse.exchange.ExchangeEvent;
import org.bourse.exchange.MarketCatalog;
import org.bourse.exchange.MarketSpec;
import org.bourse.exchange.Projection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps the portfolio tables from the engine's events, in the projector's transaction, so each fill and cash flow
 * is applied exactly once and the portfolio rebuilds from the journal with the other read models. Each user's book
 * remembers the last sequence applied to it: a command at or below it is not applied again (a quarantined command
 * written late is skipped and the book marked {@code needs_recalculation}, since FIFO depends on order).
 *
 * <p>Trades: each side's base leg is a buy or a sell at what was paid or received, its quote leg cash (the book
 * currency) or a disposal / acquisition of the quote asset at its rate on the tape (the last trade prices as the
 * fills went by, persisted in {@code portfolio_rates}, so a rebuild books the same values). Ledger lines outside
 * trades are cash flows: deposits and transfers in, withdrawals and transfers out, fees.
 */
@Component
final class PortfolioProjection implements Projection {

    private final MarketCatalog catalog;
    private final String bookCurrency;
    /** The last trade price of each market, as of the last committed batch; null until read. Projector thread only. */
    private Map<String, BigDecimal> tape;
    /**
     * The books of the users seen lately, as committed: a batch reads from the database only the users it does not
     * find here. Emptied when a batch's transaction does not commit, since its changes are then in these objects
     * but not in the tables.
     */
    private final Map<Long, PortfolioBook> recent = new java.util.LinkedHashMap<>(1 << 12, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, PortfolioBook> eldest) {
            return size() > RECENT_BOOKS;
        }
    };
    static final int RECENT_BOOKS = 20_000;

    PortfolioProjection(MarketCatalog catalog, PortfolioProperties properties) {
        this.catalog = catalog;
        this.bookCurrency = properties.bookCurrency();
    }

    @Override
    public synchronized void project(List<CommandEvents> batch, JdbcTemplate jdbc) {
        Set<Long> users = users(batch);
        if (users.isEmpty()) {
            return;
        }
        if (tape == null) {
            tape = new java.util.concurrent.ConcurrentHashMap<>(PortfolioRepository.rates(jdbc));
        }
        forgetOnRollback();
        Map<Long, PortfolioBook> books = new HashMap<>();
        List<Long> missing = new java.util.ArrayList<>();
        for (long user : users) {
            PortfolioBook known = recent.get(user);
            if (known == null) {
                missing.add(user);
            } else {
                books.put(user, known);
            }
        }
        if (!missing.isEmpty()) {
            books.putAll(PortfolioRepository.load(jdbc, missing, bookCurrency));
        }
        for (long user : users) {
            books.computeIfAbsent(user, id -> PortfolioBook.empty(id, bookCurrency));
        }
        Map<String, BigDecimal> moved = new HashMap<>();
        for (CommandEvents command : batch) {
            apply(command, books, moved);
        }
        PortfolioRepository.save(jdbc, books.values());
        if (!moved.isEmpty()) {
            PortfolioRepository.saveRates(jdbc, moved);
        }
        recent.putAll(books);
    }

    private synchronized void forget() {
        tape = null;
        recent.clear();
    }

    private static Set<Long> users(List<CommandEvents> batch) {
        Set<Long> users = new LinkedHashSet<>();
        for (CommandEvents command : batch) {
            for (ExchangeEvent event : command.events()) {
                switch (event) {
                    case ExchangeEvent.TradeExecuted t -> {
                        addUser(users, t.makerUserId());
                        addUser(users, t.takerUserId());
                    }
                    case ExchangeEvent.LedgerPosted l when l.tradeId() == 0 -> addUser(users, l.accountId());
                    default -> {
                    }
                }
            }
        }
        return users;
    }

    private static void addUser(Set<Long> users, long id) {
        if (id > 0) { // the fee account and the treasury have no portfolio
            users.add(id);
        }
    }

    /** A rolled-back batch may have moved the tape and the books in memory: read them again from the tables. */
    private void forgetOnRollback() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        forget();
                    }
                }
            });
        }
    }

    private void apply(CommandEvents command, Map<Long, PortfolioBook> books, Map<String, BigDecimal> moved) {
        Map<Long, Boolean> admitted = new HashMap<>();
        for (ExchangeEvent event : command.events()) {
            switch (event) {
                case ExchangeEvent.TradeExecuted t -> {
                    MarketSpec market = catalog.market(t.symbol()).orElseThrow();
                    long buyer = t.takerSide() == Side.BUY ? t.takerUserId() : t.makerUserId();
                    long seller = t.takerSide() == Side.BUY ? t.makerUserId() : t.takerUserId();
                    long buyerFee = t.takerSide() == Side.BUY ? t.takerFee() : t.makerFee();
                    long sellerFee = t.takerSide() == Side.BUY ? t.makerFee() : t.takerFee();
                    BigDecimal quoteRate = rate(market.quoteAsset());
                    PortfolioBook b = book(books, buyer, command, admitted);
                    if (b != null) {
                        bought(b, market, t, buyerFee, quoteRate, command.timestamp());
                    }
                    PortfolioBook s = book(books, seller, command, admitted);
                    if (s != null) {
                        sold(s, market, t, sellerFee, quoteRate, command.timestamp());
                    }
                    BigDecimal price = market.price(t.price());
                    tape.put(t.symbol(), price);
                    moved.put(t.symbol(), price);
                }
                case ExchangeEvent.LedgerPosted l when l.tradeId() == 0 && l.accountId() > 0 -> {
                    PortfolioBook book = book(books, l.accountId(), command, admitted);
                    if (book != null) {
                        flow(book, l, command.timestamp());
                    }
                }
                default -> {
                }
            }
        }
        for (long user : admitted.keySet()) {
            PortfolioBook book = books.get(user);
            if (admitted.get(user)) {
                book.lastSequence = command.sequence();
                book.updatedAt = command.timestamp();
            }
        }
    }

    /** The user's book, or null when this command was already applied to it. */
    private static PortfolioBook book(Map<Long, PortfolioBook> books, long user, CommandEvents command,
                                      Map<Long, Boolean> admitted) {
        if (user <= 0) {
            return null;
        }
        PortfolioBook book = books.get(user);
        boolean fresh = admitted.computeIfAbsent(user, u -> command.sequence() > book.lastSequence);
        if (!fresh && command.sequence() < book.lastSequence) {
            book.needsRecalculation = true; // written out of order (a quarantined command retried late)
        }
        return fresh ? book : null;
    }

    private void bought(PortfolioBook book, MarketSpec market, ExchangeEvent.TradeExecuted t, long fee,
                        BigDecimal quoteRate, long at) {
        BigDecimal paid = market.quoteAmount(t.buyerPaid());
        BigDecimal feeAmount = market.quoteAmount(fee);
        book.bought(market.baseAsset(), market.quantity(t.quantity()), paid.multiply(quoteRate),
                feeAmount.multiply(quoteRate), at, t.buyOrderId());
        book.spend(market.quoteAsset(), paid.add(feeAmount), paid.add(feeAmount).multiply(quoteRate));
    }

    private void sold(PortfolioBook book, MarketSpec market, ExchangeEvent.TradeExecuted t, long fee,
                      BigDecimal quoteRate, long at) {
        BigDecimal received = market.quoteAmount(t.sellerReceived());
        BigDecimal feeAmount = market.quoteAmount(fee);
        book.sold(market.baseAsset(), market.quantity(t.quantity()), received.multiply(quoteRate),
                feeAmount.multiply(quoteRate), t.sellOrderId());
        BigDecimal kept = received.subtract(feeAmount);
        book.receive(market.quoteAsset(), kept, kept.multiply(quoteRate), at, t.sellOrderId());
    }

    private void flow(PortfolioBook book, ExchangeEvent.LedgerPosted l, long at) {
        Optional<Integer> scale = catalog.assetScale(l.asset());
        if (scale.isEmpty()) {
            return;
        }
        BigDecimal amount = BigDecimal.valueOf(Math.abs(l.amount()), scale.get());
        BigDecimal value = amount.multiply(rate(l.asset()));
        if (l.type() == LedgerType.DEPOSIT || l.type() == LedgerType.TRANSFER_IN) {
            book.flowedIn(l.asset(), amount, value, at);
        } else if (l.type() == LedgerType.WITHDRAWAL || l.type() == LedgerType.TRANSFER_OUT) {
            book.flowedOut(l.asset(), amount, value);
        } else if (l.type() == LedgerType.FEE) {
            book.paidFee(l.asset(), amount);
        }
    }

    /** One unit of the asset in the book currency on the tape; 0 when there is no path yet (see docs). */
    private BigDecimal rate(String asset) {
        return new Rates(catalog.markets(), symbol -> Optional.ofNullable(tape.get(symbol)))
                .rate(asset, bookCurrency).map(Rates.Rate::value).orElse(BigDecimal.ZERO);
    }
}
