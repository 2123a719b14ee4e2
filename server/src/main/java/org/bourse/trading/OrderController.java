package org.bourse.trading;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.validation.Valid;

import org.bourse.engine.OrderStatus;
import org.bourse.engine.RejectReason;
import org.bourse.engine.Result;
import org.bourse.engine.command.CancelOrder;
import org.bourse.engine.command.ExecuteOrder;
import org.bourse.engine.command.PlaceOrder;
import org.bourse.exchange.EngineRejections;
import org.bourse.exchange.ExchangeGateway;
import org.bourse.exchange.LiveOrders;
import org.bourse.exchange.MarketCatalog;
import org.bourse.exchange.MarketSpec;
import org.bourse.platform.ApiException;
import org.bourse.platform.AuthenticatedUser;
import org.bourse.platform.Cursor;
import org.bourse.platform.RequestContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/orders} and {@code /api/v1/fills}, as API.md's Orders section says. */
@RestController
@RequestMapping("/api/v1")
class OrderController {

    private final ExchangeGateway exchange;
    private final MarketCatalog catalog;
    private final LiveOrders live;
    private final OrderRepository orders;

    OrderController(ExchangeGateway exchange, MarketCatalog catalog, LiveOrders live, OrderRepository orders) {
        this.exchange = exchange;
        this.catalog = catalog;
        this.live = live;
        this.orders = orders;
    }

    @PostMapping("/orders")
    ResponseEntity<OrderView.OrderResponse> place(AuthenticatedUser caller, @Valid @RequestBody PlaceOrderRequest body) {
        String quote = body.quoteSymbol() == null ? "USD" : body.quoteSymbol().toUpperCase(Locale.ROOT);
        String symbol = body.cryptoSymbol().toUpperCase(Locale.ROOT) + "-" + quote;
        MarketSpec market = catalog.market(symbol).orElseThrow(
                () -> ApiException.notFound(EngineRejections.MARKET_NOT_FOUND, "There is no market " + symbol));
        PlaceOrder command = OrderCommands.place(caller.id(), market, body, RequestContext.traceId());
        Result result = exchange.execute(command);
        if (!result.accepted()) {
            throw EngineRejections.toApi(result.rejection(), market);
        }
        OrderView order = read(caller.id(), result.orderId());
        return ResponseEntity.status(result.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(respond(order));
    }

    @PostMapping("/orders/{id}/execute")
    OrderView.OrderResponse execute(AuthenticatedUser caller, @PathVariable String id) {
        long orderId = orderId(id);
        Result result = exchange.execute(new ExecuteOrder(caller.id(), orderId, RequestContext.traceId()));
        if (result.rejection() == RejectReason.ORDER_NOT_FOUND) {
            read(caller.id(), orderId); // 404 if it is not the caller's at all; else it is finished
            throw EngineRejections.toApi(RejectReason.ORDER_NOT_PENDING, null);
        }
        if (!result.accepted()) {
            throw EngineRejections.toApi(result.rejection(), null);
        }
        return respond(read(caller.id(), orderId));
    }

    @PostMapping("/orders/{id}/cancel")
    OrderView.OrderResponse cancel(AuthenticatedUser caller, @PathVariable String id) {
        long orderId = orderId(id);
        Result result = exchange.execute(new CancelOrder(caller.id(), orderId, RequestContext.traceId()));
        if (result.rejection() == RejectReason.ORDER_NOT_FOUND) {
            read(caller.id(), orderId);
            throw EngineRejections.toApi(RejectReason.ORDER_NOT_CANCELLABLE, null);
        }
        if (!result.accepted()) {
            throw EngineRejections.toApi(result.rejection(), null);
        }
        return respond(read(caller.id(), orderId));
    }

    @DeleteMapping("/orders/{id}")
    OrderView.OrderResponse delete(AuthenticatedUser caller, @PathVariable String id) {
        return cancel(caller, id);
    }

    @GetMapping("/orders/{id}")
    OrderView.OrderResponse get(AuthenticatedUser caller, @PathVariable String id) {
        return respond(read(caller.id(), orderId(id)));
    }

    @GetMapping("/orders")
    Page<OrderView.OrderResponse> list(AuthenticatedUser caller, @RequestParam(required = false) String status,
                                       @RequestParam(required = false) String symbol,
                                       @RequestParam(required = false) Instant from,
                                       @RequestParam(required = false) Instant to,
                                       @RequestParam(required = false) Integer limit,
                                       @RequestParam(required = false) String cursor) {
        int size = Cursor.limit(limit);
        OrderRepository.OrderFilter filter = new OrderRepository.OrderFilter(status(status),
                symbol == null ? null : symbol.toUpperCase(Locale.ROOT), from, to, Cursor.position(cursor), size);
        exchange.awaitReadModels(caller.id());
        List<OrderView> page = orders.list(caller.id(), filter);
        String next = page.size() == size ? Cursor.after(page.getLast().id()) : null;
        return new Page<>(page.stream().map(this::respond).toList(), next);
    }

    @GetMapping("/orders/{id}/fills")
    List<FillResponse> fillsOfOrder(AuthenticatedUser caller, @PathVariable String id) {
        long orderId = orderId(id);
        read(caller.id(), orderId);
        exchange.awaitReadModels(caller.id());
        return orders.fillsOfOrder(caller.id(), orderId).stream().map(this::fill).toList();
    }

    @GetMapping("/fills")
    Page<FillResponse> fills(AuthenticatedUser caller, @RequestParam(required = false) String symbol,
                             @RequestParam(required = false) Integer limit,
                             @RequestParam(required = false) String cursor) {
        int size = Cursor.limit(limit);
        exchange.awaitReadModels(caller.id());
        List<OrderRepository.Fill> page = orders.fills(caller.id(), symbol == null ? null : symbol.toUpperCase(Locale.ROOT),
                Cursor.position(cursor), size);
        String next = page.size() == size ? Cursor.after(page.getLast().tradeId()) : null;
        return new Page<>(page.stream().map(this::fill).toList(), next);
    }

    /** The caller's order as the engine has it now: the live copy while not yet projected, else the read model. */
    private OrderView read(long userId, long orderId) {
        Optional<OrderView> order = live.find(orderId)
                .filter(o -> o.userId() == userId)
                .map(o -> OrderView.of(o, market(o.symbol())));
        return order.or(() -> orders.find(userId, orderId)).orElseThrow(
                () -> EngineRejections.toApi(RejectReason.ORDER_NOT_FOUND, null));
    }

    private OrderView.OrderResponse respond(OrderView order) {
        return order.response(market(order.symbol()));
    }

    private FillResponse fill(OrderRepository.Fill f) {
        return FillResponse.of(f, market(f.symbol()));
    }

    private MarketSpec market(String symbol) {
        return catalog.market(symbol).orElseThrow(() -> new IllegalStateException("unknown market " + symbol));
    }

    private static long orderId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw EngineRejections.toApi(RejectReason.ORDER_NOT_FOUND, null);
        }
    }

    private static OrderStatus status(String status) {
        if (status == null) {
            return null;
        }
        try {
            return OrderStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("status",
                    "must be one of: pending, open, partially_filled, executed, cancelled, failed");
        }
    }

    /** A page of a list that can grow. */
    record Page<T>(List<T> items, String nextCursor) {
    }

    record FillResponse(String tradeId, String orderId, String symbol, String side, String price, String quantity,
                        String fee, String feeAsset, String liquidity, String executedAt, String traceId) {

        static FillResponse of(OrderRepository.Fill f, MarketSpec market) {
            return new FillResponse(Long.toString(f.tradeId()), Long.toString(f.orderId()), f.symbol(),
                    ApiText.name(f.side()), ApiText.decimal(f.price(), market.quoteScale()),
                    ApiText.decimal(f.quantity(), market.baseScale()), ApiText.decimal(f.fee(), market.quoteScale()),
                    f.feeAsset(), f.liquidity(), ApiText.time(f.executedAt()), f.traceId());
        }
    }

}
