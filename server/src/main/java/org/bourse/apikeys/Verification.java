package org.bourse.apikeys;

/** The answer to a {@link SignedRequest}: whose it is, or why it is refused. */
public sealed interface Verification {

    /** The request is the key owner's, and the key may do what it asks. */
    record Accepted(long userId, long keyId) implements Verification {
    }

    /**
     * @param retryAfterMillis for {@link Refusal#RATE_LIMITED}, how long until the key may send again; else 0
     */
    record Refused(Refusal reason, long retryAfterMillis) implements Verification {
    }

    /**
     * Why a request was refused. The reasons that concern the key itself ({@link #KEY_REJECTED}) are one, so a
     * caller cannot tell an unknown key from a revoked one, a missing permission or an address outside the
     * allowlist; the server's log names the precise reason.
     */
    enum Refusal {
        /** No key, a key that is not 64 letters and digits, no signature, a timestamp or recvWindow that is not a number. */
        MALFORMED,
        /** Unknown or revoked key, a permission the key lacks, or an address outside its allowlist. */
        KEY_REJECTED,
        /** The signature is not the key's over this request. */
        SIGNATURE_INVALID,
        /** The timestamp is more than recvWindow old, or more than a second ahead of the server. */
        OUTSIDE_RECV_WINDOW,
        /** This very signature was already used: a replay. Sign again with a new timestamp. */
        REPLAYED,
        /** The key sent more than its rate allows. */
        RATE_LIMITED
    }
}
