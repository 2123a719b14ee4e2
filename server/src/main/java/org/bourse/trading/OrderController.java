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
import org.bourse.platform.ErrorCodes;
import org.bourse.platform.RequestContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** {@code /api/v1/orders} and {@code /api/v1/fills}, as API.md's Orders section says. */
@RestController
@RequestMapping("/api/v1")
class OrderController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final java.util.regex.Pattern IDEMPOTENCY_KEY_FORMAT =
            java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,64}");

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
    @Operation(summary = "Place an order",
            description = "Re-sending the same client_order_id answers the existing order (200) instead of placing a "
                    + "second one. An Idempotency-Key header (draft-ietf-httpapi-idempotency-key-header) does the "
                    + "same: it becomes the order's client_order_id when the body has none, and the same key with a "
                    + "different order is 422 IDEMPOTENCY_KEY_REUSED. A retry sent while the first is still queued "
                    + "waits behind it and gets the same order. Each user may have at most "
                    + "bourse.exchange.max-open-orders-per-market (500) working orders (pending, open, or waiting for "
                    + "a trigger) in one market and max-open-orders (2 000) in all; orders executed at once as IOC or "
                    + "FOK need no slot.")
    @ApiResponse(responseCode = "201", description = "the order")
    @ApiResponse(responseCode = "200", description = "the order placed earlier with this client_order_id or Idempotency-Key")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED naming the field (Idempotency-Key for the header)")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    @ApiResponse(responseCode = "404", description = "MARKET_NOT_FOUND")
    @ApiResponse(responseCode = "422", description = "INSUFFICIENT_FUNDS; OPEN_ORDER_LIMIT: the caller has as many "
            + "working orders as allowed in this market or in all; IDEMPOTENCY_KEY_REUSED: the key named another order")
    @ApiResponse(responseCode = "503", description = "SERVICE_UNAVAILABLE (with Retry-After): not taken, safe to retry. "
            + "ORDER_OUTCOME_UNKNOWN: queued but not confirmed in time, it may still be placed; client_order_id in the "
            + "answer names it: send the same order with it (never without) to get that order")
    ResponseEntity<OrderView.OrderResponse> place(AuthenticatedUser caller,
                                                  @Parameter(description = "optional; letters, digits and . _ : - (1 to 64)")
                                                  @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
                                                  @Valid @RequestBody PlaceOrderRequest body) {
        String quote = body.quoteSymbol() == null ? "USD" : body.quoteSymbol().toUpperCase(Locale.ROOT);
        String symbol = body.cryptoSymbol().toUpperCase(Locale.ROOT) + "-" + quote;
        String clientOrderId = clientOrderId(idempotencyKey, body.clientOrderId());
        MarketSpec market = catalog.market(symbol).orElseThrow(
                () -> ApiException.notFound(EngineRejections.MARKET_NOT_FOUND, "There is no market " + symbol));
        PlaceOrder command = OrderCommands.place(caller.id(), market, body, clientOrderId, RequestContext.traceId());
        Result result = exchange.execute(command);
        if (!result.accepted()) {
            throw EngineRejections.toApi(result.rejection(), market);
        }
        OrderView order = read(caller.id(), result.orderId());
        if (result.replayed() && idempotencyKey != null && !samePlacement(order, command, market)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, ErrorCodes.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used for a different order");
        }
        return ResponseEntity.status(result.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(respond(order));
    }

    /**
     * The order's client_order_id: the body's, or the Idempotency-Key header's (a structured-field string, so
     * its quotes are dropped). Both may be sent only when they agree.
     */
    private static String clientOrderId(String idempotencyKey, String bodyClientOrderId) {
        if (idempotencyKey == null) {
            return bodyClientOrderId;
        }
        String key = idempotencyKey.strip();
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            key = key.substring(1, key.length() - 1);
        }
        if (!IDEMPOTENCY_KEY_FORMAT.matcher(key).matches()) {
            throw ApiException.invalidField(IDEMPOTENCY_KEY, "must be 1 to 64 letters, digits and . _ : -");
        }
        if (bodyClientOrderId != null && !bodyClientOrderId.equals(key)) {
            throw ApiException.invalidField(IDEMPOTENCY_KEY, "must equal client_order_id when both are sent");
        }
        return key;
    }

    /** Whether an existing order is the one this placement asks for (the key's payload check). */
    private static boolean samePlacement(OrderView order, PlaceOrder command, MarketSpec market) {
        boolean same = order.symbol().equals(command.market()) && order.side() == command.side()
                && order.kind() == command.kind() && order.postOnly() == command.postOnly();
        if (same && command.kind().hasLimitPrice()) {
            same = order.price() != null && order.price().compareTo(market.price(command.price())) == 0;
        }
        if (same && command.kind().isStop()) {
            same = order.stopPrice() != null && order.stopPrice().compareTo(market.price(command.stopPrice())) == 0;
        }
        if (same && command.quantity() > 0) {
            same = order.quantity().compareTo(market.quantity(command.quantity())) == 0;
        }
        return same;
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
