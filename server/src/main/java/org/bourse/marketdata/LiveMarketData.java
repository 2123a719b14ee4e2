package org.bourse.marketdata;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.bourse.engine.Engine;
import org.bourse.engine.Market;
import org.bourse.engine.Side;
import org.bourse.exchange.Amounts;
import org.bourse.exchange.CommandEvents;
import org.bourse.exchange.ExchangeEvent;
import org.bourse.exchange.LiveView;
import org.bourse.exchange.MarketCatalog;
import org.bourse.exchange.MarketSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every market's live figures ({@link MarketState}), kept on the engine thread before the command's caller is
 * answered, so a ticker, the trade tape or a book version read after an acknowledged command reflects it.
 * A {@link LiveView} rather than an {@link org.bourse.exchange.EventStream} subscriber for that reason, and
 * because a view never misses an event, so there is no gap to recover from.
 *
 * <p>History survives restarts: the constructor reads the persisted candles and trades while the read models
 * are exactly at the projector's stored sequence (the engine has not started), the engine then replays the
 * newer commands into {@link #apply}, and {@link #restore} puts the persisted part in front of them.
 *
 * <p>Listeners are told on a thread of their own, through a bounded queue: the engine never waits for them.
 * Should the queue overflow, the notification is dropped (counted and logged) and its market marked; once
 * the queue has drained, each marked market's current ticker and candles are sent (with the sequence of the
 * market's last change), so a listener that missed changes still ends on the latest state.
 */
@Component
final class LiveMarketData implements LiveView, MarketDataFeed, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LiveMarketData.class);
    private static final int NOTIFICATIONS = 65_536;

    private final MarketCatalog catalog;
    private final Clock clock;
    private final Map<String, MarketState> markets = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Change> notifications = new ArrayBlockingQueue<>(NOTIFICATIONS);
    private final AtomicLong dropped = new AtomicLong();
    /** Markets with a dropped notification, to be sent their latest state once the queue has drained. */
    private final Set<String> missed = ConcurrentHashMap.newKeySet();
    private final Thread notifier;
    private Seed seed;

    /** One market's new ticker and, after a trade, its forming candles by interval code. */
    private record Change(String symbol, long sequence, Ticker ticker, Map<String, CandleRow> candles) {
    }

    /** What the read models held at start-up, converted once the engine says what the markets' scales are. */
    private record Seed(Map<String, List<Candle>> minutes, Map<String, Candle[]> latest,
                        Map<String, List<Object[]>> trades) {
    }

    LiveMarketData(MarketCatalog catalog, Clock clock, JdbcTemplate jdbc) {
        this.catalog = catalog;
        this.clock = clock;
        this.seed = load(jdbc, clock.millis());
        this.notifier = Thread.ofPlatform().daemon().name("bourse-market-data-feed").start(this::notifyListeners);
    }

    private static Seed load(JdbcTemplate jdbc, long now) {
        Map<String, List<Candle>> minutes = new HashMap<>();
        jdbc.query("""
                SELECT * FROM candles WHERE period = '1m' AND open_time > ? ORDER BY symbol, open_time""", rs -> {
            minutes.computeIfAbsent(rs.getString("symbol"), s -> new ArrayList<>()).add(CandleHistory.candle(rs));
        }, now - 24 * 3_600_000L - 60_000L);
        Map<String, Candle[]> latest = new HashMap<>();
        jdbc.query("""
                SELECT c.* FROM candles c
                JOIN (SELECT symbol, period, MAX(open_time) AS open_time FROM candles GROUP BY symbol, period) m
                  ON c.symbol = m.symbol AND c.period = m.period AND c.open_time = m.open_time""", rs -> {
            CandleInterval interval = CandleInterval.of(rs.getString("period")).orElseThrow();
            latest.computeIfAbsent(rs.getString("symbol"), s -> new Candle[CandleInterval.values().length])
                    [interval.ordinal()] = CandleHistory.candle(rs);
        });
        Map<String, List<Object[]>> trades = new HashMap<>();
        jdbc.query("""
                SELECT id, symbol, price, quantity, taker_side, executed_at FROM (
                    SELECT t.*, ROW_NUMBER() OVER (PARTITION BY symbol ORDER BY id DESC) AS n FROM trades t) r
                WHERE n <= ? ORDER BY symbol, id DESC""", rs -> {
            trades.computeIfAbsent(rs.getString("symbol"), s -> new ArrayList<>()).add(new Object[] {
                    rs.getLong("id"), rs.getBigDecimal("price"), rs.getBigDecimal("quantity"),
                    Side.valueOf(rs.getString("taker_side")),
                    rs.getObject("executed_at", java.time.OffsetDateTime.class).toInstant().toEpochMilli()});
        }, MarketState.RECENT_TRADES);
        return new Seed(minutes, latest, trades);
    }

    @Override
    public void restore(Engine engine) {
        for (Market market : engine.markets()) {
            MarketState state = state(market.symbol());
            state.restoreBook(market.depth(Integer.MAX_VALUE));
            Seed loaded = seed;
            if (loaded != null) {
                int priceScale = market.quote().scale();
                int quantityScale = market.base().scale();
                List<RecentTrade> trades = new ArrayList<>();
                for (Object[] t : loaded.trades().getOrDefault(market.symbol(), List.of())) {
                    trades.add(new RecentTrade((long) t[0], Amounts.minor((BigDecimal) t[1], priceScale),
                            Amounts.minor((BigDecimal) t[2], quantityScale), (Side) t[3], (long) t[4]));
                }
                state.seed(loaded.minutes().getOrDefault(market.symbol(), List.of()),
                        loaded.latest().getOrDefault(market.symbol(), new Candle[CandleInterval.values().length]),
                        trades, engine.lastSequence());
            }
        }
        seed = null; // history goes in front once; a later restore only re-reads the books
    }

    @Override
    public void apply(CommandEvents command) {
        Set<String> traded = null;
        Set<String> topChanged = null;
        for (ExchangeEvent event : command.events()) {
            switch (event) {
                case ExchangeEvent.TradeExecuted t -> {
                    state(t.symbol()).trade(command.sequence(), t.tradeId(), t.price(), t.quantity(),
                            t.sellerReceived(), t.takerSide(), t.executedAt());
                    traded = add(traded, t.symbol());
                }
                case ExchangeEvent.LevelChanged l -> {
                    if (state(l.symbol()).level(command.sequence(), l.side(), l.price(), l.quantity(),
                            l.bookSequence())) {
                        topChanged = add(topChanged, l.symbol());
                    }
                }
                default -> {
                }
            }
        }
        if (!listeners.isEmpty() && (traded != null || topChanged != null)) {
            announce(command, traded, topChanged);
        }
    }

    private void announce(CommandEvents command, Set<String> traded, Set<String> topChanged) {
        Set<String> symbols = new LinkedHashSet<>();
        if (traded != null) {
            symbols.addAll(traded);
        }
        if (topChanged != null) {
            symbols.addAll(topChanged);
        }
        long now = command.timestamp();
        for (String symbol : symbols) {
            MarketSpec spec = catalog.market(symbol).orElse(null);
            if (spec == null) {
                continue;
            }
            MarketState state = markets.get(symbol);
            Ticker ticker = state.ticker(spec, now);
            Map<String, CandleRow> candles = new LinkedHashMap<>();
            if (traded != null && traded.contains(symbol)) {
                for (CandleInterval interval : CandleInterval.values()) {
                    candles.put(interval.code(), CandleRow.of(state.currentCandle(interval, now), spec));
                }
            }
            if (!notifications.offer(new Change(symbol, command.sequence(), ticker, candles))) {
                missed.add(symbol);
                if (dropped.incrementAndGet() % 1000 == 1) {
                    log.warn("Market data listeners are behind; {} notifications dropped so far", dropped.get());
                }
            }
        }
    }

    @Override
    public void destroy() {
        notifier.interrupt();
    }

    private void notifyListeners() {
        while (true) {
            try {
                Change next = notifications.poll(200, TimeUnit.MILLISECONDS);
                if (next != null) {
                    deliver(next);
                }
                if (notifications.isEmpty() && !missed.isEmpty()) {
                    catchUp();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void deliver(Change change) {
        for (Listener listener : listeners) {
            try {
                listener.tickerChanged(change.symbol(), change.sequence(), change.ticker());
                change.candles().forEach((interval, candle) ->
                        listener.candleChanged(change.symbol(), interval, change.sequence(), candle));
            } catch (RuntimeException e) {
                log.error("A market data listener failed on {}; the others and the next change go on", change.symbol(), e);
            }
        }
    }

    /** Sends each market that lost a notification its state now. */
    private void catchUp() {
        for (String symbol : List.copyOf(missed)) {
            missed.remove(symbol);
            MarketSpec spec = catalog.market(symbol).orElse(null);
            if (spec == null) {
                continue;
            }
            MarketState state = state(symbol);
            long now = clock.millis();
            Ticker ticker = state.ticker(spec, now);
            Map<String, CandleRow> candles = new LinkedHashMap<>();
            for (CandleInterval interval : CandleInterval.values()) {
                Candle candle = state.currentCandle(interval, now);
                if (candle != null) {
                    candles.put(interval.code(), CandleRow.of(candle, spec));
                }
            }
            deliver(new Change(symbol, ticker.sequence(), ticker, candles));
        }
    }

    private static Set<String> add(Set<String> set, String symbol) {
        Set<String> out = set == null ? new LinkedHashSet<>() : set;
        out.add(symbol);
        return out;
    }

    private MarketState state(String symbol) {
        return markets.computeIfAbsent(symbol, MarketState::new);
    }

    /** The market's live state; empty when the market is unknown. */
    Optional<MarketState> market(String symbol) {
        return catalog.market(symbol).map(spec -> state(spec.symbol()));
    }

    @Override
    public Optional<Object> ticker(String symbol) {
        return catalog.market(symbol).map(spec -> state(symbol).ticker(spec, clock.millis()));
    }

    @Override
    public Optional<Object> currentCandle(String symbol, String interval) {
        MarketSpec spec = catalog.market(symbol).orElse(null);
        CandleInterval width = CandleInterval.of(interval).orElse(null);
        if (spec == null || width == null) {
            return Optional.empty();
        }
        Candle candle = state(symbol).currentCandle(width, clock.millis());
        return Optional.ofNullable(candle).map(c -> CandleRow.of(c, spec));
    }

    @Override
    public void listen(Listener listener) {
        listeners.add(listener);
    }
}
