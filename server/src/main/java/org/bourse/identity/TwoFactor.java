package org.bourse.identity;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.bourse.platform.SecretSeal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Two-factor authentication with TOTP (RFC 6238). Enrolment gives an otpauth URI; the first good code enables
 * it and hands out ten single-use recovery codes, shown once. Each code works once: a step whose code was taken
 * is never taken again, so a code seen over a shoulder or in a log is worthless. Other modules ask
 * {@link #enabled} and {@link #verify} (creating a key that may withdraw, withdrawing).
 */
@Service
public class TwoFactor {

    private static final Logger log = LoggerFactory.getLogger(TwoFactor.class);
    /** 401: two-factor authentication is on and the request carried no code. */
    public static final String OTP_REQUIRED = "OTP_REQUIRED";
    /** 401: the code is not the current one, was used already, or is not an unused recovery code. */
    public static final String OTP_INVALID = "OTP_INVALID";
    static final String ISSUER = "Bourse";
    private static final int SEED_BYTES = 20; // 160 bits, as RFC 4226 recommends for HMAC-SHA1
    private static final int RECOVERY_CODES = 10;

    /** An enrolment waiting for its first code. */
    record Pending(String otpauthUri, String secret) {
    }

    private final TwoFactorRepository enrolments;
    private final SecretSeal seal;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    TwoFactor(TwoFactorRepository enrolments, SecretSeal seal, Clock clock) {
        this.enrolments = enrolments;
        this.seal = seal;
        this.clock = clock;
    }

    public boolean enabled(long userId) {
        return enrolments.find(userId).map(TwoFactorRepository.Enrolment::enabled).orElse(false);
    }

    /**
     * Whether {@code code} is the user's current TOTP code, not used before, or one of their unused recovery codes;
     * either is spent by this call. False when 2FA is not enabled.
     */
    @Transactional
    public boolean verify(long userId, String code) {
        Optional<TwoFactorRepository.Enrolment> enrolment = enrolments.find(userId).filter(TwoFactorRepository.Enrolment::enabled);
        if (enrolment.isEmpty() || code == null) {
            return false;
        }
        String trimmed = code.strip();
        if (trimmed.length() != Totp.DIGITS) {
            return enrolments.useRecoveryCode(userId, hash(normalisedRecoveryCode(trimmed)), clock.instant());
        }
        return takeStep(enrolment.get(), trimmed);
    }

    /** Starts (or restarts) an enrolment; empty when 2FA is enabled already. */
    @Transactional
    Optional<Pending> enrol(long userId, String username) {
        byte[] seed = new byte[SEED_BYTES];
        random.nextBytes(seed);
        String secret = Totp.base32(seed);
        if (!enrolments.enrol(userId, seal.seal(secret, context(userId)), clock.instant())) {
            return Optional.empty();
        }
        String label = URLEncoder.encode(ISSUER + ":" + username, StandardCharsets.UTF_8).replace("+", "%20");
        return Optional.of(new Pending("otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + ISSUER
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS, secret));
    }

    /** Enables a pending enrolment with its first code. @return the recovery codes, or empty for a wrong code */
    @Transactional
    Optional<List<String>> confirm(long userId, String code) {
        Optional<TwoFactorRepository.Enrolment> enrolment = enrolments.find(userId).filter(e -> !e.enabled());
        if (enrolment.isEmpty() || code == null || !takeStep(enrolment.get(), code.strip())) {
            return Optional.empty();
        }
        List<String> codes = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            String recovery = recoveryCode();
            codes.add(recovery);
            hashes.add(hash(normalisedRecoveryCode(recovery)));
        }
        enrolments.enable(userId, hashes, clock.instant());
        log.info("User {} enabled two-factor authentication", userId);
        return Optional.of(codes);
    }

    private boolean takeStep(TwoFactorRepository.Enrolment enrolment, String code) {
        byte[] seed = base32Decode(new String(seal.open(enrolment.secretSealed(), context(enrolment.userId())),
                StandardCharsets.US_ASCII));
        long step = Totp.matchingStep(seed, code, Totp.step(clock.instant().getEpochSecond()));
        return step >= 0 && enrolments.useStep(enrolment.userId(), step);
    }

    private static String context(long userId) {
        return "totp:" + userId;
    }

    /** Ten characters of base32 in two groups, {@code abcde-fghij}: 50 bits, single use. */
    private String recoveryCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            if (i == 5) {
                code.append('-');
            }
            code.append("abcdefghijklmnopqrstuvwxyz234567".charAt(random.nextInt(32)));
        }
        return code.toString();
    }

    private static String normalisedRecoveryCode(String code) {
        return code.replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] base32Decode(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toUpperCase(Locale.ROOT).toCharArray()) {
            int value = alphabet.indexOf(c);
            if (value < 0) {
                continue;
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >>> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
