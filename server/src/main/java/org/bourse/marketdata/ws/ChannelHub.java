package org.bourse.marketdata.ws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import org.bourse.engine.Asset;
import org.bourse.engine.account.Account;
import org.bourse.exchange.CommandEvents;
import org.bourse.exchange.EventStream;
import org.bourse.exchange.ExchangeEvent;
import org.bourse.exchange.ExchangeGateway;
import org.bourse.exchange.MarketCatalog;
import org.bourse.exchange.MarketSpec;
import org.bourse.marketdata.MarketDataFeed;
import org.bourse.marketdata.OrderBooks;
import org.bourse.platform.ErrorCodes;
import org.bourse.trading.OrderRendering;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Who listens to what, and the fan-out of the engine's events (one {@link EventStream} subscriber) and of the
 * market data feed to them. Each event is rendered once and the same text queued to every subscriber.
 *
 * <p>Book channel: {@code sequence} is the engine's book sequence, one update per level change, so it rises
 * by exactly one per update. A snapshot is the best {@code bourse.ws.book-depth} levels of each side, taken
 * from the same cached, depth-capped view as {@code GET /book} ({@link OrderBooks}: the live mirror of the book,
 * never the engine thread), while the subscription buffers updates; those the snapshot already reflects
 * ({@code bookSequence <=} the snapshot's) are dropped, so none is missed or repeated. A gap (this subscriber
 * lost events) restarts the subscription with a fresh snapshot.
 */
@Component
final class ChannelHub implements SmartLifecycle, MarketDataFeed.Listener {

    static final String EVENTS_LOST = "EVENTS_LOST";
    static final String CHANNEL_UNAVAILABLE = "CHANNEL_UNAVAILABLE";

    private static final Logger log = LoggerFactory.getLogger(ChannelHub.class);
    /** Updates held for one subscription while its snapshot is read; past it the snapshot is read again. */
    private static final int MAX_BUFFERED = 100_000;

    private record Waiting(Subscription subscription, int generation) {
    }

    private record Snapshot(long sequence, Object data) {
    }

    private final EventStream stream;
    private final ExchangeGateway exchange;
    private final OrderBooks books;
    private final MarketCatalog catalog;
    private final ObjectProvider<MarketDataFeed> feeds;
    private final Messages messages;
    private final WebSocketProperties properties;

    private final ReentrantLock lock = new ReentrantLock();
    /** Subscriptions by {@link Subscription#key}. Guarded by {@link #lock}, like everything below. */
    private final Map<String, List<Subscription>> subscribers = new HashMap<>();
    /** The sequence of the last ticker or candle update passed on, by channel name. */
    private final Map<String, Long> feedSequences = new HashMap<>();
    private long lastCommand;

    private volatile MarketDataFeed feed;
    private volatile boolean running;

    ChannelHub(EventStream stream, ExchangeGateway exchange, OrderBooks books, MarketCatalog catalog,
               ObjectProvider<MarketDataFeed> feeds, Messages messages, WebSocketProperties properties,
               org.bourse.notify.NotificationFeed notifications) {
        notifications.listen(this::notified);
        this.stream = stream;
        this.exchange = exchange;
        this.books = books;
        this.catalog = catalog;
        this.feeds = feeds;
        this.messages = messages;
        this.properties = properties;
    }

    @Override
    public void start() {
        stream.subscribe("websocket", properties.eventQueue(), this::accept);
        feed = feeds.getIfAvailable();
        if (feed != null) {
            feed.listen(this);
        } else {
            log.info("No market data feed: the ticker and candles channels answer {}", CHANNEL_UNAVAILABLE);
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the exchange (phase 0), before the web server takes connections. */
    @Override
    public int getPhase() {
        return 1;
    }

    boolean feedAvailable() {
        return feed != null;
    }

    /** The channels the socket is subscribed to now. */
    Set<Channel> channels(Connection connection) {
        lock.lock();
        try {
            return Set.copyOf(connection.subscriptions.keySet());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Subscribes (again: a repeated subscribe restarts the channel with a fresh snapshot). The snapshot, if the
     * channel has one, is read on the caller's thread and queued before any update.
     *
     * @param userId the authenticated owner for a private channel, else 0
     */
    void subscribe(Connection connection, Channel channel, long userId) {
        Subscription subscription = new Subscription(connection, channel, userId);
        lock.lock();
        try {
            if (connection.isClosing()) {
                return; // disconnect() has run or will: nothing may be left behind for a closed socket
            }
            Subscription previous = connection.subscriptions.put(channel, subscription);
            if (previous != null) {
                remove(previous);
            }
            subscribers.computeIfAbsent(subscription.key, key -> new ArrayList<>()).add(subscription);
            subscription.awaitingSnapshot = subscription.hasSnapshot();
        } finally {
            lock.unlock();
        }
        if (subscription.hasSnapshot()) {
            loadSnapshot(channel, userId, List.of(new Waiting(subscription, 0)));
        }
    }

    void unsubscribe(Connection connection, Channel channel) {
        lock.lock();
        try {
            Subscription subscription = connection.subscriptions.remove(channel);
            if (subscription != null) {
                remove(subscription);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Ends the private subscriptions (the token expired); @return the channels ended */
    List<String> unsubscribePrivate(Connection connection) {
        lock.lock();
        try {
            List<Channel> ended = connection.subscriptions.keySet().stream().filter(c -> c.kind().isPrivate()).toList();
            ended.forEach(channel -> remove(connection.subscriptions.remove(channel)));
            return ended.stream().map(Channel::name).toList();
        } finally {
            lock.unlock();
        }
    }

    void disconnect(Connection connection) {
        lock.lock();
        try {
            connection.subscriptions.values().forEach(this::remove);
            connection.subscriptions.clear();
        } finally {
            lock.unlock();
        }
    }

    private void remove(Subscription subscription) {
        subscription.active = false;
        List<Subscription> list = subscribers.get(subscription.key);
        if (list != null) {
            list.remove(subscription);
            if (list.isEmpty()) {
                subscribers.remove(subscription.key);
            }
        }
    }

    // ---- snapshots ----

    private void loadSnapshot(Channel channel, long userId, List<Waiting> waiting) {
        Snapshot snapshot;
        try {
            snapshot = read(channel, userId);
        } catch (RuntimeException e) {
            log.warn("No snapshot of {}: {}", channel.name(), e.toString());
            String error = messages.error(ErrorCodes.SERVICE_UNAVAILABLE,
                    "The snapshot cannot be read right now; subscribe again shortly", channel.name());
            lock.lock();
            try {
                for (Waiting w : waiting) {
                    if (current(w)) {
                        w.subscription().connection.subscriptions.remove(channel, w.subscription());
                        remove(w.subscription());
                        w.subscription().connection.send(error);
                    }
                }
            } finally {
                lock.unlock();
            }
            return;
        }
        String json = messages.snapshot(channel.name(), snapshot.sequence(), snapshot.data());
        lock.lock();
        try {
            for (Waiting w : waiting) {
                if (current(w)) {
                    Subscription s = w.subscription();
                    s.connection.send(json);
                    s.sequence = snapshot.sequence();
                    s.awaitingSnapshot = false;
                    List<Subscription.Pending> buffered = List.copyOf(s.buffered);
                    s.buffered.clear();
                    if (s.overflowed) {
                        resync(List.of(s));
                    } else {
                        buffered.forEach(update -> deliver(s, update));
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private static boolean current(Waiting w) {
        Subscription s = w.subscription();
        return s.active && s.awaitingSnapshot && s.generation == w.generation();
    }

    private Snapshot read(Channel channel, long userId) {
        return switch (channel.kind()) {
            case BOOK -> {
                OrderBooks.Book book = books.book(catalog.market(channel.symbol()).orElseThrow(), properties.bookDepth());
                yield new Snapshot(book.sequence(), new Messages.Book(book.symbol(), book.bids(), book.asks()));
            }
            case BALANCES -> balances(userId);
            case TICKER, CANDLES -> {
                long sequence;
                lock.lock();
                try {
                    sequence = feedSequences.getOrDefault(channel.name(), 0L);
                } finally {
                    lock.unlock();
                }
                Object data = channel.kind() == Channel.Kind.TICKER
                        ? feed.ticker(channel.symbol()).orElse(null)
                        : feed.currentCandle(channel.symbol(), channel.interval()).orElse(null);
                yield new Snapshot(sequence, data);
            }
            default -> throw new IllegalArgumentException(channel.name() + " has no snapshot");
        };
    }

    /** Every asset of the listed markets in code order, zeros included, like {@code GET /balances}. */
    private Snapshot balances(long userId) {
        List<String> assets = catalog.markets().stream().flatMap(m -> Stream.of(m.baseAsset(), m.quoteAsset()))
                .distinct().sorted().toList();
        record Read(long sequence, long[] available, long[] held) {
        }
        Read read = exchange.query(engine -> {
            Account account = engine.account(userId);
            long[] available = new long[assets.size()];
            long[] held = new long[assets.size()];
            for (int i = 0; i < assets.size(); i++) {
                Asset asset = engine.asset(assets.get(i));
                if (account != null && asset != null) {
                    available[i] = account.available(asset.index());
                    held[i] = account.held(asset.index());
                }
            }
            return new Read(engine.lastSequence(), available, held);
        });
        List<Messages.Balance> rows = new ArrayList<>();
        for (int i = 0; i < assets.size(); i++) {
            rows.add(Messages.balance(assets.get(i), catalog.assetScale(assets.get(i)).orElse(0), read.available()[i],
                    read.held()[i]));
        }
        return new Snapshot(read.sequence(), rows);
    }

    /** Restarts subscriptions of one channel key with one fresh snapshot (read on a thread of its own). */
    private void resync(List<Subscription> subscriptions) {
        List<Waiting> waiting = new ArrayList<>();
        for (Subscription s : subscriptions) {
            s.generation++;
            s.awaitingSnapshot = true;
            s.buffered.clear();
            s.overflowed = false;
            waiting.add(new Waiting(s, s.generation));
        }
        Subscription first = subscriptions.getFirst();
        Thread.ofVirtual().name("bourse-ws-snapshot").start(() -> loadSnapshot(first.channel, first.userId, waiting));
    }

    // ---- fan-out ----

    /** The engine's events, on the event stream's thread, in engine order. */
    void accept(CommandEvents command) {
        lock.lock();
        try {
            if (lastCommand != 0 && command.sequence() > lastCommand + 1) {
                log.warn("The WebSocket fan-out lost commands {} to {}; resynchronising its subscribers",
                        lastCommand + 1, command.sequence() - 1);
                eventsLost();
            }
            lastCommand = Math.max(lastCommand, command.sequence());
            for (ExchangeEvent event : command.events()) {
                switch (event) {
                    case ExchangeEvent.LevelChanged level -> levelChanged(level);
                    case ExchangeEvent.TradeExecuted trade -> traded(command, trade);
                    case ExchangeEvent.OrderChanged order -> publish("orders#" + order.order().userId(), command.sequence(),
                            () -> OrderRendering.order(order.order(), market(order.order().symbol())));
                    case ExchangeEvent.BalanceChanged balance -> publish("balances#" + balance.accountId(),
                            command.sequence(), () -> Messages.balance(balance.asset(),
                                    catalog.assetScale(balance.asset()).orElse(0), balance.available(), balance.held()));
                    default -> {
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** A committed in-app notification (notify module), on the committing thread; its id stands for the sequence. */
    private void notified(long userId, long id, Object notification) {
        lock.lock();
        try {
            publish("notifications#" + userId, id, () -> notification);
        } finally {
            lock.unlock();
        }
    }

    private void levelChanged(ExchangeEvent.LevelChanged level) {
        String channel = "book:" + level.symbol();
        List<Subscription> list = subscribers.get(channel);
        if (list == null) {
            return;
        }
        String json = messages.update(channel, level.bookSequence(), Messages.level(market(level.symbol()), level));
        Subscription.Pending update = new Subscription.Pending(level.bookSequence(), json);
        for (Subscription s : List.copyOf(list)) {
            deliver(s, update);
        }
    }

    private void traded(CommandEvents command, ExchangeEvent.TradeExecuted trade) {
        publish("trades:" + trade.symbol(), command.sequence(), () -> Messages.trade(market(trade.symbol()), trade));
        MarketSpec market = market(trade.symbol());
        publish("fills#" + trade.takerUserId(), command.sequence(),
                () -> OrderRendering.fill(trade, false, market, command.traceId()));
        publish("fills#" + trade.makerUserId(), command.sequence(),
                () -> OrderRendering.fill(trade, true, market, command.traceId()));
    }

    private void publish(String key, long sequence, java.util.function.Supplier<Object> data) {
        List<Subscription> list = subscribers.get(key);
        if (list == null) {
            return;
        }
        String channel = key.contains("#") ? key.substring(0, key.indexOf('#')) : key;
        Subscription.Pending update = new Subscription.Pending(sequence, messages.update(channel, sequence, data.get()));
        for (Subscription s : List.copyOf(list)) {
            deliver(s, update);
        }
    }

    private void deliver(Subscription s, Subscription.Pending update) {
        if (s.awaitingSnapshot) {
            if (s.buffered.size() < MAX_BUFFERED) {
                s.buffered.add(update);
            } else {
                s.overflowed = true;
            }
            return;
        }
        switch (s.channel.kind()) {
            case BOOK -> {
                if (update.sequence() <= s.sequence) {
                    return; // the snapshot has it already
                }
                if (update.sequence() != s.sequence + 1) {
                    resync(List.of(s));
                    s.buffered.add(update);
                    return;
                }
                s.sequence = update.sequence();
            }
            case BALANCES -> {
                if (update.sequence() <= s.sequence) {
                    return;
                }
            }
            default -> {
            }
        }
        s.connection.send(update.json());
    }

    /**
     * This subscriber lost events: channels with a snapshot get a fresh one; the others cannot be repaired
     * here, so their subscribers are told ({@code EVENTS_LOST}) and re-read them over REST.
     */
    private void eventsLost() {
        for (List<Subscription> list : subscribers.values()) {
            Channel channel = list.getFirst().channel;
            switch (channel.kind()) {
                case BOOK, BALANCES -> resync(List.copyOf(list));
                case TRADES, ORDERS, FILLS -> {
                    String error = messages.error(EVENTS_LOST,
                            "The server fell behind and lost updates of this channel; read its current state over REST",
                            channel.name());
                    list.forEach(s -> s.connection.send(error));
                }
                default -> {
                    // ticker and candles come from the feed, not from the lost events
                }
            }
        }
    }

    @Override
    public void tickerChanged(String symbol, long sequence, Object ticker) {
        feedChanged("ticker:" + symbol, sequence, ticker);
    }

    @Override
    public void candleChanged(String symbol, String interval, long sequence, Object candle) {
        feedChanged("candles:" + symbol + ":" + interval, sequence, candle);
    }

    private void feedChanged(String channel, long sequence, Object data) {
        lock.lock();
        try {
            feedSequences.put(channel, sequence);
            publish(channel, sequence, () -> data);
        } finally {
            lock.unlock();
        }
    }

    private MarketSpec market(String symbol) {
        return catalog.market(symbol).orElseThrow(() -> new IllegalStateException("unknown market " + symbol));
    }
}
