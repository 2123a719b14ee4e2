package org.bourse.bench.load;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * The load generator's command line: {@code --name value} or {@code --name=value}, every option with a
 * default. {@link #describe()} prints them all at the start of a run, so a report says how it was made.
 */
record LoadOptions(URI url, int users, Duration duration, Duration warmup, Mode mode, int concurrency, double rate,
                   int connections, BourseHttp.Client client, Mix mix, String market, BigDecimal mid, double crossing, long requests,
                   String adminEmail, String adminPassword, String adminBootstrapTokenFile, OrderCheck orderCheck,
                   Duration reconcileWait, int maxInFlight) {

    /** Closed loop: a fixed number of clients, each sending its next request when the last one is answered. */
    enum Mode { CLOSED, OPEN }

    /** How acknowledged orders are looked for at the end: each by id, in the owners' order lists, or both. */
    enum OrderCheck { BOTH, BY_ID, LIST }

    static final String USAGE = """
            usage: LoadGenerator [options]
              --url URL               server to load (default http://localhost:8080)
              --users N               traders registered and funded before the run (default 50)
              --duration D            measured time, e.g. 30s, 2m, 500ms (default 30s)
              --warmup D              unmeasured time before it (default 5s); in the open loop the rate
                                      climbs over it from a tenth of --rate to --rate
              --mode closed|open      closed loop (maximum throughput) or open loop (fixed arrival rate)
              --concurrency N         closed loop: clients sending back to back (default 64)
              --rate R                open loop: requests per second, arrivals at fixed intervals (default 1000)
              --connections N         HTTP/1.1 connections at most (default 64)
              --client raw|jdk        HTTP client: raw, a lean one of the generator's own, for plain http; or
                                      the JDK's HttpClient, which also speaks https but spends more CPU per
                                      request, taken from the server on a shared machine (default raw)
              --mix SPEC              shares of limit, market, cancel, read (= book+ticker+balances+orders)
                                      (default limit=50,market=5,cancel=25,read=20)
              --market SYMBOL         the market traded (default BTC-USD)
              --mid PRICE             reference price of the market (default: its ticker, else a price
                                      chosen for each start-up market)
              --crossing F            share of limit orders priced through the mid (default 0.33)
              --requests N            closed loop: stop after N measured requests instead of after --duration
              --admin-email E         admin for the reconciliation check, registered when new (default
                                      load.admin@bourse.test); an existing admin needs its --admin-password
              --admin-password P      (default load-admin-password)
              --admin-bootstrap-token-file F
                                      the server's <data dir>/admin-bootstrap-token: while the server has no
                                      admin, the admin above becomes it with this one-time token
              --order-check both|by-id|list
                                      how every acknowledged order is looked for at the end (default both)
              --reconcile-wait D      how long to keep looking for acknowledged orders the read models do
                                      not show yet, and asking for an audit run dated after the load
                                      (default 60s; the audit is asked for with POST /admin/reconciliation)
              --max-in-flight N       open loop: arrivals waiting for an answer at most; beyond, an arrival
                                      is shed and counted, and the rate is reported as not sustained
                                      (default 100000)
            exit status: 0 when the run is correct, 1 when it is not, 2 for a bad command line
            """;

    static LoadOptions defaults() {
        return new LoadOptions(URI.create("http://localhost:8080"), 50, Duration.ofSeconds(30), Duration.ofSeconds(5),
                Mode.CLOSED, 64, 1000, 64, BourseHttp.Client.RAW, Mix.parse(Mix.DEFAULT), "BTC-USD", null, 0.33, 0,
                "load.admin@bourse.test", "load-admin-password", null, OrderCheck.BOTH, Duration.ofSeconds(60), 100_000);
    }

    /** @throws IllegalArgumentException naming the option that is wrong */
    static LoadOptions parse(String... args) {
        CommandLine given = CommandLine.parse(args);
        LoadOptions d = defaults();
        LoadOptions options = new LoadOptions(
                URI.create(stripSlash(given.take("url", d.url().toString()))),
                positive("users", given.whole("users", d.users())),
                duration("duration", given.take("duration", "30s")),
                duration("warmup", given.take("warmup", "5s")),
                choice("mode", Mode.class, given.take("mode", "closed")),
                positive("concurrency", given.whole("concurrency", d.concurrency())),
                given.number("rate", d.rate()),
                positive("connections", given.whole("connections", d.connections())),
                choice("client", BourseHttp.Client.class, given.take("client", "raw")),
                Mix.parse(given.take("mix", Mix.DEFAULT)),
                given.take("market", d.market()).toUpperCase(Locale.ROOT),
                price(given.take("mid")),
                given.number("crossing", d.crossing()),
                given.whole("requests", 0),
                given.take("admin-email", d.adminEmail()),
                given.take("admin-password", d.adminPassword()),
                given.take("admin-bootstrap-token-file", null),
                choice("order-check", OrderCheck.class, given.take("order-check", "both")),
                duration("reconcile-wait", given.take("reconcile-wait", "60s")),
                positive("max-in-flight", given.whole("max-in-flight", d.maxInFlight())));
        given.rejectUnknown();
        if (options.requests() <= 0 && options.duration().isZero()) {
            throw new IllegalArgumentException("--duration must be positive");
        }
        if (options.rate() <= 0) {
            throw new IllegalArgumentException("--rate must be positive");
        }
        if (options.crossing() < 0 || options.crossing() > 1) {
            throw new IllegalArgumentException("--crossing must be between 0 and 1");
        }
        if (options.client() == BourseHttp.Client.RAW && !"http".equalsIgnoreCase(options.url().getScheme())) {
            throw new IllegalArgumentException("--client raw speaks plain http only; give --client jdk for "
                    + options.url());
        }
        if (options.requests() > 0 && options.mode() == Mode.OPEN) {
            throw new IllegalArgumentException("--requests is for the closed loop; the open loop runs for --duration");
        }
        return options;
    }

    /** One line per option, as used. */
    String describe() {
        StringBuilder out = new StringBuilder();
        CommandLine.line(out, "url", url);
        CommandLine.line(out, "mode", mode.name().toLowerCase(Locale.ROOT) + (mode == Mode.CLOSED
                ? " loop, " + concurrency + " clients back to back"
                : " loop, " + rate + " requests/s at fixed intervals (climbing to it over the warm-up), latency"
                + " from the intended send time"));
        CommandLine.line(out, "users", users);
        CommandLine.line(out, "duration", requests > 0 ? requests + " measured requests" : duration.toMillis() / 1000.0 + " s");
        CommandLine.line(out, "warmup", warmup.toMillis() / 1000.0 + " s");
        CommandLine.line(out, "connections", connections);
        CommandLine.line(out, "client", client == BourseHttp.Client.RAW ? "raw (the generator's own HTTP/1.1)"
                : "jdk (java.net.http.HttpClient)");
        CommandLine.line(out, "mix", mix);
        CommandLine.line(out, "market", market + (mid == null ? "" : " around " + mid.toPlainString()));
        CommandLine.line(out, "crossing", crossing);
        CommandLine.line(out, "admin", adminEmail);
        CommandLine.line(out, "order-check", orderCheck.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        CommandLine.line(out, "reconcile-wait", reconcileWait.toSeconds() + " s");
        if (mode == Mode.OPEN) {
            CommandLine.line(out, "max-in-flight", maxInFlight);
        }
        return out.toString();
    }

    private static BigDecimal price(String text) {
        if (text == null) {
            return null;
        }
        try {
            BigDecimal price = new BigDecimal(text.trim());
            if (price.signum() > 0) {
                return price;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("--mid '" + text + "' is not a positive price");
    }

    private static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("--" + name + " must be positive");
        }
        return value;
    }

    private static <E extends Enum<E>> E choice(String name, Class<E> type, String text) {
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + name + " must be one of " + Arrays.stream(
                    type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList());
        }
    }

    static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}, or a bare number of seconds. */
    static Duration duration(String name, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long amount = Long.parseLong(t.replaceAll("[smh]$", ""));
            return switch (t.charAt(t.length() - 1)) {
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> Duration.ofSeconds(amount);
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("--" + name + " '" + text + "' is not a duration such as 30s, 500ms or 2m");
        }
    }
}
