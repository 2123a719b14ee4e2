package org.bourse.audit;

import java.time.Instant;
import java.util.List;

import org.bourse.platform.ApiException;
import org.bourse.platform.Cursor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** {@code GET /admin/audit}: the audit trail of order events (seed 000's Audit API; admins only, like all of /admin). */
@RestController
@RequestMapping("/api/v1/admin/audit")
class AuditTrailController {

    private final AuditTrail trail;

    AuditTrailController(AuditTrail trail) {
        this.trail = trail;
    }

    /** An order event as the audit trail received it: the integration event's fields (docs/events.md). */
    record AuditEventResponse(String id, String messageId, String eventType, long sequence, String occurredAt,
                              String traceId, String orderId, String userId, String type, String cryptoSymbol,
                              String quoteSymbol, String orderKind, String status, String quantity, String price,
                              String totalAmount, String fee, String filledQuantity, String failureReason,
                              String timestamp) {
    }

    record AuditPage(List<AuditEventResponse> items, String nextCursor) {
    }

    @GetMapping
    @Operation(summary = "The audit trail of order events, oldest first",
            description = "Every orders.created / executed / cancelled / failed event with its trace id, in the order "
                    + "the audit consumer received it (journal order), fed through the integration events "
                    + "(docs/events.md): from RabbitMQ's audit.events queue when configured, in process otherwise, so it "
                    + "may trail the orders API by a moment. Filters: order_id, user_id, from (inclusive) and to "
                    + "(exclusive) on occurred_at; paged with limit (1-1000, default 100) and cursor.")
    @ApiResponse(responseCode = "200", description = "a page of audit events")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: a malformed id, time, limit or cursor")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED: missing, invalid or expired access token")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND for callers who are not admins")
    AuditPage list(@RequestParam(name = "order_id", required = false) String orderId,
                   @RequestParam(name = "user_id", required = false) String userId,
                   @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                   @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        int size = Cursor.limit(limit);
        List<AuditTrail.Entry> entries = trail.find(new AuditTrail.Filter(id("order_id", orderId), id("user_id", userId),
                from, to, Cursor.position(cursor), size));
        String next = entries.size() == size ? Cursor.after(entries.getLast().id()) : null;
        return new AuditPage(entries.stream().map(AuditTrailController::response).toList(), next);
    }

    private static Long id(String field, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.invalidField(field, "is not an id");
        }
    }

    private static AuditEventResponse response(AuditTrail.Entry e) {
        return new AuditEventResponse(Long.toString(e.id()), e.messageId(), e.eventType(), e.sequence(),
                e.occurredAt().toString(), e.traceId(), Long.toString(e.orderId()), Long.toString(e.userId()), e.type(),
                e.cryptoSymbol(), e.quoteSymbol(), e.orderKind(), e.status(), e.quantity(), e.price(), e.totalAmount(),
                e.fee(), e.filledQuantity(), e.failureReason(), e.timestamp().toString());
    }
}
