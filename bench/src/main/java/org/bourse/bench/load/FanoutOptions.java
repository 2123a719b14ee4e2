package org.bourse.bench.load;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The fan-out benchmark's command line: {@code --name value} or {@code --name=value}, every option with a
 * default, refused naming the option when wrong (as {@link LoadOptions} does).
 */
record FanoutOptions(URI url, int subscribers, double rate, Duration duration, Duration warmup, String market,
                     int users, int connections, double crossing, int probes, int correlate, String adminEmail,
                     String adminPassword) {

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
            exit status: 0 when every subscriber connected and received messages and every order answer was
            one the contract allows, 1 otherwise, 2 for a bad command line
            """;

    static FanoutOptions defaults() {
        return new FanoutOptions(URI.create("http://localhost:8080"), 100, 200, Duration.ofSeconds(30),
                Duration.ofSeconds(5), "BTC-USD", 4, 16, 0.5, 20, 2000, "load.admin@bourse.test",
                "load-admin-password");
    }

    /** @throws IllegalArgumentException naming the option that is wrong */
    static FanoutOptions parse(String... args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            int eq = arg.indexOf('=');
            if (eq > 0) {
                given.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else if (i + 1 < args.length) {
                given.put(arg.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("option " + arg + " needs a value");
            }
        }
        FanoutOptions d = defaults();
        String url = take(given, "url", d.url().toString());
        FanoutOptions options = new FanoutOptions(
                URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url),
                whole(given, "subscribers", d.subscribers()),
                number(given, "rate", d.rate()),
                LoadOptions.duration("duration", take(given, "duration", "30s")),
                LoadOptions.duration("warmup", take(given, "warmup", "5s")),
                take(given, "market", d.market()).toUpperCase(Locale.ROOT),
                whole(given, "users", d.users()),
                whole(given, "connections", d.connections()),
                number(given, "crossing", d.crossing()),
                whole(given, "probes", d.probes()),
                whole(given, "correlate", d.correlate()),
                take(given, "admin-email", d.adminEmail()),
                take(given, "admin-password", d.adminPassword()));
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown option --" + given.keySet().iterator().next());
        }
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
                connections, Mix.parse("limit=75,cancel=25"), market, null, crossing, 0, adminEmail, adminPassword,
                LoadOptions.OrderCheck.BY_ID, d.reconcileWait(), d.maxInFlight());
    }

    /** One line per option, as used. */
    String describe() {
        StringBuilder out = new StringBuilder();
        line(out, "url", url + " (WebSocket " + webSocket() + ")");
        line(out, "subscribers", subscribers + ", each on book:" + market + " and trades:" + market);
        line(out, "rate", rate + " orders/s (limit=75,cancel=25, crossing " + crossing + ")");
        line(out, "duration", duration.toMillis() / 1000.0 + " s");
        line(out, "warmup", warmup.toMillis() / 1000.0 + " s");
        line(out, "users", users);
        line(out, "connections", connections);
        line(out, "probes", probeCount() + " subscribers keep trade ids; " + correlate + " taking orders correlated");
        return out.toString();
    }

    private static void line(StringBuilder out, String name, Object value) {
        out.append(String.format(Locale.ROOT, "  %-15s %s%n", name, value));
    }

    private static String take(Map<String, String> given, String name, String fallback) {
        String value = given.remove(name);
        return value == null ? fallback : value;
    }

    private static int whole(Map<String, String> given, String name, int fallback) {
        String text = take(given, name, Integer.toString(fallback));
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " '" + text + "' is not a whole number");
        }
    }

    private static double number(Map<String, String> given, String name, double fallback) {
        String text = take(given, name, Double.toString(fallback));
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " '" + text + "' is not a number");
        }
    }
}
