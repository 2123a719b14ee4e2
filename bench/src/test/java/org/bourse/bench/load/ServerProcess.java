package org.bourse.bench.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The server as users run it: its packaged jar ({@code server/target/bourse-server.jar}, the path comes from
 * the system property {@code bourse.server.jar}) in its own JVM, on a free port and a fresh data directory,
 * with no demo bots, rate limits out of the way and an audit every second.
 */
final class ServerProcess implements AutoCloseable {

    static final String ADMIN_EMAIL = "load.admin@bourse.test";
    private static final Duration START_LIMIT = Duration.ofSeconds(120);

    private final Process process;
    private final URI url;
    private final Path log;

    private ServerProcess(Process process, URI url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /** Why the jar cannot be used, if it cannot: missing, or older than the classes it should hold. */
    static Optional<String> jarProblem() {
        String property = System.getProperty("bourse.server.jar");
        if (property == null) {
            return Optional.of("the system property bourse.server.jar is not set (surefire sets it, see bench/pom.xml)");
        }
        Path jar = Path.of(property).normalize();
        if (!Files.isRegularFile(jar)) {
            return Optional.of(jar + " does not exist: build it with the reactor's package phase (./test does)");
        }
        try {
            FileTime built = Files.getLastModifiedTime(jar);
            for (Path classes : List.of(jar.resolveSibling("classes"),
                    jar.getParent().getParent().resolveSibling("engine").resolve("target").resolve("classes"))) {
                if (newestFile(classes).map(t -> t.compareTo(built) > 0).orElse(false)) {
                    return Optional.of(jar + " is older than " + classes + ": package it again");
                }
            }
        } catch (IOException e) {
            return Optional.of("cannot read " + jar + ": " + e);
        }
        return Optional.empty();
    }

    static ServerProcess start(Path data) throws IOException, InterruptedException {
        int port = freePort();
        Path log = data.resolve("server.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar",
                Path.of(System.getProperty("bourse.server.jar")).toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("BOURSE_"));
        env.putAll(Map.of("BOURSE_PORT", Integer.toString(port), "BOURSE_DATA_DIR", data.resolve("data").toString(),
                "BOURSE_DEMO", "false",
                "BOURSE_RATE_LIMIT_CAPACITY", "1000000000", "BOURSE_RATE_LIMIT_REFILL_PER_SECOND", "1000000000",
                "BOURSE_AUTH_RATE_LIMIT_CAPACITY", "1000000000", "BOURSE_AUTH_RATE_LIMIT_REFILL_PER_SECOND", "1000000000",
                "BOURSE_AUDIT_INTERVAL", "1s", "BOURSE_AUDIT_INITIAL_DELAY", "1s"));
        // the generator's few traders keep many orders in the book: the per-user bound is not what it measures
        env.putAll(Map.of("BOURSE_MAX_OPEN_ORDERS_PER_MARKET", "1000000000", "BOURSE_MAX_OPEN_ORDERS", "1000000000"));
        ServerProcess server = new ServerProcess(builder.start(), URI.create("http://localhost:" + port), log);
        server.awaitHealthy();
        return server;
    }

    URI url() {
        return url;
    }

    /** The one-time token with which the generator's admin becomes the server's first admin. */
    static Path adminBootstrapToken(Path data) {
        return data.resolve("data").resolve("admin-bootstrap-token");
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_LIMIT);
        try (BourseHttp http = new BourseHttp(url, 1, BourseHttp.Client.RAW)) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the server died at start:\n" + Files.readString(log));
                }
                BourseHttp.Reply health = http.get("/actuator/health", null);
                if (health.status() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
                Thread.sleep(250);
            }
        }
        close();
        throw new IllegalStateException("the server was not healthy within " + START_LIMIT.toSeconds() + " s; see " + log);
    }

    /** Stops it as Ctrl-C would, and for good if it does not stop. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static Optional<FileTime> newestFile(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(ServerProcess::modified).max(FileTime::compareTo);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
