package org.bourse.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The server as a process of its own, started from this JVM's class path on the embedded default (no database
 * or Redis URL), for tests that kill it with SIGKILL and start it again on the same data directory. Each start
 * logs to a file of its own in the data directory ({@code server-1.log}, {@code server-2.log}, ...).
 */
public final class ServerProcess implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final Map<String, String> environment;
    private Process process;
    private Path log;
    private int starts;

    /** @param environment extra {@code BOURSE_*} settings on top of a quiet, unthrottled test server */
    public ServerProcess(Path dataDir, Map<String, String> environment) {
        this.dataDir = dataDir;
        this.port = freePort();
        this.environment = new HashMap<>(Map.of("BOURSE_PORT", Integer.toString(port), "BOURSE_DATA_DIR",
                dataDir.toString(), "BOURSE_DEMO", "false", "BOURSE_RATE_LIMIT_CAPACITY", "1000000",
                "BOURSE_RATE_LIMIT_REFILL_PER_SECOND", "1000000", "BOURSE_AUTH_RATE_LIMIT_CAPACITY", "1000000",
                "BOURSE_AUTH_RATE_LIMIT_REFILL_PER_SECOND", "1000000", "BOURSE_LOGIN_MAX_FAILURES_PER_IP", "1000"));
        this.environment.putAll(environment);
    }

    public HttpApi api() {
        return HttpApi.onPort(port);
    }

    /** A client logged in as this exchange's admin, made with the data directory's bootstrap token on first use. */
    public HttpApi admin() {
        return Admins.admin(port, dataDir);
    }

    /** Starts the server with the settings given at construction plus {@code overrides}, and waits until it answers. */
    public ServerProcess start(Map<String, String> overrides) {
        starts++;
        log = dataDir.resolve("server-" + starts + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "org.bourse.BourseApplication")).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().putAll(overrides);
        builder.environment().remove("BOURSE_DB_URL");
        builder.environment().remove("BOURSE_REDIS_URL");
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitHealthy(Duration.ofSeconds(120));
        return this;
    }

    public ServerProcess start() {
        return start(Map.of());
    }

    /** SIGKILL: no shutdown hook, no final snapshot, no flush. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM: the graceful shutdown, which drains the engine, snapshots, and closes the database. */
    public void stop() {
        try {
            process.destroy();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("the server did not stop within 60 s; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The log of the latest start. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path logFile() {
        return log;
    }

    private void awaitHealthy(Duration within) {
        Instant deadline = Instant.now().plus(within);
        HttpApi api = api();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server died at start:\n" + log());
            }
            try {
                if (api.get("/actuator/health").status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the server started", e);
            }
        }
        throw new IllegalStateException("the server did not start within " + within + "; see " + log);
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
