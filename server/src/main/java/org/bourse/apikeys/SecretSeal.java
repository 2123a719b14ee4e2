package org.bourse.apikeys;

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

import org.bourse.platform.DataDirectory;
import org.bourse.platform.SecretFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Seals key secrets with AES-256-GCM under the server's sealing key: {@code BOURSE_API_KEYS_SEALING_KEY} (base64 of
 * 32 bytes; every node sharing a database needs the same one) when set, else 32 random bytes generated on first
 * start in {@code <data dir>/api-key-sealing-key}, owner-only like the JWT secret. HMAC verification needs the
 * secret itself, so it cannot be stored as a hash; sealed, a copy of the table alone signs nothing. The key's
 * public id is the additional authenticated data, so a sealed secret moved to another row does not open.
 */
@Component
final class SecretSeal {

    private static final Logger log = LoggerFactory.getLogger(SecretSeal.class);
    static final String FILE_NAME = "api-key-sealing-key";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    SecretSeal(@Value("${bourse.api-keys.sealing-key:}") String configured, DataDirectory dataDirectory) {
        byte[] bytes = configured.isBlank() ? loadOrCreate(dataDirectory.resolve(FILE_NAME))
                : Base64.getDecoder().decode(configured.trim());
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException("The API key sealing key must be base64 of exactly " + KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    String seal(String secret, String apiKey) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(apiKey.getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** @throws IllegalStateException when the sealed text was not sealed by this key for this api key */
    byte[] open(String sealedText, String apiKey) {
        byte[] all = Base64.getDecoder().decode(sealedText);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(apiKey.getBytes(StandardCharsets.US_ASCII));
            return cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The secret of API key " + apiKey + " does not open with this server's "
                    + "sealing key (another key file, or the row was altered)", e);
        }
    }

    private static byte[] loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[KEY_BYTES];
                new SecureRandom().nextBytes(fresh);
                if (SecretFiles.createOwnerOnly(file, Base64.getEncoder().encodeToString(fresh) + "\n")) {
                    log.info("Generated a new API key sealing key in {}", file);
                }
            }
            if (SecretFiles.othersMayAccess(file)) {
                throw new IllegalStateException("The API key sealing key " + file + " is readable by other users (mode "
                        + SecretFiles.mode(file) + "); with it and the database, every API key signs. chmod 600 it if "
                        + "you are sure no one read it, else revoke every API key and delete it.");
            }
            return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the API key sealing key " + file, e);
        }
    }
}
