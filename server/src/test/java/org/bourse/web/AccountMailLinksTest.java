package org.bourse.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bourse.testsupport.Browser;
import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.RequiresChromium;
import org.bourse.testsupport.Traders;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * The links in account mails open pages of the terminal: one confirms the e-mail address, the other sets a
 * new password. The mails are read where the embedded default keeps them, the admin outbox.
 */
@TerminalServer
@RequiresChromium
class AccountMailLinksTest {

    @LocalServerPort
    int port;

    @Test
    void theConfirmationAndResetLinksWorkInTheBrowser() {
        String name = "links_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String email = name + "@example.com";
        HttpApi api = HttpApi.onPort(port);
        assertThat(api.post("/api/v1/auth/register", Map.of("username", name, "email", email,
                "password", "a long enough password")).status()).isEqualTo(201);
        try (Browser browser = Browser.open(port)) {
            browser.go("/#/verify-email?token=" + token(email, "Confirm your e-mail address"));
            browser.awaitText("#verify-email-result", "is confirmed");
            browser.go("/");
            browser.go("/#/verify-email?token=used-or-unknown");
            browser.awaitText("#verify-email-result", "not valid");

            api.post("/api/v1/auth/password-reset", Map.of("email", email));
            browser.go("/#/reset-password?token=" + token(email, "Reset your password"));
            browser.type("#reset-password", "password123");
            browser.click("#reset-submit");
            browser.awaitText("#reset-form", "one of the most common passwords");
            browser.type("#reset-password", "another long passphrase");
            browser.click("#reset-submit");
            browser.awaitText("#reset-result", "Your password is changed");
        }
        HttpApi.Reply login = api.post("/api/v1/auth/login", Map.of("email", email, "password", "another long passphrase"));
        assertThat(login.status()).isEqualTo(200);
        assertThat(api.withBearer(login.text("access_token")).get("/api/v1/users/me").json().path("email_verified")
                .asBoolean()).isTrue();
    }

    private String token(String email, String subject) {
        for (JsonNode mail : new Traders(port).admin().get("/api/v1/admin/outbox?to=" + email).json().path("items")) {
            if (mail.path("subject").asString().equals(subject)) {
                assertThat(mail.path("status").asString()).as("no SMTP server: kept").isEqualTo("kept");
                Matcher m = Pattern.compile("\\?token=([A-Za-z0-9_-]+)").matcher(mail.path("text").asString());
                assertThat(m.find()).isTrue();
                return m.group(1);
            }
        }
        throw new AssertionError("no mail '" + subject + "' to " + email);
    }
}
