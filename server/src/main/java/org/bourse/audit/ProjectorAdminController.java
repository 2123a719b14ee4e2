package org.bourse.audit;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.bourse.exchange.ExchangeGateway;
import org.bourse.platform.ApiException;
import org.springframework.http.HttpStatus;
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
    StatusResponse status() {
        long engine = exchange.lastAppliedSequence();
        long projected = exchange.projectedSequence();
        return new StatusResponse(Long.toString(engine), Long.toString(projected),
                Long.toString(Math.max(0, engine - projected)), exchange.quarantinedCommands().stream()
                .map(q -> new QuarantinedResponse(Long.toString(q.sequence()), q.traceId(), q.command(), q.error(),
                        q.quarantinedAt().toString())).toList());
    }

    @PostMapping("/quarantine/{sequence}/retry")
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
