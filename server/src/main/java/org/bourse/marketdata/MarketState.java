package org.bourse.marketdata;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.bourse.engine.Depth;
import org.bourse.engine.Side;
import org.bourse.exchange.MarketSpec;

/**
 * One market's live figures: the last trade, a mirror of the book's levels (for the top of book), per-minute
 * buckets of the last 24 h, the latest candle of each interval and the most recent trades. Written on the
 * engine thread, read by request threads; every method holds the monitor, and none does more than a short
 * scan, so the engine is never held up for long.
 */
final class MarketState {

    static final int RECENT_TRADES = 1000;
    private static final long DAY = 24 * 3_600_000L;

    private final String symbol;
    private final NavigableMap<Long, Long> bids = new TreeMap<>(Collections.reverseOrder());
    private final NavigableMap<Long, Long> asks = new TreeMap<>();
    private final ArrayDeque<Candle> minutes = new ArrayDeque<>();
    private final Candle[] latest = new Candle[CandleInterval.values().length];
    private final ArrayDeque<RecentTrade> recent = new ArrayDeque<>();
    private boolean traded;
    private long lastPrice;
    private long lastTradeAt;
    private long lastTradeSequence;
    private long bookSequence;
    private long sequence;
    /** The last ticker computed and the (sequence, minute) it holds for. */
    private Ticker memo;
    private long memoMinute;
    /**
     * The 24 h aggregate ending in minute {@code dayMinute} (null: no trade in it), kept up by trades of that
     * minute: the window is scanned once a minute, not per trade, since the engine thread computes tickers.
     */
    private Candle day;
    private long dayMinute = Long.MIN_VALUE;

    MarketState(String symbol) {
        this.symbol = symbol;
    }

    synchronized void trade(long sequence, long tradeId, long price, long quantity, long quote, Side takerSide, long at) {
        traded = true;
        lastPrice = price;
        lastTradeAt = at;
        lastTradeSequence = sequence;
        this.sequence = sequence;
        for (CandleInterval interval : CandleInterval.values()) {
            long openTime = interval.openTime(at);
            Candle current = latest[interval.ordinal()];
            latest[interval.ordinal()] = current != null && current.openTime() == openTime
                    ? current.plusTrade(price, quantity, quote)
                    : Candle.ofTrade(openTime, price, quantity, quote);
        }
        Candle minute = latest[CandleInterval.M1.ordinal()];
        if (!minutes.isEmpty() && minutes.peekLast().openTime() == minute.openTime()) {
            minutes.pollLast();
        }
        minutes.addLast(minute);
        while (minutes.peekFirst().openTime() <= at - DAY) {
            minutes.pollFirst();
        }
        if (dayMinute == minute.openTime()) {
            day = day == null ? Candle.ofTrade(minute.openTime(), price, quantity, quote)
                    : day.plusTrade(price, quantity, quote);
        } else {
            dayMinute = Long.MIN_VALUE;
        }
        recent.addLast(new RecentTrade(tradeId, price, quantity, takerSide, at));
        if (recent.size() > RECENT_TRADES) {
            recent.pollFirst();
        }
    }

    /** @return whether the best price of that side changed */
    synchronized boolean level(long sequence, Side side, long price, long quantity, long bookSequence) {
        NavigableMap<Long, Long> levels = side == Side.BUY ? bids : asks;
        Long bestBefore = levels.isEmpty() ? null : levels.firstKey();
        if (quantity == 0) {
            levels.remove(price);
        } else {
            levels.put(price, quantity);
        }
        this.bookSequence = bookSequence;
        Long bestAfter = levels.isEmpty() ? null : levels.firstKey();
        boolean topChanged = !java.util.Objects.equals(bestBefore, bestAfter);
        if (topChanged) {
            this.sequence = sequence;
        }
        return topChanged;
    }

    /** Replaces the book mirror with the engine's book (at start-up). */
    synchronized void restoreBook(Depth depth) {
        bids.clear();
        asks.clear();
        for (int i = 0; i < depth.bids().size(); i++) {
            bids.put(depth.bids().prices()[i], depth.bids().quantities()[i]);
        }
        for (int i = 0; i < depth.asks().size(); i++) {
            asks.put(depth.asks().prices()[i], depth.asks().quantities()[i]);
        }
        bookSequence = depth.bookSequence();
    }

    /**
     * Puts the persisted history (older than anything applied so far) in front of the live figures.
     * @param seedMinutes 1 m candles of the last 24 h, oldest first
     * @param seedLatest the latest persisted candle per interval (by ordinal), or null
     * @param seedTrades the newest persisted trades, newest first
     * @param engineSequence the engine's sequence now, the version of the persisted history
     */
    synchronized void seed(List<Candle> seedMinutes, Candle[] seedLatest, List<RecentTrade> seedTrades,
                           long engineSequence) {
        // a version no earlier run handed out for other data: sequences keep rising across restarts
        lastTradeSequence = Math.max(lastTradeSequence, engineSequence);
        ArrayDeque<Candle> merged = new ArrayDeque<>();
        for (Candle c : seedMinutes) {
            merged.addLast(c);
        }
        for (Candle live : minutes) {
            if (!merged.isEmpty() && merged.peekLast().openTime() == live.openTime()) {
                merged.addLast(merged.pollLast().then(live));
            } else {
                merged.addLast(live);
            }
        }
        minutes.clear();
        minutes.addAll(merged);
        for (int i = 0; i < latest.length; i++) {
            Candle old = seedLatest[i];
            Candle live = latest[i];
            if (old != null) {
                latest[i] = live == null ? old : live.openTime() == old.openTime() ? old.then(live) : live;
            }
        }
        long oldestLive = recent.isEmpty() ? Long.MAX_VALUE : recent.peekFirst().id();
        for (RecentTrade t : seedTrades) {
            if (recent.size() >= RECENT_TRADES) {
                break;
            }
            if (t.id() < oldestLive) {
                recent.addFirst(t);
            }
        }
        if (!traded && !seedTrades.isEmpty()) {
            RecentTrade last = seedTrades.getFirst();
            traded = true;
            lastPrice = last.price();
            lastTradeAt = last.executedAt();
        }
        memo = null;
        dayMinute = Long.MIN_VALUE;
    }

    synchronized long bookSequence() {
        return bookSequence;
    }

    synchronized long lastTradeSequence() {
        return lastTradeSequence;
    }

    /**
     * The best {@code maxLevels} levels of each side, best first, as {@code [price, quantity]} minor units, and
     * the book sequence they reflect: one consistent cut of the mirror, read without the engine thread.
     */
    synchronized Book book(int maxLevels) {
        return new Book(bookSequence, levels(bids, maxLevels), levels(asks, maxLevels));
    }

    /** @param bids {@code [price, quantity]} pairs in minor units, best first; {@code asks} the same */
    record Book(long sequence, long[][] bids, long[][] asks) {
    }

    private static long[][] levels(NavigableMap<Long, Long> side, int maxLevels) {
        long[][] out = new long[Math.min(maxLevels, side.size())][];
        int i = 0;
        for (var level : side.entrySet()) {
            if (i == out.length) {
                break;
            }
            out[i++] = new long[] {level.getKey(), level.getValue()};
        }
        return out;
    }

    /** The last trade's price and time, if any. */
    synchronized long[] lastTrade() {
        return traded ? new long[] {lastPrice, lastTradeAt} : null;
    }

    /** Best bid and best ask, each null when that side is empty. */
    synchronized Long[] top() {
        return new Long[] {bids.isEmpty() ? null : bids.firstKey(), asks.isEmpty() ? null : asks.firstKey()};
    }

    /** The newest {@code limit} trades, newest first. */
    synchronized List<RecentTrade> recentTrades(int limit) {
        List<RecentTrade> out = new ArrayList<>(Math.min(limit, recent.size()));
        Iterator<RecentTrade> newestFirst = recent.descendingIterator();
        while (newestFirst.hasNext() && out.size() < limit) {
            out.add(newestFirst.next());
        }
        return out;
    }

    /** The candle forming at {@code now}: the latest bucket, or a flat one at the last close after a quiet spell. */
    synchronized Candle currentCandle(CandleInterval interval, long now) {
        Candle last = latest[interval.ordinal()];
        if (last == null) {
            return null;
        }
        long openTime = interval.openTime(now);
        return last.openTime() >= openTime ? last : Candle.empty(openTime, last.close());
    }

    synchronized Ticker ticker(MarketSpec m, long now) {
        long minute = CandleInterval.M1.openTime(now);
        if (memo != null && memo.sequence() == sequence && memoMinute == minute) {
            return memo.at(Instant.ofEpochMilli(now));
        }
        if (dayMinute != minute) {
            day = null;
            for (Candle c : minutes) {
                if (c.openTime() > minute - DAY && c.openTime() <= minute) {
                    day = day == null ? c : day.then(c);
                }
            }
            dayMinute = minute;
        }
        BigDecimal open = day == null ? null : m.price(day.open());
        BigDecimal last = traded ? m.price(lastPrice) : null;
        BigDecimal change = open == null || last == null ? null : last.subtract(open);
        BigDecimal percent = change == null || open.signum() == 0 ? null
                : change.multiply(BigDecimal.valueOf(100)).divide(open, 2, RoundingMode.HALF_EVEN);
        Ticker ticker = new Ticker(symbol, text(last), bids.isEmpty() ? null : m.price(bids.firstKey()).toPlainString(),
                asks.isEmpty() ? null : m.price(asks.firstKey()).toPlainString(), text(open),
                day == null ? null : m.price(day.high()).toPlainString(),
                day == null ? null : m.price(day.low()).toPlainString(),
                m.quantity(day == null ? 0 : day.volume()).toPlainString(),
                m.quoteAmount(day == null ? 0 : day.quoteVolume()).toPlainString(), text(change), text(percent),
                sequence, Instant.ofEpochMilli(now));
        memo = ticker;
        memoMinute = minute;
        return ticker;
    }

    private static String text(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

}
