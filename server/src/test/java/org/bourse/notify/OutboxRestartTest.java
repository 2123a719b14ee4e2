package org.bourse.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.bourse.BourseApplication;
import org.bourse.testsupport.HttpApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A server stopped while it is in the middle of sending a mail finishes that mail and records it, so the
 * restarted server does not send it again; and the restart's replay of the journal writes no notification twice.
 */
class OutboxRestartTest {

    @TempDir
    Path data;

    private ConfigurableApplicationContext start(int smtpPort) {
        return new SpringApplicationBuilder(BourseApplication.class).run("--server.port=0",
                "--bourse.data-dir=" + data, "--spring.datasource.url=", "--spring.datasource.username=",
                "--spring.datasource.password=", "--bourse.redis.url=", "--bourse.jwt.secret=", "--bourse.demo=false",
                "--server.forward-headers-strategy=native", "--bourse.notify.poll-interval=50ms",
                "--bourse.notify.smtp-url=smtp://127.0.0.1:" + smtpPort,
                "--bourse.rate-limit.capacity=100000", "--bourse.rate-limit.refill-per-second=100000");
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void aMailBeingSentWhenTheServerStopsIsSentOnceAndNothingIsNotifiedTwice() throws Exception {
        String username = "r_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String email = username + "@example.com";
        long userId;
        long notifications;
        try (SlowSmtp slow = new SlowSmtp(Mailbox.smtpPort(), Duration.ofSeconds(2))) {
            try (ConfigurableApplicationContext first = start(slow.port())) {
                HttpApi api = HttpApi.onPort(port(first));
                HttpApi.Reply registered = api.post("/api/v1/auth/register", Map.of("username", username, "email", email,
                        "password", "a fine passphrase"));
                assertThat(registered.status()).isEqualTo(201);
                userId = Long.parseLong(registered.text("id"));
                HttpApi user = api.withBearer(api.post("/api/v1/auth/login", Map.of("email", email,
                        "password", "a fine passphrase")).text("access_token"));
                assertThat(user.post("/api/v1/deposits", Map.of("asset", "USD", "amount", "3",
                        "transaction_id", "dep-" + UUID.randomUUID())).status()).isEqualTo(201);
                notifications = user.get("/api/v1/notifications").json().path("items").size();
                assertThat(notifications).isEqualTo(1);

                JdbcClient jdbc = first.getBean(JdbcClient.class);
                awaitStatus(jdbc, userId, "SENDING");
                assertThat(Mailbox.to(email)).as("still talking to the slow SMTP server").isEmpty();
            } // stops while the mail is being sent
            assertThat(Mailbox.to(email)).as("the mail being sent when the server stopped").hasSize(1);
        }
        try (ConfigurableApplicationContext second = start(Mailbox.smtpPort())) {
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            assertThat(status(jdbc, userId)).isEqualTo("SENT");
            // the deposit's mail, still queued when the first server stopped, goes out now; the confirmation not again
            Mailbox.await(email, 2);
            Mailbox.sleep(1000); // twenty rounds of the sender
            assertThat(Mailbox.to(email)).extracting(Mailbox::subject).as("nothing sent twice")
                    .containsExactlyInAnyOrder("Confirm your e-mail address", "Deposit credited");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM notifications WHERE user_id = :u").param("u", userId)
                    .query(Long.class).single()).isEqualTo(notifications);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE user_id = :u").param("u", userId)
                    .query(Long.class).single()).isEqualTo(1 + 1); // the confirmation and the deposit
        }
    }

    private static String status(JdbcClient jdbc, long userId) {
        return jdbc.sql("SELECT status FROM mail_outbox WHERE user_id = :u AND kind = 'ACCOUNT'").param("u", userId)
                .query(String.class).single();
    }

    private static void awaitStatus(JdbcClient jdbc, long userId, String status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!status.equals(status(jdbc, userId)) && System.nanoTime() < deadline) {
            Mailbox.sleep(10);
        }
        assertThat(status(jdbc, userId)).isEqualTo(status);
    }

    /** An SMTP server that takes its time: each connection waits {@code delay} before the greeting. */
    static final class SlowSmtp implements AutoCloseable {

        private final ServerSocket listener;

        SlowSmtp(int target, Duration delay) throws IOException {
            listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread.ofVirtual().start(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket client = listener.accept();
                        Thread.ofVirtual().start(() -> relay(client, target, delay));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        int port() {
            return listener.getLocalPort();
        }

        private static void relay(Socket client, int target, Duration delay) {
            try {
                Thread.sleep(delay);
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }

        private static void pump(Socket from, Socket to) {
            Thread.ofVirtual().start(() -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException e) {
                    // one side closed
                } finally {
                    try {
                        from.close();
                        to.close();
                    } catch (IOException ignored) {
                        // closing is all that was wanted
                    }
                }
            });
        }

        @Override
        public void close() {
            try {
                listener.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
