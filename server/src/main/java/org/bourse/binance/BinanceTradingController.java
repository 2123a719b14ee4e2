package org.bourse.binance;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.bourse.engine.OrderKind;
import org.bourse.engine.OrderStatus;
import org.bourse.engine.RejectReason;
import org.bourse.engine.Result;
import org.bourse.engine.Side;
import org.bourse.engine.TimeInForce;
import org.bourse.engine.command.CancelOrder;
import org.bourse.engine.command.PlaceOrder;
import org.bourse.exchange.Amounts;
import org.bourse.exchange.EngineRejections;
import org.bourse.exchange.ExchangeGateway;
import org.bourse.exchange.LiveBalances;
import org.bourse.exchange.MarketCatalog;
import org.bourse.exchange.MarketSpec;
import org.bourse.platform.RequestContext;
import org.bourse.trading.OrderHistory;
import org.bourse.trading.OrderView;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Binance's signed account and order calls. Orders go to the engine exactly as {@code POST /api/v1/orders} sends
 * them (durable before the answer, the same rules and refusals); reads come from the trading module's
 * {@link OrderHistory}. Every handler acts for the {@link SignedCaller} the filter verified, and only for it.
 */
@RestController
@Tag(name = "Binance-compatible")
class BinanceTradingController {

    private static final Pattern CLIENT_ORDER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final ExchangeGateway exchange;
    private final MarketCatalog catalog;
    private final LiveBalances balances;
    private final OrderHistory history;
    private final BinanceSymbols symbols;
    private final Clock clock;

    BinanceTradingController(ExchangeGateway exchange, MarketCatalog catalog, LiveBalances balances,
                             OrderHistory history, BinanceSymbols symbols, Clock clock) {
        this.exchange = exchange;
        this.catalog = catalog;
        this.balances = balances;
        this.history = history;
        this.symbols = symbols;
        this.clock = clock;
    }

    @GetMapping("/api/v3/account")
    @Operation(summary = "Binance (signed, read): balances of every asset, free and locked")
    Map<String, Object> account(HttpServletRequest request) {
        SignedCaller caller = SignedCaller.of(request);
        List<Map<String, Object>> rows = new ArrayList<>();
        catalog.markets().stream().flatMap(m -> Stream.of(m.baseAsset(), m.quoteAsset())).distinct().sorted()
                .forEach(asset -> {
                    int scale = catalog.assetScale(asset).orElseThrow();
                    LiveBalances.Balance b = balances.of(caller.userId(), asset);
                    rows.add(Map.of("asset", asset, "free", Amounts.decimal(b.available(), scale).toPlainString(),
                            "locked", Amounts.decimal(b.held(), scale).toPlainString()));
                });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("makerCommission", 0);
        out.put("takerCommission", 0);
        out.put("buyerCommission", 0);
        out.put("sellerCommission", 0);
        out.put("canTrade", true);
        out.put("canWithdraw", false);
        out.put("canDeposit", false);
        out.put("brokered", false);
        out.put("requireSelfTradePrevention", false);
        out.put("preventSor", false);
        out.put("updateTime", clock.millis());
        out.put("accountType", "SPOT");
        out.put("balances", rows);
        out.put("permissions", List.of("SPOT"));
        out.put("uid", caller.userId());
        return out;
    }

    @PostMapping("/api/v3/order")
    @Operation(summary = "Binance (signed, trade): place an order",
            description = "type LIMIT (timeInForce GTC, IOC or FOK), LIMIT_MAKER, MARKET (quantity, or quoteOrderQty "
                    + "for a buy), STOP_LOSS, STOP_LOSS_LIMIT. newClientOrderId makes a retry answer the same order. "
                    + "newOrderRespType ACK, RESULT or FULL (the default; FULL lists the fills).")
    Map<String, Object> place(HttpServletRequest request, @RequestParam(required = false) String symbol,
                              @RequestParam(required = false) String side, @RequestParam(required = false) String type,
                              @RequestParam(required = false) String timeInForce,
                              @RequestParam(required = false) String quantity,
                              @RequestParam(required = false) String quoteOrderQty,
                              @RequestParam(required = false) String price,
                              @RequestParam(required = false) String stopPrice,
                              @RequestParam(required = false) String newClientOrderId,
                              @RequestParam(required = false) String newOrderRespType) {
        SignedCaller caller = SignedCaller.of(request);
        MarketSpec market = symbols.market(symbol);
        PlaceOrder command = command(caller.userId(), market, side, type, timeInForce, quantity, quoteOrderQty, price,
                stopPrice, newClientOrderId);
        String responseType = newOrderRespType == null ? "FULL" : newOrderRespType.toUpperCase(Locale.ROOT);
        if (!List.of("ACK", "RESULT", "FULL").contains(responseType)) {
            throw BinanceException.invalid("newOrderRespType", "must be ACK, RESULT or FULL");
        }
        Result result = exchange.execute(command);
        if (!result.accepted()) {
            throw EngineRejections.toApi(result.rejection(), market);
        }
        OrderView order = history.order(caller.userId(), result.orderId())
                .orElseThrow(() -> new IllegalStateException("order " + result.orderId() + " accepted but not found"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("symbol", BinanceSymbols.of(market));
        out.put("orderId", order.id());
        out.put("orderListId", -1);
        out.put("clientOrderId", clientOrderId(order));
        out.put("transactTime", order.createdAt().toEpochMilli());
        if (responseType.equals("ACK")) {
            return out;
        }
        Map<String, Object> full = renderOne(caller.userId(), order, market);
        full.keySet().removeAll(List.of("stopPrice", "icebergQty", "time", "updateTime", "isWorking",
                "origQuoteOrderQty"));
        out.putAll(full);
        if (responseType.equals("FULL")) {
            out.put("fills", history.fillsOfOrder(caller.userId(), order.id()).stream().map(f -> Map.of(
                    "price", scaled(f.price(), market.quoteScale()), "qty", scaled(f.quantity(), market.baseScale()),
                    "commission", scaled(f.fee(), market.quoteScale()), "commissionAsset", f.feeAsset(),
                    "tradeId", f.tradeId())).toList());
        }
        return out;
    }

    private static PlaceOrder command(long userId, MarketSpec market, String side, String type, String timeInForce,
                                      String quantity, String quoteOrderQty, String price, String stopPrice,
                                      String newClientOrderId) {
        Side orderSide = switch (required("side", side).toUpperCase(Locale.ROOT)) {
            case "BUY" -> Side.BUY;
            case "SELL" -> Side.SELL;
            default -> throw BinanceException.invalid("side", "must be BUY or SELL");
        };
        String orderType = required("type", type).toUpperCase(Locale.ROOT);
        OrderKind kind = switch (orderType) {
            case "LIMIT", "LIMIT_MAKER" -> OrderKind.LIMIT;
            case "MARKET" -> OrderKind.MARKET;
            case "STOP_LOSS" -> OrderKind.STOP_MARKET;
            case "STOP_LOSS_LIMIT" -> OrderKind.STOP_LIMIT;
            default -> throw new BinanceException(new BinanceError(-1116, "Invalid orderType."));
        };
        boolean postOnly = orderType.equals("LIMIT_MAKER");
        TimeInForce tif = null;
        if (kind.hasLimitPrice() && !postOnly) {
            tif = switch (required("timeInForce", timeInForce).toUpperCase(Locale.ROOT)) {
                case "GTC" -> TimeInForce.GTC;
                case "IOC" -> TimeInForce.IOC;
                case "FOK" -> TimeInForce.FOK;
                default -> throw new BinanceException(new BinanceError(-1115, "Invalid timeInForce."));
            };
        }
        BigDecimal qty = BinanceParameters.decimal("quantity", quantity);
        BigDecimal quote = BinanceParameters.decimal("quoteOrderQty", quoteOrderQty);
        long quantityMinor = 0;
        long quoteBudget = 0;
        if (quote != null) {
            if (kind != OrderKind.MARKET || orderSide != Side.BUY || qty != null) {
                throw BinanceException.invalid("quoteOrderQty", "is only for MARKET buys, without quantity");
            }
            quoteBudget = Amounts.positive("quote_amount", quote, market.quoteScale());
        } else {
            quantityMinor = Amounts.positive("quantity", requiredDecimal("quantity", qty), market.baseScale());
        }
        long priceMinor = kind.hasLimitPrice()
                ? Amounts.positive("price", requiredDecimal("price", BinanceParameters.decimal("price", price)),
                market.quoteScale()) : 0;
        long stopMinor = kind.isStop()
                ? Amounts.positive("stop_price", requiredDecimal("stopPrice",
                BinanceParameters.decimal("stopPrice", stopPrice)), market.quoteScale()) : 0;
        if (newClientOrderId != null && !CLIENT_ORDER_ID.matcher(newClientOrderId).matches()) {
            throw BinanceException.invalid("newClientOrderId", "may hold 1 to 64 letters, digits and . _ : -");
        }
        return new PlaceOrder(userId, newClientOrderId, market.symbol(), orderSide, kind, tif, postOnly, priceMinor,
                stopMinor, quantityMinor, quoteBudget, true, RequestContext.traceId());
    }

    @GetMapping("/api/v3/order")
    @Operation(summary = "Binance (signed, read): one order, by orderId or origClientOrderId")
    Map<String, Object> order(HttpServletRequest request, @RequestParam(required = false) String symbol,
                              @RequestParam(required = false) String orderId,
                              @RequestParam(required = false) String origClientOrderId) {
        SignedCaller caller = SignedCaller.of(request);
        MarketSpec market = symbols.market(symbol);
        OrderView order = find(caller.userId(), market, orderId, origClientOrderId)
                .orElseThrow(() -> new BinanceException(BinanceError.NO_SUCH_ORDER));
        return renderOne(caller.userId(), order, market);
    }

    @DeleteMapping("/api/v3/order")
    @Operation(summary = "Binance (signed, trade): cancel an order, by orderId or origClientOrderId")
    Map<String, Object> cancel(HttpServletRequest request, @RequestParam(required = false) String symbol,
                               @RequestParam(required = false) String orderId,
                               @RequestParam(required = false) String origClientOrderId) {
        SignedCaller caller = SignedCaller.of(request);
        MarketSpec market = symbols.market(symbol);
        OrderView order = find(caller.userId(), market, orderId, origClientOrderId)
                .orElseThrow(() -> new BinanceException(BinanceError.CANCEL_REJECTED));
        return cancelled(caller.userId(), order, market);
    }

    @DeleteMapping("/api/v3/openOrders")
    @Operation(summary = "Binance (signed, trade): cancel every working order of the caller in a market")
    List<Map<String, Object>> cancelAll(HttpServletRequest request, @RequestParam(required = false) String symbol) {
        SignedCaller caller = SignedCaller.of(request);
        MarketSpec market = symbols.market(symbol);
        List<Map<String, Object>> out = new ArrayList<>();
        for (OrderView order : history.workingOrders(caller.userId(), market.symbol(), 1000)) {
            out.add(cancelled(caller.userId(), order, market));
        }
        return out;
    }

    private Map<String, Object> cancelled(long userId, OrderView order, MarketSpec market) {
        Result result = exchange.execute(new CancelOrder(userId, order.id(), RequestContext.traceId()));
        if (result.rejection() == RejectReason.ORDER_NOT_FOUND || result.rejection() == RejectReason.ORDER_NOT_CANCELLABLE) {
            throw new BinanceException(BinanceError.CANCEL_REJECTED);
        }
        if (!result.accepted()) {
            throw EngineRejections.toApi(result.rejection(), market);
        }
        OrderView now = history.order(userId, order.id()).orElse(order);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("symbol", BinanceSymbols.of(market));
        out.put("origClientOrderId", clientOrderId(now));
        out.putAll(renderOne(userId, now, market));
        return out;
    }

    @GetMapping("/api/v3/openOrders")
    @Operation(summary = "Binance (signed, read): the caller's working orders, in one market or all")
    List<Map<String, Object>> openOrders(HttpServletRequest request, @RequestParam(required = false) String symbol) {
        SignedCaller caller = SignedCaller.of(request);
        MarketSpec only = symbol == null ? null : symbols.market(symbol);
        return history.workingOrders(caller.userId(), only == null ? null : only.symbol(), 1000).stream()
                .map(o -> render(o, market(o.symbol()))).toList();
    }

    @GetMapping("/api/v3/allOrders")
    @Operation(summary = "Binance (signed, read): the caller's newest orders in a market, oldest first",
            description = "limit 1..1000 (default 500); orderId, startTime and endTime narrow the newest limit orders")
    List<Map<String, Object>> allOrders(HttpServletRequest request, @RequestParam(required = false) String symbol,
                                        @RequestParam(required = false) String orderId,
                                        @RequestParam(required = false) String startTime,
                                        @RequestParam(required = false) String endTime,
                                        @RequestParam(required = false) String limit) {
        SignedCaller caller = SignedCaller.of(request);
        MarketSpec market = symbols.market(symbol);
        Long fromId = BinanceParameters.optionalLong("orderId", orderId);
        Long start = BinanceParameters.optionalLong("startTime", startTime);
        Long end = BinanceParameters.optionalLong("endTime", endTime);
        List<OrderView> newestFirst = history.orders(caller.userId(), market.symbol(),
                BinanceParameters.limit(limit, 500, 1000));
        return newestFirst.reversed().stream()
                .filter(o -> fromId == null || o.id() >= fromId)
                .filter(o -> start == null || o.createdAt().toEpochMilli() >= start)
                .filter(o -> end == null || o.createdAt().toEpochMilli() <= end)
                .map(o -> render(o, market)).toList();
    }

    @GetMapping("/api/v3/myTrades")
    @Operation(summary = "Binance (signed, read): the caller's newest fills in a market, oldest first",
            description = "limit 1..1000 (default 500); orderId keeps that order's fills only")
    List<Map<String, Object>> myTrades(HttpServletRequest request, @RequestParam(required = false) String symbol,
                                       @RequestParam(required = false) String orderId,
                                       @RequestParam(required = false) String startTime,
                                       @RequestParam(required = false) String endTime,
                                       @RequestParam(required = false) String limit) {
        SignedCaller caller = SignedCaller.of(request);
        MarketSpec market = symbols.market(symbol);
        Long onlyOrder = BinanceParameters.optionalLong("orderId", orderId);
        Long start = BinanceParameters.optionalLong("startTime", startTime);
        Long end = BinanceParameters.optionalLong("endTime", endTime);
        List<OrderHistory.OwnFill> fills = onlyOrder != null ? history.fillsOfOrder(caller.userId(), onlyOrder)
                : history.fills(caller.userId(), market.symbol(), BinanceParameters.limit(limit, 500, 1000)).reversed();
        return fills.stream()
                .filter(f -> f.symbol().equals(market.symbol()))
                .filter(f -> start == null || f.executedAt().toEpochMilli() >= start)
                .filter(f -> end == null || f.executedAt().toEpochMilli() <= end)
                .map(f -> {
                    Map<String, Object> trade = new LinkedHashMap<>();
                    trade.put("symbol", BinanceSymbols.of(market));
                    trade.put("id", f.tradeId());
                    trade.put("orderId", f.orderId());
                    trade.put("orderListId", -1);
                    trade.put("price", scaled(f.price(), market.quoteScale()));
                    trade.put("qty", scaled(f.quantity(), market.baseScale()));
                    trade.put("quoteQty", plain(f.price().multiply(f.quantity())));
                    trade.put("commission", scaled(f.fee(), market.quoteScale()));
                    trade.put("commissionAsset", f.feeAsset());
                    trade.put("time", f.executedAt().toEpochMilli());
                    trade.put("isBuyer", f.side() == Side.BUY);
                    trade.put("isMaker", f.maker());
                    trade.put("isBestMatch", true);
                    return trade;
                }).toList();
    }

    private Optional<OrderView> find(long userId, MarketSpec market, String orderId, String origClientOrderId) {
        Optional<OrderView> found;
        if (orderId != null) {
            Long id = BinanceParameters.optionalLong("orderId", orderId);
            found = history.order(userId, id);
        } else if (origClientOrderId != null) {
            found = history.orders(userId, market.symbol(), 1000).stream()
                    .filter(o -> origClientOrderId.equals(o.clientOrderId())).findFirst();
        } else {
            throw BinanceException.missing("orderId");
        }
        return found.filter(o -> o.symbol().equals(market.symbol()));
    }

    private MarketSpec market(String symbol) {
        return catalog.market(symbol).orElseThrow(() -> new IllegalStateException("unknown market " + symbol));
    }

    /** An order in Binance's words (GET /api/v3/order's fields). */
    static Map<String, Object> render(OrderView o, MarketSpec market) {
        BigDecimal estimate = o.averagePrice() == null ? BigDecimal.ZERO : o.averagePrice().multiply(o.filledQuantity());
        return render(o, market, estimate);
    }

    /** One order with its fills' exact value, which lists (rendered from the average price) only approximate. */
    private Map<String, Object> renderOne(long userId, OrderView o, MarketSpec market) {
        BigDecimal value = BigDecimal.ZERO;
        if (o.filledQuantity().signum() > 0) {
            for (OrderHistory.OwnFill f : history.fillsOfOrder(userId, o.id())) {
                value = value.add(f.price().multiply(f.quantity()));
            }
        }
        return render(o, market, value);
    }

    /** @param quoteFilled the value of the fills in the quote asset, price times quantity summed */
    static Map<String, Object> render(OrderView o, MarketSpec market, BigDecimal quoteFilled) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("symbol", BinanceSymbols.of(market));
        out.put("orderId", o.id());
        out.put("orderListId", -1);
        out.put("clientOrderId", clientOrderId(o));
        out.put("price", o.kind().hasLimitPrice() && o.price() != null ? scaled(o.price(), market.quoteScale())
                : zero(market));
        out.put("origQty", scaled(o.quantity(), market.baseScale()));
        out.put("executedQty", scaled(o.filledQuantity(), market.baseScale()));
        // not rounded to the quote asset's places: clients divide it by executedQty to get the average price
        out.put("cummulativeQuoteQty", quoteFilled.signum() == 0 ? zero(market) : plain(quoteFilled));
        out.put("status", status(o));
        out.put("timeInForce", o.timeInForce() == null ? "GTC" : o.timeInForce().toUpperCase(Locale.ROOT));
        out.put("type", type(o));
        out.put("side", o.side().name());
        out.put("stopPrice", o.stopPrice() == null ? zero(market) : scaled(o.stopPrice(), market.quoteScale()));
        out.put("icebergQty", "0");
        out.put("time", o.createdAt().toEpochMilli());
        out.put("updateTime", o.updatedAt().toEpochMilli());
        out.put("isWorking", o.status() == OrderStatus.OPEN || o.status() == OrderStatus.PARTIALLY_FILLED);
        out.put("workingTime", o.createdAt().toEpochMilli());
        out.put("origQuoteOrderQty", "0");
        out.put("selfTradePreventionMode", "NONE");
        return out;
    }

    private static String status(OrderView o) {
        return switch (o.status()) {
            case PENDING -> "PENDING_NEW";
            case OPEN -> "NEW";
            case PARTIALLY_FILLED -> "PARTIALLY_FILLED";
            case EXECUTED -> "FILLED";
            // what time in force or a market order's protection cancelled, Binance calls expired
            case CANCELLED -> o.kind() == OrderKind.MARKET || "ioc".equals(o.timeInForce()) || "fok".equals(o.timeInForce())
                    ? "EXPIRED" : "CANCELED";
            case FAILED -> "REJECTED";
        };
    }

    private static String type(OrderView o) {
        return switch (o.kind()) {
            case LIMIT -> o.postOnly() ? "LIMIT_MAKER" : "LIMIT";
            case MARKET -> "MARKET";
            case STOP_MARKET -> "STOP_LOSS";
            case STOP_LIMIT -> "STOP_LOSS_LIMIT";
        };
    }

    private static String clientOrderId(OrderView o) {
        return o.clientOrderId() == null ? "bourse-" + o.id() : o.clientOrderId();
    }

    /** A decimal in the asset's places, whether it came from the engine or (with more places) the database. */
    private static String scaled(BigDecimal value, int scale) {
        return value.setScale(scale, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    /** A decimal without the database's trailing zeros. */
    private static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    private static String zero(MarketSpec market) {
        return BigDecimal.ZERO.setScale(market.quoteScale()).toPlainString();
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw BinanceException.missing(name);
        }
        return value.strip();
    }

    private static BigDecimal requiredDecimal(String name, BigDecimal value) {
        if (value == null) {
            throw BinanceException.missing(name);
        }
        return value;
    }
}
