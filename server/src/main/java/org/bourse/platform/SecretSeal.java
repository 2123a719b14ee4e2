package org.bourse.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Seals secrets the server must read back (API key secrets, TOTP seeds: HMAC needs the secret itself, so a hash
 * would not do) with AES-256-GCM under the server's sealing key: {@code BOURSE_SEALING_KEY} (base64 of 32 bytes;
 * every node sharing a database needs the same one) when set, else 32 random bytes generated on first start in
 * {@code <data dir>/sealing-key}, owner-only like the JWT secret. Sealed, a copy of the database alone reveals
 * nothing. Each secret is sealed to a context (its row's public id) as additional authenticated data, so a
 * sealed secret moved to another row does not open.
 */
@Component
public final class SecretSeal {

    private static final Logger log = LoggerFactory.getLogger(SecretSeal.class);
    static final String FILE_NAME = "sealing-key";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    SecretSeal(@Value("${bourse.sealing-key:}") String configured, DataDirectory dataDirectory) {
        byte[] bytes = configured.isBlank() ? loadOrCreate(dataDirectory.resolve(FILE_NAME))
                : Base64.getDecoder().decode(configured.trim());
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException("BOURSE_SEALING_KEY must be base64 of exactly " + KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    /** @param context what the secret belongs to, e.g. the API key's public id; needed again to open it */
    public String seal(String secret, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** @throws IllegalStateException when the sealed text was not sealed by this key for this context */
    public byte[] open(String sealedText, String context) {
        byte[] all = Base64.getDecoder().decode(sealedText);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The secret of " + context + " does not open with this server's "
                    + "sealing key (another key file, or the row was altered)", e);
        }
    }

    private static byte[] loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[KEY_BYTES];
                new SecureRandom().nextBytes(fresh);
                if (SecretFiles.createOwnerOnly(file, Base64.getEncoder().encodeToString(fresh) + "\n")) {
                    log.info("Generated a new sealing key in {}", file);
                }
            }
            if (SecretFiles.othersMayAccess(file)) {
                throw new IllegalStateException("The sealing key " + file + " is readable by other users (mode "
                        + SecretFiles.mode(file) + "); with it and the database, every API key signs and every "
                        + "second factor opens. chmod 600 it if "
                        + "you are sure no one read it, else revoke every API key and 2FA enrolment and delete it.");
            }
            return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the sealing key " + file, e);
        }
    }
}
