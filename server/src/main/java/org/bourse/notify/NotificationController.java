package org.bourse.notify;

import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.bourse.exchange.ExchangeGateway;
import org.bourse.platform.ApiException;
import org.bourse.platform.AuthenticatedUser;
import org.bourse.platform.Cursor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /notifications} and {@code /users/me/notification-settings}: API.md's "Accounts and notifications". */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Notifications")
final class NotificationController {

    static final String NOTIFICATION_NOT_FOUND = "NOTIFICATION_NOT_FOUND";

    private final InAppNotifications inApp;
    private final NotificationSettings settings;
    private final ExchangeGateway exchange;
    private final Clock clock;

    NotificationController(InAppNotifications inApp, NotificationSettings settings, ExchangeGateway exchange, Clock clock) {
        this.inApp = inApp;
        this.settings = settings;
        this.exchange = exchange;
        this.clock = clock;
    }

    record NotificationResponse(String id, @Schema(allowableValues = {"order_executed", "order_expired",
            "deposit_credited", "transfer_received", "new_login_ip", "price_alert", "account"}) String kind,
                                String title, String body, String createdAt,
                                @JsonInclude(JsonInclude.Include.ALWAYS) String readAt) {
    }

    record Page<T>(List<T> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {
    }

    /** Which notifications reach the user by e-mail; in-app delivery is always on. */
    record SettingsBody(Boolean orderExecuted, Boolean orderExpired, Boolean depositCredited, Boolean transferReceived,
                        Boolean newLoginIp, Boolean priceAlert) {

        static SettingsBody of(NotificationSettings.Settings s) {
            return new SettingsBody(s.orderExecuted(), s.orderExpired(), s.depositCredited(), s.transferReceived(),
                    s.newLoginIp(), s.priceAlert());
        }

        NotificationSettings.Settings over(NotificationSettings.Settings s) {
            return new NotificationSettings.Settings(or(orderExecuted, s.orderExecuted()), or(orderExpired, s.orderExpired()),
                    or(depositCredited, s.depositCredited()), or(transferReceived, s.transferReceived()),
                    or(newLoginIp, s.newLoginIp()), or(priceAlert, s.priceAlert()));
        }

        private static boolean or(Boolean value, boolean otherwise) {
            return value == null ? otherwise : value;
        }
    }

    @GetMapping("/notifications")
    @Operation(summary = "The caller's in-app notifications, newest first",
            description = "Fills, expired orders, credited deposits, received transfers, logins from a new address, "
                    + "fired price alerts and password changes. Also pushed on the private WebSocket channel notifications.")
    @ApiResponse(responseCode = "200", description = "a page of notifications")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: bad limit or cursor")
    Page<NotificationResponse> list(AuthenticatedUser caller, @RequestParam(required = false) Integer limit,
                                    @RequestParam(required = false) String cursor) {
        int size = Cursor.limit(limit);
        Long before = Cursor.position(cursor);
        exchange.awaitReadModels(); // all of them: a price alert fires on other users' trades
        List<InAppNotifications.Row> rows = inApp.page(caller.id(), before, size);
        String next = rows.size() == size ? Cursor.after(rows.getLast().id()) : null;
        return new Page<>(rows.stream().map(r -> new NotificationResponse(Long.toString(r.id()), r.kind(), r.title(),
                r.body(), r.createdAt().toString(), r.readAt() == null ? null : r.readAt().toString())).toList(), next);
    }

    @PostMapping("/notifications/{id}/read")
    @Operation(summary = "Mark a notification read")
    @ApiResponse(responseCode = "204", description = "read (also when it was read already)")
    @ApiResponse(responseCode = "404", description = "NOTIFICATION_NOT_FOUND, also for another user's")
    ResponseEntity<Void> read(AuthenticatedUser caller, @PathVariable String id) {
        long notification = parseId(id).orElseThrow(NotificationController::notFound);
        if (!inApp.markRead(caller.id(), notification, clock.instant())) {
            throw notFound();
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/users/me/notification-settings")
    @Operation(summary = "Which notifications reach the caller by e-mail (in-app delivery is always on)")
    @ApiResponse(responseCode = "200", description = "the settings; all true until changed")
    SettingsBody settings(AuthenticatedUser caller) {
        return SettingsBody.of(settings.of(caller.id()));
    }

    @PatchMapping("/users/me/notification-settings")
    @Operation(summary = "Change which notifications reach the caller by e-mail",
            description = "Send any of the six fields; those left out keep their value. Execution mails gather the "
                    + "fills of a minute into one mail.")
    @ApiResponse(responseCode = "200", description = "the settings as now stored")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: a field that is not true or false")
    SettingsBody change(AuthenticatedUser caller, @RequestBody SettingsBody body) {
        NotificationSettings.Settings changed = body.over(settings.of(caller.id()));
        settings.save(caller.id(), changed, clock.instant());
        return SettingsBody.of(changed);
    }

    static java.util.Optional<Long> parseId(String id) {
        try {
            return java.util.Optional.of(Long.parseLong(id));
        } catch (NumberFormatException notANumber) {
            return java.util.Optional.empty();
        }
    }

    private static ApiException notFound() {
        return ApiException.notFound(NOTIFICATION_NOT_FOUND, "There is no such notification");
    }
}
