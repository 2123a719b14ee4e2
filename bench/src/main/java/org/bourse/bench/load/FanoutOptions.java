package org.bourse.bench.load;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * The fan-out benchmark's command line: {@code --name value} or {@code --name=value}, every option with a
 * default, refused naming the option when wrong (as {@link LoadOptions} does).
 */
record FanoutOptions(URI url, int subscribers, double rate, Duration duration, Duration warmup, String market,
                     int users, int connections, double crossing, int probes, int correlate, String adminEmail,
                     String adminPassword, String adminBootstrapTokenFile) {

    static final int MAX_SUBSCRIBERS = 1000;

    static final String USAGE = """
            usage: FanoutBenchmark [options]
              --url URL               server to measure (default http://localhost:8080); WebSockets go to its /ws
              --subscribers N         WebSocket clients subscribed to book:M and trades:M, 1..1000 (default 100)
              --rate R                orders per second sent over HTTP to drive the market (default 200)
              --duration D            measured time, e.g. 30s, 2m (default 30s)
              --warmup D              unmeasured time before it, orders already flowing (default 5s)
              --market SYMBOL         the one busy market (default BTC-USD)
              --users N               funded traders sending the orders (default 4)
              --connections N         HTTP/1.1 connections for the orders at most (default 16)
              --crossing F            share of limit orders priced through the mid, which trade (default 0.5)
              --probes N              subscribers that keep every trade id they receive, for the order-to-trade
                                      delay (default 20; at most --subscribers)
              --correlate N           taking orders looked up after the run for that delay (default 2000)
              --admin-email E         admin the order flow's setup registers (default load.admin@bourse.test)
              --admin-password P      (default load-admin-password)
              --admin-bootstrap-token-file F
                                      the server's <data dir>/admin-bootstrap-token: while the server has no
                                      admin, the admin above becomes it with this one-time token
            exit status: 0 when every subscriber connected and received messages and every order answer was
            one the contract allows, 1 otherwise, 2 for a bad command line
            """;

    static FanoutOptions defaults() {
        return new FanoutOptions(URI.create("http://localhost:8080"), 100, 200, Duration.ofSeconds(30),
                Duration.ofSeconds(5), "BTC-USD", 4, 16, 0.5, 20, 2000, "load.admin@bourse.test",
                "load-admin-password", null);
    }

    /** @throws IllegalArgumentException naming the option that is wrong */
    static FanoutOptions parse(String... args) {
        CommandLine given = CommandLine.parse(args);
        FanoutOptions d = defaults();
        FanoutOptions options = new FanoutOptions(
                URI.create(LoadOptions.stripSlash(given.take("url", d.url().toString()))),
                given.whole("subscribers", d.subscribers()),
                given.number("rate", d.rate()),
                LoadOptions.duration("duration", given.take("duration", "30s")),
                LoadOptions.duration("warmup", given.take("warmup", "5s")),
                given.take("market", d.market()).toUpperCase(Locale.ROOT),
                given.whole("users", d.users()),
                given.whole("connections", d.connections()),
                given.number("crossing", d.crossing()),
                given.whole("probes", d.probes()),
                given.whole("correlate", d.correlate()),
                given.take("admin-email", d.adminEmail()),
                given.take("admin-password", d.adminPassword()),
                given.take("admin-bootstrap-token-file", null));
        given.rejectUnknown();
        if (options.subscribers() < 1 || options.subscribers() > MAX_SUBSCRIBERS) {
            throw new IllegalArgumentException("--subscribers must be 1.." + MAX_SUBSCRIBERS);
        }
        if (options.rate() <= 0) {
            throw new IllegalArgumentException("--rate must be positive");
        }
        if (options.duration().isZero() || options.duration().isNegative()) {
            throw new IllegalArgumentException("--duration must be positive");
        }
        if (options.users() < 2) {
            throw new IllegalArgumentException("--users must be at least 2, so that orders meet another trader's");
        }
        if (options.connections() < 1) {
            throw new IllegalArgumentException("--connections must be positive");
        }
        if (options.crossing() <= 0 || options.crossing() > 1) {
            throw new IllegalArgumentException("--crossing must be above 0 (no trades otherwise) and at most 1");
        }
        if (options.probes() < 0 || options.correlate() < 0) {
            throw new IllegalArgumentException("--probes and --correlate cannot be negative");
        }
        return options;
    }

    /** The subscribers that keep trade ids: never more than there are. */
    int probeCount() {
        return Math.min(probes, subscribers);
    }

    /** The WebSocket address: the server's, with ws/wss for http/https, path {@code /ws}. */
    URI webSocket() {
        String scheme = "https".equals(url.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + url.toString().substring(url.getScheme().length()) + "/ws");
    }

    /**
     * The load generator's options that make the order flow: an open loop of limit orders (three in four,
     * {@code crossing} of them through the mid) and cancels of resting ones, so the book both grows and trades.
     */
    LoadOptions orderFlow() {
        LoadOptions d = LoadOptions.defaults();
        return new LoadOptions(url, users, duration, warmup, LoadOptions.Mode.OPEN, d.concurrency(), rate,
                connections, httpClient(), Mix.parse("limit=75,cancel=25"), market, null, crossing, 0, adminEmail, adminPassword,
                adminBootstrapTokenFile, LoadOptions.OrderCheck.BY_ID, d.reconcileWait(), d.maxInFlight());
    }

    /**
     * The client of the order flow's HTTP requests: the load generator's default, lean one, except for https,
     * which only the JDK's speaks. The WebSockets always go through the JDK's.
     */
    BourseHttp.Client httpClient() {
        return "https".equalsIgnoreCase(url.getScheme()) ? BourseHttp.Client.JDK : LoadOptions.defaults().client();
    }

    /** One line per option, as used. */
    String describe() {
        StringBuilder out = new StringBuilder();
        CommandLine.line(out, "url", url + " (WebSocket " + webSocket() + ")");
        CommandLine.line(out, "subscribers", subscribers + ", each on book:" + market + " and trades:" + market);
        CommandLine.line(out, "rate", rate + " orders/s (limit=75,cancel=25, crossing " + crossing + ")");
        CommandLine.line(out, "duration", duration.toMillis() / 1000.0 + " s");
        CommandLine.line(out, "warmup", warmup.toMillis() / 1000.0 + " s");
        CommandLine.line(out, "users", users);
        CommandLine.line(out, "connections", connections);
        CommandLine.line(out, "client", httpClient().name().toLowerCase(Locale.ROOT)
                + " for the orders' HTTP, jdk for the WebSockets");
        CommandLine.line(out, "probes", probeCount() + " subscribers keep trade ids; " + correlate + " taking orders correlated");
        return out.toString();
    }
}
