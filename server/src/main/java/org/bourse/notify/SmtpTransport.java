package org.bourse.notify;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends one outbox mail over SMTP, configured from one URL: {@code smtp://user:pass@host:port} (port 587 when
 * absent; STARTTLS whenever the server offers it) or {@code smtps://…} (TLS from the first byte, port 465).
 * Each mail's Message-ID is derived from its outbox id, so a mail sent again after a crash is recognisably
 * the same mail.
 */
final class SmtpTransport {

    private final JavaMailSenderImpl sender = new JavaMailSenderImpl();
    private final String from;
    private final String host;

    SmtpTransport(String url, String from) {
        URI uri = URI.create(url.trim());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("smtp") && !scheme.equals("smtps")) {
            throw new IllegalArgumentException("BOURSE_SMTP_URL must start with smtp:// or smtps://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("BOURSE_SMTP_URL names no host");
        }
        boolean tls = scheme.equals("smtps");
        this.host = uri.getHost();
        sender.setProtocol(scheme);
        sender.setHost(uri.getHost());
        sender.setPort(uri.getPort() > 0 ? uri.getPort() : tls ? 465 : 587);
        sender.setDefaultEncoding("UTF-8");
        Properties props = sender.getJavaMailProperties();
        String prefix = "mail." + scheme + ".";
        if (uri.getRawUserInfo() != null) {
            String[] userInfo = uri.getRawUserInfo().split(":", 2);
            sender.setUsername(URLDecoder.decode(userInfo[0], StandardCharsets.UTF_8));
            if (userInfo.length > 1) {
                sender.setPassword(URLDecoder.decode(userInfo[1], StandardCharsets.UTF_8));
            }
            props.put(prefix + "auth", "true");
        }
        if (!tls) {
            props.put(prefix + "starttls.enable", "true"); // used when the server offers it, not required
        }
        props.put(prefix + "connectiontimeout", "10000");
        props.put(prefix + "timeout", "10000");
        props.put(prefix + "writetimeout", "10000");
        this.from = from;
    }

    /** Where mail goes, for the log: the host only, never the credentials. */
    String host() {
        return host;
    }

    void send(Outbox.Row row) throws MessagingException {
        MimeMessage message = new MimeMessage(sender.getSession()) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<outbox-" + row.id() + "-" + row.createdAt().toEpochMilli() + "@bourse>");
            }
        };
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(from);
        helper.setTo(row.recipient());
        helper.setSubject(row.subject());
        helper.setText(row.text(), row.html());
        sender.send(message);
    }
}
