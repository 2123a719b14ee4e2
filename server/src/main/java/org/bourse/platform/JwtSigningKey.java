package org.bourse.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The HS256 key that signs and verifies tokens: {@code BOURSE_JWT_SECRET} (at least 32 bytes) when set,
 * otherwise 256 random bits generated on first start and kept in {@code <data dir>/jwt-secret} so issued tokens
 * survive restarts. The file is created owner-only and whole ({@link SecretFiles}); the server refuses to start
 * on one that other users may read, since whoever read it can sign any user's token, an admin's included.
 */
@Component
public final class JwtSigningKey {

    private static final Logger log = LoggerFactory.getLogger(JwtSigningKey.class);
    private static final int MIN_BYTES = 32; // HS256 needs a key at least as long as its 256-bit hash
    static final String FILE_NAME = "jwt-secret";

    private final SecretKey key;

    JwtSigningKey(@Value("${bourse.jwt.secret:}") String configured, DataDirectory dataDirectory) {
        byte[] secret = configured.isBlank()
                ? loadOrCreate(dataDirectory.resolve(FILE_NAME))
                : configured.getBytes(StandardCharsets.UTF_8);
        if (secret.length < MIN_BYTES) {
            throw new IllegalStateException("BOURSE_JWT_SECRET must be at least " + MIN_BYTES + " bytes long");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    public SecretKey key() {
        return key;
    }

    private static byte[] loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            if (SecretFiles.othersMayAccess(file)) {
                throw new IllegalStateException("The JWT signing secret " + file + " is readable by other users (mode "
                        + SecretFiles.mode(file) + "), so it may have leaked: anyone holding it can sign an admin's "
                        + "token. Delete it to have a new one generated (every token issued so far stops working), "
                        + "or, if you are sure no one read it, chmod 600 it.");
            }
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (text.isEmpty()) {
                throw new IllegalStateException("The JWT signing secret " + file + " is empty; delete it to have a "
                        + "new one generated");
            }
            return Base64.getDecoder().decode(text);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the JWT secret " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] random = new byte[MIN_BYTES];
        new SecureRandom().nextBytes(random);
        if (SecretFiles.createOwnerOnly(file, Base64.getEncoder().encodeToString(random) + "\n")) {
            log.info("Generated a new JWT signing secret in {}", file);
        }
    }
}
