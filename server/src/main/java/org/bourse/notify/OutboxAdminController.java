package org.bourse.notify;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.bourse.platform.Cursor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code GET /admin/outbox} (role admin only: the access filter answers others 404): the mails, sent or not. */
@RestController
@Tag(name = "Admin")
final class OutboxAdminController {

    private final Outbox outbox;

    OutboxAdminController(Outbox outbox) {
        this.outbox = outbox;
    }

    record OutboxMail(String id, String to, String subject, String text,
                      @Schema(allowableValues = {"queued", "sending", "sent", "failed", "kept"},
                              description = "kept: no SMTP server is configured (BOURSE_SMTP_URL), the mail is only here")
                      String status, int attempts,
                      @JsonInclude(JsonInclude.Include.ALWAYS) String lastError, String createdAt,
                      @JsonInclude(JsonInclude.Include.ALWAYS) String sentAt) {
    }

    record Page(List<OutboxMail> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {
    }

    @GetMapping("/api/v1/admin/outbox")
    @Operation(summary = "The e-mails queued, sent, failed or kept, newest first",
            description = "Without an SMTP server (BOURSE_SMTP_URL unset) every mail is kept here instead of sent. "
                    + "A mail that failed every attempt is failed, with the last error.")
    @ApiResponse(responseCode = "200", description = "a page of mails")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND for callers who are not admins")
    Page list(@RequestParam(required = false) String to, @RequestParam(required = false) Integer limit,
              @RequestParam(required = false) String cursor) {
        int size = Cursor.limit(limit);
        List<Outbox.Row> rows = outbox.page(to == null || to.isBlank() ? null : to.trim(), Cursor.position(cursor), size);
        String next = rows.size() == size ? Cursor.after(rows.getLast().id()) : null;
        return new Page(rows.stream().map(r -> new OutboxMail(Long.toString(r.id()), r.recipient(), r.subject(), r.text(),
                r.status().toLowerCase(Locale.ROOT), r.attempts(), r.lastError(), r.createdAt().toString(),
                r.sentAt() == null ? null : r.sentAt().toString())).toList(), next);
    }
}
