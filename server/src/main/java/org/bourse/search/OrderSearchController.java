package org.bourse.search;

import java.util.List;

import org.bourse.exchange.MarketCatalog;
import org.bourse.identity.UserDirectory;
import org.bourse.platform.ApiException;
import org.bourse.platform.AuthenticatedUser;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** API.md's "Order search": {@code GET /orders/search} (own orders) and {@code GET /admin/orders/search} (everyone's). */
@RestController
@RequestMapping("/api/v1")
class OrderSearchController {

    private static final String FILTERS = "Filters combine with AND; status may be repeated (or comma-separated) and"
            + " matches any of them. Prices, quantities and totals are inclusive bounds in the market's quote (price,"
            + " total) or base (quantity) asset; from/to and executed_from/executed_to bound created_at and executed_at,"
            + " from inclusive, to exclusive. q matches the start of client_order_id, trace_id or the order id. sort is"
            + " created_at, executed_at, price, quantity or total_amount, '-' before it for descending (default"
            + " -created_at); ties are ordered by id the same way, and orders without an executed_at (not executed) or"
            + " a price come first ascending, last descending. Paging by cursor (limit 1..1000, default 100) is keyset"
            + " paging: orders placed meanwhile never shift the pages. total and facets count the whole result, not"
            + " the page. An answer may come from a cache, but never one older than the caller's own last change:"
            + " after POST /orders/{id}/cancel answers, the order shows as cancelled here.";

    private final OrderSearch search;
    private final MarketCatalog catalog;
    private final UserDirectory users;

    OrderSearchController(OrderSearch search, MarketCatalog catalog, UserDirectory users) {
        this.search = search;
        this.catalog = catalog;
        this.users = users;
    }

    @GetMapping(path = "/orders/search", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Search own orders", description = FILTERS)
    @ApiResponse(responseCode = "200", description = "{items, next_cursor, total, facets: {status, symbol, type}}",
            content = @Content(schema = @Schema(implementation = SearchResultDocument.class)))
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED with one errors row per bad parameter: an "
            + "unknown status, type, order_kind or symbol, a bad decimal or time, a min above its max, an unknown sort, "
            + "a cursor not returned for this sort, a limit outside 1..1000")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    ResponseEntity<String> own(AuthenticatedUser caller, @Parameter(description = "repeatable") @RequestParam(required = false) List<String> status,
                               @RequestParam(required = false) String type,
                               @RequestParam(name = "order_kind", required = false) String orderKind,
                               @RequestParam(required = false) String symbol,
                               @RequestParam(name = "min_price", required = false) String minPrice,
                               @RequestParam(name = "max_price", required = false) String maxPrice,
                               @RequestParam(name = "min_quantity", required = false) String minQuantity,
                               @RequestParam(name = "max_quantity", required = false) String maxQuantity,
                               @RequestParam(name = "min_total", required = false) String minTotal,
                               @RequestParam(name = "max_total", required = false) String maxTotal,
                               @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                               @RequestParam(name = "executed_from", required = false) String executedFrom,
                               @RequestParam(name = "executed_to", required = false) String executedTo,
                               @RequestParam(required = false) String q, @RequestParam(required = false) String sort,
                               @RequestParam(required = false) String limit,
                               @RequestParam(required = false) String cursor) {
        SearchRequest request = new SearchRequest(status, type, orderKind, symbol, minPrice, maxPrice, minQuantity,
                maxQuantity, minTotal, maxTotal, from, to, executedFrom, executedTo, q, sort, limit(limit), cursor);
        return json(search.search(request.toQuery(caller.id(), catalog)));
    }

    @GetMapping(path = "/admin/orders/search", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Search every user's orders (admin)", description = "As GET /orders/search, over every "
            + "user, narrowed to one with user_id or username (an unknown one finds nothing). " + FILTERS)
    @ApiResponse(responseCode = "200", description = "{items, next_cursor, total, facets: {status, symbol, type}}",
            content = @Content(schema = @Schema(implementation = SearchResultDocument.class)))
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED naming the parameter, as for GET /orders/search;"
            + " also a user_id that is not a number")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: not an admin (as if the route did not exist)")
    ResponseEntity<String> all(@RequestParam(name = "user_id", required = false) String userId,
                               @RequestParam(required = false) String username,
                               @RequestParam(required = false) List<String> status,
                               @RequestParam(required = false) String type,
                               @RequestParam(name = "order_kind", required = false) String orderKind,
                               @RequestParam(required = false) String symbol,
                               @RequestParam(name = "min_price", required = false) String minPrice,
                               @RequestParam(name = "max_price", required = false) String maxPrice,
                               @RequestParam(name = "min_quantity", required = false) String minQuantity,
                               @RequestParam(name = "max_quantity", required = false) String maxQuantity,
                               @RequestParam(name = "min_total", required = false) String minTotal,
                               @RequestParam(name = "max_total", required = false) String maxTotal,
                               @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                               @RequestParam(name = "executed_from", required = false) String executedFrom,
                               @RequestParam(name = "executed_to", required = false) String executedTo,
                               @RequestParam(required = false) String q, @RequestParam(required = false) String sort,
                               @RequestParam(required = false) String limit,
                               @RequestParam(required = false) String cursor) {
        SearchRequest request = new SearchRequest(status, type, orderKind, symbol, minPrice, maxPrice, minQuantity,
                maxQuantity, minTotal, maxTotal, from, to, executedFrom, executedTo, q, sort, limit(limit), cursor);
        Long owner = owner(userId, username);
        SearchQuery query = request.toQuery(owner, catalog);
        if (owner != null && owner < 0) {
            return json(search.nothing(query));
        }
        return json(search.search(query));
    }

    /** @return the user to narrow to, null for everyone, -1 for one that does not exist (nothing matches) */
    private Long owner(String userId, String username) {
        Long byId = null;
        if (userId != null && !userId.isBlank()) {
            try {
                byId = Long.parseLong(userId.strip());
            } catch (NumberFormatException e) {
                throw ApiException.invalidField("user_id", "must be a user id (a number)");
            }
        }
        if (username == null || username.isBlank()) {
            return byId;
        }
        Long byName = users.findByUsername(username.strip()).map(u -> u.id()).orElse(-1L);
        return byId == null || byId.equals(byName) ? byName : Long.valueOf(-1L);
    }

    private static Integer limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(limit.strip());
        } catch (NumberFormatException e) {
            return limit.strip().matches("-?\\d+") ? (limit.strip().startsWith("-") ? -1 : Integer.MAX_VALUE) : -1;
        }
    }

    private static ResponseEntity<String> json(String body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /** The shape of a search's answer, for the OpenAPI description only (the body is written as JSON text). */
    @Schema(name = "OrderSearchResult")
    record SearchResultDocument(@Schema(description = "the page: orders as GET /orders/{id} answers them") List<Object> items,
                                @Schema(description = "null on the last page", nullable = true) String nextCursor,
                                @Schema(description = "orders matching, all pages") long total,
                                @Schema(description = "status, symbol and type, each a map value -> count of the whole result")
                                java.util.Map<String, java.util.Map<String, Long>> facets) {
    }
}
