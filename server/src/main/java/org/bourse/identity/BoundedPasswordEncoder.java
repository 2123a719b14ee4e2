package org.bourse.identity;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.bourse.platform.ApiException;
import org.bourse.platform.ErrorCodes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * bcrypt, at most {@code concurrency} hashes at a time. A hash costs tens of milliseconds of CPU by design,
 * and every login and registration costs one (an unknown e-mail too, so it cannot be told apart): without a
 * bound, a flood of them would take every core from matching and the rest of the API. Callers beyond the
 * bound wait their turn, fairly, for at most {@code maxWait}, then get {@code 503 SERVICE_UNAVAILABLE}.
 */
final class BoundedPasswordEncoder implements PasswordEncoder {

    private final PasswordEncoder bcrypt;
    private final Semaphore permits;
    private final Duration maxWait;

    BoundedPasswordEncoder(PasswordEncoder bcrypt, int concurrency, Duration maxWait) {
        this.bcrypt = bcrypt;
        this.permits = new Semaphore(concurrency, true);
        this.maxWait = maxWait;
    }

    /** Half the cores, at least one: the other half stays with trading. */
    static int defaultConcurrency() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        acquire();
        try {
            return bcrypt.encode(rawPassword);
        } finally {
            permits.release();
        }
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        acquire();
        try {
            return bcrypt.matches(rawPassword, encodedPassword);
        } finally {
            permits.release();
        }
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return bcrypt.upgradeEncoding(encodedPassword);
    }

    private void acquire() {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, "1");
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ErrorCodes.SERVICE_UNAVAILABLE,
                    "Too many logins and registrations at once; retry shortly", List.of(), headers);
        }
    }
}
