package org.bourse.chain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.bourse.chain.WithdrawalRepository.Withdrawal;
import org.bourse.exchange.MarketCatalog;
import org.bourse.identity.TwoFactor;
import org.bourse.platform.ApiException;
import org.bourse.platform.AuthenticatedUser;
import org.bourse.platform.Cursor;
import org.bourse.platform.RequestContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /withdrawals} for users and {@code /admin/withdrawals} for administrators (API.md). */
@RestController
@RequestMapping("/api/v1")
class WithdrawalController {

    private final Withdrawals withdrawals;
    private final org.bourse.identity.EmailVerificationGate emailVerification;
    private final WithdrawalRepository repository;
    private final MarketCatalog catalog;

    private final TwoFactor twoFactor;

    WithdrawalController(Withdrawals withdrawals, WithdrawalRepository repository, MarketCatalog catalog,
                         org.bourse.identity.EmailVerificationGate emailVerification, TwoFactor twoFactor) {
        this.emailVerification = emailVerification;
        this.twoFactor = twoFactor;
        this.withdrawals = withdrawals;
        this.repository = repository;
        this.catalog = catalog;
    }

    record WithdrawalRequest(@NotBlank @Size(max = 16) String asset, @NotNull BigDecimal amount,
                             @NotBlank @Size(max = 128) String address,
                             @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+",
                                     message = "may hold letters, digits and . _ : - only") String transactionId,
                             @Size(max = 32) String otp) {
    }

    record RejectRequest(@Size(max = 200) String reason) {
    }

    record PaidRequest(@NotBlank @Size(max = 128) String reference) {
    }

    /** {@code userId} only in administrators' lists. */
    record WithdrawalResponse(String id, String userId, String transactionId, String asset, String network,
                              String amount, String fee, String address, String status, String txHash, String reason,
                              String reference, String createdAt, String updatedAt) {
    }

    record Page<T>(List<T> items, String nextCursor) {
    }

    @PostMapping("/withdrawals")
    @Operation(summary = "Request a withdrawal: amount plus fee are held at once",
            description = "ETH addresses must be in EIP-55 checksummed form. With a chain configured, ETH withdrawals "
                    + "below the auto-approval amount are approved by the exchange, larger ones by an administrator; the "
                    + "hot wallet then signs and broadcasts them and they settle after the network's confirmations. "
                    + "Other assets (and ETH without a chain) are paid by an administrator. Statuses: requested, "
                    + "approved, broadcast, confirmed, rejected, failed. Idempotent on transaction_id.")
    @ApiResponse(responseCode = "201", description = "requested; the amount and fee are held")
    @ApiResponse(responseCode = "200", description = "the same transaction_id and body again: the first answer")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED; INVALID_ADDRESS (bad format or EIP-55 checksum)")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED; with two-factor authentication on, OTP_REQUIRED (no "
            + "otp) or OTP_INVALID (not a current, unused code or an unused recovery code)")
    @ApiResponse(responseCode = "403", description = "EMAIL_NOT_VERIFIED: the e-mail address is not confirmed yet "
            + "(BOURSE_REQUIRE_VERIFIED_EMAIL)")
    @ApiResponse(responseCode = "409", description = "TRANSACTION_ID_REUSED: the transaction_id was used for something else")
    @ApiResponse(responseCode = "422", description = "INSUFFICIENT_FUNDS: available balance below amount plus fee")
    ResponseEntity<WithdrawalResponse> request(AuthenticatedUser caller, @Valid @RequestBody WithdrawalRequest body) {
        emailVerification.requireVerified(caller.id());
        if (twoFactor.enabled(caller.id())) {
            // every withdrawal, a retry with the same transaction_id too: a stolen session alone moves nothing out
            if (body.otp() == null || body.otp().isBlank()) {
                throw new ApiException(HttpStatus.UNAUTHORIZED, TwoFactor.OTP_REQUIRED,
                        "Two-factor authentication is on: a withdrawal needs otp");
            }
            if (!twoFactor.verify(caller.id(), body.otp())) {
                throw new ApiException(HttpStatus.UNAUTHORIZED, TwoFactor.OTP_INVALID, "The code is not valid");
            }
        }
        Withdrawals.Requested requested = withdrawals.request(caller.id(), body.asset().toUpperCase(Locale.ROOT),
                body.amount(), body.address().strip(), body.transactionId(), RequestContext.traceId());
        return ResponseEntity.status(requested.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(respond(requested.withdrawal(), false));
    }

    @GetMapping("/withdrawals")
    @Operation(summary = "The caller's withdrawals, newest first")
    @ApiResponse(responseCode = "200", description = "a page of withdrawals")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: bad status, limit or cursor")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    Page<WithdrawalResponse> mine(AuthenticatedUser caller, @RequestParam(required = false) String status,
                                  @RequestParam(required = false) Integer limit,
                                  @RequestParam(required = false) String cursor) {
        return page(caller.id(), status, limit, cursor, false);
    }

    @GetMapping("/withdrawals/{id}")
    @Operation(summary = "One of the caller's withdrawals")
    @ApiResponse(responseCode = "200", description = "the withdrawal")
    @ApiResponse(responseCode = "404", description = "WITHDRAWAL_NOT_FOUND (also another user's)")
    WithdrawalResponse one(AuthenticatedUser caller, @PathVariable String id) {
        Withdrawal w = withdrawals.existing(id(id));
        if (w.userId() != caller.id()) {
            throw ApiException.notFound(Withdrawals.WITHDRAWAL_NOT_FOUND, "There is no such withdrawal");
        }
        return respond(w, false);
    }

    @GetMapping("/admin/withdrawals")
    @Operation(summary = "Every user's withdrawals, newest first (admins)")
    @ApiResponse(responseCode = "200", description = "a page of withdrawals")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND for callers who are not admins")
    Page<WithdrawalResponse> all(@RequestParam(required = false) String status,
                                 @RequestParam(required = false) Integer limit,
                                 @RequestParam(required = false) String cursor) {
        return page(null, status, limit, cursor, true);
    }

    @PostMapping("/admin/withdrawals/{id}/approve")
    @Operation(summary = "Approve a requested withdrawal (admins); on a chain the hot wallet then pays it")
    @ApiResponse(responseCode = "200", description = "approved")
    @ApiResponse(responseCode = "404", description = "WITHDRAWAL_NOT_FOUND")
    @ApiResponse(responseCode = "409", description = "WITHDRAWAL_NOT_PENDING: not requested any more")
    WithdrawalResponse approve(@PathVariable String id) {
        return respond(withdrawals.approve(id(id)), true);
    }

    @PostMapping("/admin/withdrawals/{id}/reject")
    @Operation(summary = "Reject a withdrawal not yet sent (admins): the held amount and fee go back to the user")
    @ApiResponse(responseCode = "200", description = "rejected")
    @ApiResponse(responseCode = "404", description = "WITHDRAWAL_NOT_FOUND")
    @ApiResponse(responseCode = "409", description = "WITHDRAWAL_NOT_PENDING: already sent or ended")
    WithdrawalResponse reject(@PathVariable String id, @Valid @RequestBody(required = false) RejectRequest body) {
        return respond(withdrawals.reject(id(id), body == null ? null : body.reason()), true);
    }

    @PostMapping("/admin/withdrawals/{id}/paid")
    @Operation(summary = "Mark a withdrawal paid by hand, with the payment's reference (admins; no chain)",
            description = "The hold is paid out: the amount leaves the exchange and the fee goes to the fee account; "
                    + "the ledger lines carry the reference as their transaction_id.")
    @ApiResponse(responseCode = "200", description = "confirmed")
    @ApiResponse(responseCode = "404", description = "WITHDRAWAL_NOT_FOUND")
    @ApiResponse(responseCode = "409", description = "WITHDRAWAL_NOT_PENDING; WITHDRAWAL_ON_CHAIN: the hot wallet pays it")
    WithdrawalResponse paid(@PathVariable String id, @Valid @RequestBody PaidRequest body) {
        return respond(withdrawals.markPaid(id(id), body.reference().strip()), true);
    }

    private Page<WithdrawalResponse> page(Long userId, String status, Integer limit, String cursor, boolean admin) {
        int size = Cursor.limit(limit);
        String wanted = status == null ? null : status.toLowerCase(Locale.ROOT);
        if (wanted != null && !WithdrawalRepository.API_TO_STORED.containsKey(wanted)) {
            throw ApiException.invalidField("status",
                    "must be one of: requested, approved, broadcast, confirmed, rejected, failed");
        }
        List<Withdrawal> rows = repository.page(userId, wanted, Cursor.position(cursor), size);
        return new Page<>(rows.stream().map(w -> respond(w, admin)).toList(),
                rows.size() == size ? Cursor.after(rows.getLast().id()) : null);
    }

    private WithdrawalResponse respond(Withdrawal w, boolean admin) {
        int scale = catalog.assetScale(w.asset()).orElseThrow();
        boolean sent = w.status().equals("broadcast") || w.status().equals("confirmed") || w.status().equals("failed");
        return new WithdrawalResponse(Long.toString(w.id()), admin ? Long.toString(w.userId()) : null, w.transactionId(),
                w.asset(), w.network(), w.amount().setScale(scale, RoundingMode.UNNECESSARY).toPlainString(),
                w.fee().setScale(scale, RoundingMode.UNNECESSARY).toPlainString(), w.address(),
                WithdrawalRepository.apiStatus(w.status()), sent ? w.txHash() : null, w.reason(), w.reference(),
                w.createdAt().toString(), w.updatedAt().toString());
    }

    private static long id(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.notFound(Withdrawals.WITHDRAWAL_NOT_FOUND, "There is no such withdrawal");
        }
    }
}
