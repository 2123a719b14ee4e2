package org.bourse.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Works the outbox on a thread of its own: gathers the due execution mails ({@link FillMails}), then sends each
 * due mail, one at a time. A failed attempt is tried again after a backoff that doubles each time (up to a
 * maximum); after the last attempt the mail is {@code FAILED}, which admins see in {@code GET /admin/outbox}.
 * Without an SMTP server the mails stay {@code KEPT} and nothing is sent.
 *
 * <p>Stopping lets the mail being sent finish and be recorded, so a restart does not send it twice. A mail a
 * crashed process was sending is sent again at the next start (see {@link Outbox#requeueInterrupted}).
 */
@Component
final class OutboxSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    private static final int MAILS_PER_ROUND = 100;

    private final Outbox outbox;
    private final FillMails fillMails;
    private final NotifyProperties properties;
    private final Clock clock;
    private final SmtpTransport transport;
    private volatile boolean running;
    private Thread thread;

    OutboxSender(Outbox outbox, FillMails fillMails, NotifyProperties properties, Clock clock) {
        this.outbox = outbox;
        this.fillMails = fillMails;
        this.properties = properties;
        this.clock = clock;
        this.transport = properties.smtpConfigured() ? new SmtpTransport(properties.smtpUrl(), properties.from()) : null;
    }

    @Override
    public void start() {
        if (transport != null) {
            int interrupted = outbox.requeueInterrupted();
            if (interrupted > 0) {
                log.warn("{} mails were being sent when the server last stopped; they are sent again", interrupted);
            }
            log.info("Mail goes out through the SMTP server at {}", transport.host());
        } else {
            log.info("No SMTP server (BOURSE_SMTP_URL unset): mails are kept in the outbox, readable at GET /api/v1/admin/outbox");
        }
        running = true;
        thread = Thread.ofPlatform().name("bourse-outbox").daemon().start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            // wakes the wait between rounds; unlike an interrupt it cannot break a send in progress
            java.util.concurrent.locks.LockSupport.unpark(thread);
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server and the database go; after the projector (which may still write mails) has started. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }

    private void run() {
        while (running) {
            try {
                workOnce();
            } catch (RuntimeException e) {
                log.warn("The outbox sender failed a round ({}); trying again", e.toString());
            }
            if (running) {
                java.util.concurrent.locks.LockSupport.parkNanos(properties.pollInterval().toNanos());
            }
        }
    }

    /** One round: the due execution digests, then the due mails. Package-private for tests. */
    void workOnce() {
        fillMails.queueDue(clock.instant());
        if (transport == null) {
            return;
        }
        for (int i = 0; i < MAILS_PER_ROUND && running; i++) {
            Optional<Outbox.Row> due = outbox.claimNextDue(clock.instant());
            if (due.isEmpty()) {
                return;
            }
            deliver(due.get());
        }
    }

    private void deliver(Outbox.Row mail) {
        try {
            transport.send(mail);
            outbox.sent(mail.id(), clock.instant());
        } catch (Exception e) {
            String error = describe(e);
            if (mail.attempts() >= properties.maxAttempts()) {
                outbox.failed(mail.id(), error);
                log.warn("Mail {} to {} failed {} times, last: {}; given up (GET /admin/outbox)", mail.id(),
                        mail.recipient(), mail.attempts(), error);
            } else {
                Instant next = clock.instant().plus(properties.backoff(mail.attempts()));
                outbox.retryAt(mail.id(), next, error);
                log.info("Mail {} could not be sent (attempt {}: {}); next attempt at {}", mail.id(), mail.attempts(),
                        error, next);
            }
        }
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName() + ": " + e.getMessage());
        for (Throwable cause = e.getCause(); cause != null && text.length() < 400; cause = cause.getCause()) {
            text.append(" / ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return text.toString();
    }
}
