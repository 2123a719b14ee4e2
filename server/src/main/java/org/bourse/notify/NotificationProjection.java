package org.bourse.notify;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.bourse.engine.LedgerType;
import org.bourse.engine.OrderEvent;
import org.bourse.engine.RejectReason;
import org.bourse.engine.Side;
import org.bourse.engine.command.OpenFundedAccount;
import org.bourse.exchange.CommandEvents;
import org.bourse.exchange.ExchangeEvent;
import org.bourse.exchange.MarketCatalog;
import org.bourse.exchange.MarketSpec;
import org.bourse.exchange.OrderSnapshot;
import org.bourse.exchange.Projection;
import org.bourse.identity.Contact;
import org.bourse.identity.UserDirectory;
import org.bourse.marketdata.MarketDataFeed;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox's intake from the engine: inside the projector's transaction, so each event's
 * notifications are written exactly once, with the read models, across crashes and replays. Fills go in-app at
 * once and to the execution-mail queue ({@link FillMails}); expired orders, credited deposits and received
 * transfers go in-app and, as the user's settings say, by e-mail; every trade's prices are checked against the
 * active price alerts of its market.
 */
@Component
final class NotificationProjection implements Projection {

    private final MarketCatalog catalog;
    private final UserDirectory users;
    private final Notices notices;
    private final FillMails fillMails;
    private final PriceAlerts alerts;
    private final MarketDataFeed marketData;
    private final JsonMapper json;
    private final InAppNotifications inApp;
    /**
     * Whether a user can read notifications at all: the demo and system users (addresses under .invalid, no
     * password anyone knows) trade all day and would fill the tables with notices nobody reads. Addresses do
     * not change, so the answer is kept; only the projector thread uses it.
     */
    private final com.github.benmanes.caffeine.cache.Cache<Long, Boolean> readers =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(100_000).build();

    NotificationProjection(MarketCatalog catalog, UserDirectory users, Notices notices, FillMails fillMails,
                           PriceAlerts alerts, MarketDataFeed marketData, JsonMapper json, InAppNotifications inApp) {
        this.inApp = inApp;
        this.catalog = catalog;
        this.users = users;
        this.notices = notices;
        this.fillMails = fillMails;
        this.alerts = alerts;
        this.marketData = marketData;
        this.json = json;
    }

    /** The lowest and highest price traded in a market within the batch. */
    private record Range(long low, long high, long at) {
        Range with(long price, long time) {
            return new Range(Math.min(low, price), Math.max(high, price), Math.max(at, time));
        }
    }

    @Override
    public void project(List<CommandEvents> batch, JdbcTemplate jdbc) {
        List<FillMails.Fill> fills = new ArrayList<>();

        Map<String, Range> traded = new LinkedHashMap<>();
        for (CommandEvents command : batch) {
            Instant at = Instant.ofEpochMilli(command.timestamp());
            for (ExchangeEvent event : command.events()) {
                switch (event) {
                    case ExchangeEvent.TradeExecuted trade -> {
                        addFills(fills, trade);
                        traded.merge(trade.symbol(), new Range(trade.price(), trade.price(), trade.executedAt()),
                                (old, now) -> old.with(trade.price(), trade.executedAt()));
                    }
                    case ExchangeEvent.OrderChanged changed -> orderChanged(changed, at);
                    case ExchangeEvent.TransactionCompleted t when !(command.command() instanceof OpenFundedAccount) ->
                            moneyArrived(t, at);
                    default -> {
                    }
                }
            }
        }
        fillMails.gather(jdbc, fills);
        traded.forEach(this::checkAlerts);
    }

    private boolean reads(long userId) {
        return readers.get(userId, id -> users.contact(id).map(Contact::deliverable).orElse(false));
    }

    private void addFills(List<FillMails.Fill> fills, ExchangeEvent.TradeExecuted trade) {
        MarketSpec market = catalog.market(trade.symbol()).orElseThrow();
        String price = market.price(trade.price()).toPlainString();
        String quantity = market.quantity(trade.quantity()).toPlainString();
        Instant at = Instant.ofEpochMilli(trade.executedAt());
        Side makerSide = trade.takerSide() == Side.BUY ? Side.SELL : Side.BUY;
        if (reads(trade.takerUserId())) {
            fills.add(new FillMails.Fill(trade.takerUserId(), trade.takerOrderId(), trade.symbol(),
                    side(trade.takerSide()), price, quantity, at));
        }
        if (reads(trade.makerUserId())) {
            fills.add(new FillMails.Fill(trade.makerUserId(), trade.makerOrderId(), trade.symbol(), side(makerSide),
                    price, quantity, at));
        }
    }

    private void orderChanged(ExchangeEvent.OrderChanged changed, Instant at) {
        OrderSnapshot order = changed.order();
        if ((changed.event() == OrderEvent.FILLED || changed.event() == OrderEvent.PARTIALLY_FILLED)
                && reads(order.userId())) {
            MarketSpec market = catalog.market(order.symbol()).orElseThrow();
            boolean whole = changed.event() == OrderEvent.FILLED;
            String title = whole ? "Order executed" : "Order partially filled";
            String body = String.format("%s %s %s: %s filled at an average %s (order %d)", side(order.side()),
                    market.quantity(order.quantity()).toPlainString(), order.symbol(),
                    market.quantity(order.filled()).toPlainString(),
                    market.averagePrice(order.filledNotional(), order.filled()).toPlainString(), order.id());
            inApp.add(order.userId(), Kind.ORDER_EXECUTED, title, body, at);
        } else if (changed.event() == OrderEvent.CANCELLED && order.reason() == RejectReason.EXPIRED) {
            users.contact(order.userId()).ifPresent(to -> {
                MarketSpec market = catalog.market(order.symbol()).orElseThrow();
                String line = String.format("Your pending %s order %d for %s %s was never executed and has expired.",
                        side(order.side()), order.id(), market.quantity(order.quantity()).toPlainString(), order.symbol());
                notices.notify(to, Kind.ORDER_EXPIRED, "Order expired", line,
                        MailTemplates.orderExpired(to.username(), line), at);
            });
        }
    }

    private void moneyArrived(ExchangeEvent.TransactionCompleted t, Instant at) {
        Optional<Integer> scale = catalog.assetScale(t.asset());
        if (scale.isEmpty()) {
            return;
        }
        String amount = BigDecimal.valueOf(t.amount(), scale.get()).toPlainString() + " " + t.asset();
        if (t.type() == LedgerType.DEPOSIT) {
            users.contact(t.toAccount()).ifPresent(to -> {
                String line = "A deposit of " + amount + " was credited to your account.";
                notices.notify(to, Kind.DEPOSIT_CREDITED, "Deposit credited", line,
                        MailTemplates.depositCredited(to.username(), line), at);
            });
        } else if (t.type() == LedgerType.TRANSFER_OUT) {
            users.contact(t.toAccount()).ifPresent(to -> {
                String from = users.findById(t.fromAccount()).map(u -> u.username()).orElse("another user");
                String line = "You received " + amount + " from " + from
                        + (t.memo() == null || t.memo().isBlank() ? "." : " (\"" + t.memo() + "\").");
                notices.notify(to, Kind.TRANSFER_RECEIVED, "Transfer received", line,
                        MailTemplates.transferReceived(to.username(), line), at);
            });
        }
    }

    private void checkAlerts(String symbol, Range range) {
        List<PriceAlerts.Alert> active = alerts.activeOn(symbol);
        if (active.isEmpty()) {
            return;
        }
        MarketSpec market = catalog.market(symbol).orElseThrow();
        BigDecimal low = market.price(range.low());
        BigDecimal high = market.price(range.high());
        BigDecimal open24 = open24h(symbol);
        Instant at = Instant.ofEpochMilli(range.at());
        for (PriceAlerts.Alert alert : active) {
            if (alert.condition().metBy(alert.threshold(), low, high, open24) && alerts.trigger(alert.id(), at)) {
                users.contact(alert.userId()).ifPresent(to -> {
                    String line = String.format("%s traded between %s and %s: your alert %s %s has fired.", symbol,
                            low.toPlainString(), high.toPlainString(), alert.condition().apiName(),
                            alert.threshold().toPlainString());
                    notices.notify(to, Kind.PRICE_ALERT, "Price alert: " + symbol, line,
                            MailTemplates.priceAlert(to.username(), line), at);
                });
            }
        }
    }

    /** The market's price 24 hours ago, from its live ticker; null when it has none. */
    private BigDecimal open24h(String symbol) {
        Optional<Object> ticker = marketData.ticker(symbol);
        if (ticker.isEmpty()) {
            return null;
        }
        JsonNode open = json.valueToTree(ticker.get()).path("open_24h");
        return open.isString() && !open.asString().isEmpty() ? new BigDecimal(open.asString()) : null;
    }

    private static String side(Side side) {
        return side.name().toLowerCase(Locale.ROOT);
    }
}
