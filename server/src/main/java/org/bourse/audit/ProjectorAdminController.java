package org.bourse.audit;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.bourse.exchange.ExchangeGateway;
import org.bourse.platform.ApiException;
import org.springframework.http.HttpStatus;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/projector}: how far the read models are behind the engine, and the commands they set aside
 * (quarantined) because each failed alone on a healthy database. {@code POST
 * /admin/projector/quarantine/{sequence}/retry} tries one again once its cause is fixed.
 */
@RestController
@RequestMapping("/api/v1/admin/projector")
class ProjectorAdminController {

    static final String QUARANTINE_NOT_FOUND = "QUARANTINE_NOT_FOUND";
    static final String RETRY_FAILED = "RETRY_FAILED";
    static final String RETRY_AT_RESTART = "RETRY_AT_RESTART";

    private final ExchangeGateway exchange;

    ProjectorAdminController(ExchangeGateway exchange) {
        this.exchange = exchange;
    }

    record QuarantinedResponse(String sequence, String traceId, String command, String error, String quarantinedAt) {
    }

    record StatusResponse(String engineSequence, String projectedSequence, String lag,
                          List<QuarantinedResponse> quarantined) {
    }

    record RetryResponse(String sequence, String status) {
    }

    @GetMapping
    @Operation(summary = "The read models' position and the commands they set aside",
            description = "engine_sequence is the last command the engine applied, projected_sequence the last one "
                    + "the read models hold; quarantined lists, oldest first, the commands that failed alone on a "
                    + "healthy database (their effects are missing from the read models until written).")
    @ApiResponse(responseCode = "200", description = "the projector's status")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED: missing, invalid or expired access token")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND for callers who are not admins")
    StatusResponse status() {
        long engine = exchange.lastAppliedSequence();
        long projected = exchange.projectedSequence();
        return new StatusResponse(Long.toString(engine), Long.toString(projected),
                Long.toString(Math.max(0, engine - projected)), exchange.quarantinedCommands().stream()
                .map(q -> new QuarantinedResponse(Long.toString(q.sequence()), q.traceId(), q.command(), q.error(),
                        q.quarantinedAt().toString())).toList());
    }

    @PostMapping("/quarantine/{sequence}/retry")
    @Operation(summary = "Write a quarantined command now",
            description = "After whatever made it fail was fixed. A command quarantined by an earlier run of the "
                    + "server is tried at the next start instead.")
    @ApiResponse(responseCode = "200", description = "written: the read models hold it now")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED: missing, invalid or expired access token")
    @ApiResponse(responseCode = "404", description = "QUARANTINE_NOT_FOUND; NOT_FOUND for callers who are not admins")
    @ApiResponse(responseCode = "409", description = "RETRY_FAILED: it failed again and stays quarantined; "
            + "RETRY_AT_RESTART: quarantined by an earlier run, tried at the next start")
    RetryResponse retry(@PathVariable long sequence) {
        Optional<String> failure;
        try {
            failure = exchange.retryQuarantined(sequence);
        } catch (NoSuchElementException e) {
            throw ApiException.notFound(QUARANTINE_NOT_FOUND, "No command with sequence " + sequence + " is quarantined");
        } catch (IllegalStateException e) {
            throw new ApiException(HttpStatus.CONFLICT, RETRY_AT_RESTART, "Command " + sequence + " was quarantined by"
                    + " an earlier run of the server; it is tried again at the next start");
        }
        if (failure.isPresent()) {
            throw new ApiException(HttpStatus.CONFLICT, RETRY_FAILED, "Command " + sequence + " failed again and stays"
                    + " quarantined; GET /api/v1/admin/projector says why");
        }
        return new RetryResponse(Long.toString(sequence), "written");
    }
}
