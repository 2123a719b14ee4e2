package org.bourse.notify;

import java.util.List;

import org.springframework.web.util.HtmlUtils;

/**
 * The e-mails of the exchange, in English: each a subject and paragraphs, rendered once as plain text and once
 * as HTML (every value escaped), with at most one link, which the plain text spells out in full.
 */
final class MailTemplates {

    private static final String HTML = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>%s</title></head>
            <body style="font-family: sans-serif; color: #1b1f24; max-width: 36em">
            %s
            <p style="color: #6a737d; font-size: smaller">Bourse. You can choose which notifications reach you by e-mail in your account settings.</p>
            </body></html>
            """;

    private MailTemplates() {
    }

    record Link(String label, String url) {
    }

    static Mail compose(String subject, String username, List<String> paragraphs, Link link) {
        StringBuilder text = new StringBuilder("Hello ").append(username).append(",\n\n");
        StringBuilder html = new StringBuilder("<p>Hello ").append(escape(username)).append(",</p>\n");
        for (String paragraph : paragraphs) {
            text.append(paragraph).append("\n\n");
            html.append("<p>").append(escape(paragraph).replace("\n", "<br>")).append("</p>\n");
        }
        if (link != null) {
            text.append(link.label()).append(":\n").append(link.url()).append("\n\n");
            html.append("<p><a href=\"").append(escape(link.url())).append("\">").append(escape(link.label()))
                    .append("</a></p>\n");
        }
        text.append("-- \nBourse");
        return new Mail(subject, text.toString(), HTML.formatted(escape(subject), html));
    }

    static Mail verifyEmail(String username, String url, String token) {
        return compose("Confirm your e-mail address", username, List.of(
                "Welcome to Bourse. Please confirm that this address is yours; until then you can trade in the "
                        + "sandbox, but not transfer or withdraw.",
                "The link works once, for 48 hours. If you did not register, ignore this mail.",
                "Your confirmation code, should the link not open: " + token),
                new Link("Confirm your e-mail address", url));
    }

    static Mail passwordReset(String username, String url, String token) {
        return compose("Reset your password", username, List.of(
                "Someone, hopefully you, asked to reset the password of your Bourse account.",
                "The link works once, for one hour. If you did not ask, ignore this mail: your password stays as it is.",
                "Your reset code, should the link not open: " + token),
                new Link("Choose a new password", url));
    }

    static Mail passwordChanged(String username) {
        return compose("Your password was changed", username, List.of(
                "The password of your Bourse account was just changed, and every session was logged out.",
                "If this was not you, reset your password at once and tell us."), null);
    }

    static Mail newLoginAddress(String username, String ip) {
        return compose("New login to your account", username, List.of(
                "Your Bourse account was just logged into from an address not seen before: " + ip + ".",
                "If this was not you, change your password at once."), null);
    }

    static Mail fills(String username, List<String> lines) {
        String subject = lines.size() == 1 ? "Your order was filled" : lines.size() + " fills of your orders";
        return compose(subject, username, List.of("Your orders traded:", String.join("\n", lines)), null);
    }

    static Mail orderExpired(String username, String line) {
        return compose("Your order expired", username, List.of(line), null);
    }

    static Mail depositCredited(String username, String line) {
        return compose("Deposit credited", username, List.of(line), null);
    }

    static Mail transferReceived(String username, String line) {
        return compose("Transfer received", username, List.of(line), null);
    }

    static Mail priceAlert(String username, String line) {
        return compose("Price alert", username, List.of(line), null);
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text);
    }
}
