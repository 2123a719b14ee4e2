package org.bourse.wallet;

import java.math.BigDecimal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the wallet API. */
final class WalletRequests {

    private WalletRequests() {
    }

    static final String TRANSACTION_ID = "[A-Za-z0-9._:-]+";
    static final String TRANSACTION_ID_MESSAGE = "may hold letters, digits and . _ : - only";

    /** {@code userId}: admins only, to credit someone else. */
    record DepositRequest(@NotBlank @Size(max = 16) String asset, @NotNull BigDecimal amount,
                          @NotBlank @Size(max = 64) @Pattern(regexp = TRANSACTION_ID, message = TRANSACTION_ID_MESSAGE)
                          String transactionId,
                          String userId) {
    }

    record TransferRequest(@NotBlank @Size(max = 64) @Pattern(regexp = TRANSACTION_ID, message = TRANSACTION_ID_MESSAGE)
                           String transactionId,
                           @NotBlank @Size(max = 50) String toUsername, @NotBlank @Size(max = 16) String asset,
                           @NotNull BigDecimal amount, @Size(max = 200) String memo) {
    }
}
