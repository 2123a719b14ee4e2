package org.bourse.notify;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

import org.bourse.identity.Contact;
import org.springframework.stereotype.Service;

/**
 * The notify module's public face: other modules tell a user something through here. Each call writes the
 * in-app notification and, where the user's settings allow, the e-mail into the outbox, in the caller's
 * transaction when there is one: the notification exists exactly when what caused it was committed.
 */
@Service
public class Notices {

    /** Mails about the account itself: they always go out, and never in-app (they carry single-use tokens). */
    public sealed interface AccountMail {
        record VerifyEmail(String token) implements AccountMail {
        }

        record PasswordReset(String token) implements AccountMail {
        }

        record PasswordChanged() implements AccountMail {
        }
    }

    private final InAppNotifications inApp;
    private final Outbox outbox;
    private final NotificationSettings settings;
    private final NotifyProperties properties;
    private final Clock clock;

    Notices(InAppNotifications inApp, Outbox outbox, NotificationSettings settings, NotifyProperties properties,
            Clock clock) {
        this.inApp = inApp;
        this.outbox = outbox;
        this.settings = settings;
        this.properties = properties;
        this.clock = clock;
    }

    public void account(Contact to, AccountMail mail) {
        Mail composed = switch (mail) {
            case AccountMail.VerifyEmail(String token) ->
                    MailTemplates.verifyEmail(to.username(), link("verify-email", token), token);
            case AccountMail.PasswordReset(String token) ->
                    MailTemplates.passwordReset(to.username(), link("reset-password", token), token);
            case AccountMail.PasswordChanged() -> MailTemplates.passwordChanged(to.username());
        };
        if (mail instanceof AccountMail.PasswordChanged) {
            inApp.add(to.id(), Kind.ACCOUNT, composed.subject(), "Your password was changed; every session was logged out.",
                    clock.instant());
        }
        queue(to, Kind.ACCOUNT, composed, clock.instant());
    }

    public void newLoginAddress(Contact to, String ip) {
        Mail mail = MailTemplates.newLoginAddress(to.username(), ip);
        notify(to, Kind.NEW_LOGIN_IP, mail.subject(), "A login from a new address: " + ip, mail, clock.instant());
    }

    /** In-app always; by e-mail when the user's settings allow {@code kind}. */
    void notify(Contact to, Kind kind, String title, String body, Mail mail, Instant now) {
        inApp.add(to.id(), kind, title, body, now);
        if (settings.of(to.id()).mails(kind)) {
            queue(to, kind, mail, now);
        }
    }

    /** Into the outbox; never for addresses that cannot receive mail (the demo and system users'). */
    void queue(Contact to, Kind kind, Mail mail, Instant now) {
        if (to.deliverable()) {
            outbox.add(to.id(), to.email(), kind, mail, properties.smtpConfigured() ? Outbox.QUEUED : Outbox.KEPT, now);
        }
    }

    private String link(String page, String token) {
        String base = properties.publicUrl().endsWith("/") ? properties.publicUrl() : properties.publicUrl() + "/";
        return base + "#/" + page + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
}
