package org.bourse.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.bourse.testsupport.Admins;
import org.bourse.testsupport.Browser;
import org.bourse.testsupport.HttpApi;

/** Users of the browser tests: registered through the API, logged in through the terminal's own form. */
final class TerminalUsers {

    /** What a person types to log in. */
    record Credentials(String username, String email, String password) {
    }

    private final int port;

    TerminalUsers(int port) {
        this.port = port;
    }

    /** A new user with a known password, registered through the API (opened with the initial balance). */
    Credentials newUser() {
        String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Credentials user = new Credentials("web_" + unique, "web_" + unique + "@example.com", "correct horse " + unique);
        HttpApi.Reply registered = HttpApi.onPort(port).post("/api/v1/auth/register",
                Map.of("username", user.username(), "email", user.email(), "password", user.password()));
        assertThat(registered.status()).as("register: %s", registered).isEqualTo(201);
        return user;
    }

    /** The server's admin, made with its bootstrap token on first use: the one place the tests get an admin from. */
    Credentials admin() {
        String email = Admins.email(port);
        return new Credentials(email.substring(0, email.indexOf('@')), email, Admins.PASSWORD);
    }

    /** The user's API client with a fresh access token, for setting up what a test does not do by hand. */
    HttpApi api(Credentials user) {
        HttpApi api = HttpApi.onPort(port);
        HttpApi.Reply login = api.post("/api/v1/auth/login", Map.of("email", user.email(), "password", user.password()));
        assertThat(login.status()).as("login: %s", login).isEqualTo(200);
        return api.withBearer(login.text("access_token"));
    }

    /** Logs in through the terminal's account page and waits until the header shows the user. */
    static void logIn(Browser browser, Credentials user) {
        browser.go("/#/account");
        browser.type("#login-email", user.email());
        browser.type("#login-password", user.password());
        browser.click("#login-submit");
        browser.awaitText("#nav-account", user.username());
    }
}
