package org.bourse.notify;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

import org.bourse.testsupport.CuttableProxy;

/**
 * A real SMTP server (GreenMail) in the test JVM, reached through a {@link CuttableProxy} so a test can make
 * the SMTP server unreachable and reachable again. One per JVM: tests tell their mails apart by recipient.
 */
final class Mailbox {

    private static final GreenMail SMTP;
    static final CuttableProxy PROXY;

    static {
        ServerSetup setup = ServerSetupTest.SMTP.dynamicPort();
        SMTP = new GreenMail(setup);
        SMTP.start();
        PROXY = CuttableProxy.to("127.0.0.1", SMTP.getSmtp().getPort());
    }

    private Mailbox() {
    }

    /** GreenMail's own port, without the proxy. */
    static int smtpPort() {
        return SMTP.getSmtp().getPort();
    }

    /** What the server under test is configured with. */
    static String smtpUrl() {
        return "smtp://127.0.0.1:" + PROXY.port();
    }

    static List<MimeMessage> to(String address) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(address));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** Waits until {@code address} has at least {@code count} mails. */
    static List<MimeMessage> await(String address, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            List<MimeMessage> mails = to(address);
            if (mails.size() >= count) {
                return mails;
            }
            sleep(50);
        }
        throw new AssertionError(address + " did not get " + count + " mails in 20 s; got " + to(address).size());
    }

    /** The decoded text/plain part. */
    static String text(MimeMessage mail) {
        return part(mail, "text/plain");
    }

    static String html(MimeMessage mail) {
        return part(mail, "text/html");
    }

    static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token in a mail's link ({@code ?token=...}). */
    static String token(MimeMessage mail) {
        Matcher m = Pattern.compile("\\?token=([A-Za-z0-9_-]+)").matcher(text(mail));
        if (!m.find()) {
            throw new AssertionError("no token link in " + text(mail));
        }
        return m.group(1);
    }

    private static String part(Part part, String type) {
        try {
            if (part.isMimeType(type)) {
                return (String) part.getContent();
            }
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart body = multipart.getBodyPart(i);
                    String found = part(body, type);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
