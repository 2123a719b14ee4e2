package org.bourse.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Everything before the measured traffic: the market's rules, which market-data endpoints exist, the admin
 * for the final reconciliation, the traders (registered, logged in, funded) and a seeded book on both sides.
 * Nothing here is measured. A server that refuses any of it stops the run with an {@link IllegalStateException}
 * saying what was refused.
 */
final class Setup {

    /** Each trader can afford this many of the flow's largest orders on each side. */
    private static final int FUNDED_ORDERS = 20_000;
    /** Resting orders each trader places on each side before the run, so market orders find liquidity. */
    private static final int SEED_ORDERS_PER_SIDE = 2;
    /** Registrations (bcrypt on the server) at once. */
    private static final int REGISTRATION_PARALLELISM = 8;
    private static final int RATE_LIMITED_RETRIES = 30;

    /** What the run trades with. */
    record Prepared(MarketRules rules, OrderFlow flow, List<Trader> traders, Trader admin, Set<RequestKind> missing) {
    }

    private final LoadOptions options;
    private final BourseHttp http;
    private final PrintStream out;
    /** Distinguishes this run's users and deposits from every earlier run's on the same server. */
    private final String runId = Long.toString(System.currentTimeMillis(), 36)
            + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36), 36);

    Setup(LoadOptions options, BourseHttp http, PrintStream out) {
        this.options = options;
        this.http = http;
        this.out = out;
    }

    Prepared prepare() {
        MarketRules rules = market();
        Set<RequestKind> missing = missingEndpoints(rules);
        Trader admin = admin();
        List<Trader> traders = traders();
        long midTicks = midTicks(rules, missing);
        Mix mix = options.mix().without(missing);
        OrderFlow flow = new OrderFlow(http, rules, traders, mix, midTicks, options.crossing());
        out.printf(Locale.ROOT, "setup: %s around %s %s, orders of %s to %s %s%n", rules.symbol(),
                rules.price(midTicks), rules.quoteAsset(), rules.quantity(flow.largestOrderLots() / 5),
                rules.quantity(flow.largestOrderLots()), rules.baseAsset());
        fund(traders, admin, rules, flow);
        seedBook(traders, flow);
        return new Prepared(rules, flow, traders, admin, missing);
    }

    private MarketRules market() {
        BourseHttp.Reply reply = http.get("/api/v1/markets", null);
        if (reply.status() != 200) {
            throw new IllegalStateException("GET /api/v1/markets answered " + reply.outcome() + " at " + options.url()
                    + (reply.status() == BourseHttp.Reply.NO_RESPONSE ? " (" + reply.body() + ")" : ""));
        }
        List<Object> markets = Json.array(reply.body());
        return MarketRules.find(markets, options.market()).orElseThrow(() -> new IllegalStateException(
                "the server lists no market " + options.market() + "; it lists " + markets.stream()
                        .map(m -> Json.text(asObject(m), "symbol")).toList()));
    }

    /** Book and ticker are built on another branch: when their address is unknown, leave them out of the mix. */
    private Set<RequestKind> missingEndpoints(MarketRules rules) {
        Set<RequestKind> missing = EnumSet.noneOf(RequestKind.class);
        for (RequestKind kind : List.of(RequestKind.BOOK, RequestKind.TICKER)) {
            if (!options.mix().includes(kind)) {
                continue;
            }
            String path = "/api/v1/markets/" + rules.symbol() + "/" + kind.label();
            BourseHttp.Reply reply = http.get(path, null);
            if (kind.missingEndpoint(reply)) {
                missing.add(kind);
                out.println("setup: GET " + path + " answered 404 NOT_FOUND: " + kind.label()
                        + " reads are skipped, their share goes to the other kinds");
            }
        }
        return missing;
    }

    private Trader admin() {
        String email = options.adminEmail();
        String name = email.substring(0, Math.max(1, email.indexOf('@'))).replaceAll("[^A-Za-z0-9_.-]", "_");
        Trader admin = new Trader(name.length() < 3 ? name + "_admin" : name, email, options.adminPassword());
        BourseHttp.Reply reply = register(admin);
        if (reply.status() == 409 && "USERNAME_TAKEN".equals(reply.problemCode())) {
            admin = new Trader(admin.username() + "_" + runId, email, options.adminPassword());
            reply = register(admin);
        }
        if (reply.status() != 201 && !(reply.status() == 409 && "EMAIL_TAKEN".equals(reply.problemCode()))) {
            throw new IllegalStateException("registering the admin " + email + " answered " + reply.outcome());
        }
        BourseHttp.Reply refused = admin.login(http);
        if (refused != null) {
            throw new IllegalStateException("the admin " + email + " cannot log in (" + refused.outcome()
                    + "); an existing admin needs its password in --admin-password");
        }
        if (!"admin".equals(admin.role(http)) && options.adminBootstrapTokenFile() != null) {
            bootstrap(admin, Path.of(options.adminBootstrapTokenFile()));
        }
        if (!"admin".equals(admin.role(http))) {
            throw new IllegalStateException(email + " is not an admin on this server: pass the server's "
                    + "<data dir>/admin-bootstrap-token as --admin-bootstrap-token-file while it has no admin, or the "
                    + "--admin-email and --admin-password of an existing admin");
        }
        return admin;
    }

    /** Makes the admin the server's first one with its one-time bootstrap token (POST /admin/bootstrap). */
    private void bootstrap(Trader admin, Path tokenFile) {
        String token;
        try {
            token = Files.readString(tokenFile, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the admin bootstrap token " + tokenFile + " (" + e
                    + "); does the server have an admin already?");
        }
        BourseHttp.Reply reply = http.post("/api/v1/admin/bootstrap", Json.write(Map.of("token", token)),
                admin.token(http));
        if (reply.status() != 204) {
            throw new IllegalStateException("the admin bootstrap answered " + reply.outcome());
        }
        out.println("setup: " + admin.username() + " is the server's admin, made with its bootstrap token");
    }

    private List<Trader> traders() {
        List<Trader> traders = new ArrayList<>();
        for (int i = 0; i < options.users(); i++) {
            traders.add(new Trader("lg_" + runId + "_" + i, "lg." + runId + "." + i + "@load.bourse.test",
                    "load-" + runId + "-password"));
        }
        Parallel.forEach(traders, REGISTRATION_PARALLELISM, trader -> {
            BourseHttp.Reply reply = register(trader);
            if (reply.status() != 201) {
                throw new IllegalStateException("registering " + trader.username() + " answered " + reply.outcome());
            }
            trader.registeredAs(Json.text(Json.object(reply.body()), "id"));
            BourseHttp.Reply refused = trader.login(http);
            if (refused != null) {
                throw new IllegalStateException(trader.username() + " cannot log in: " + refused.outcome());
            }
        });
        out.printf(Locale.ROOT, "setup: %d traders registered and logged in%n", traders.size());
        return traders;
    }

    private BourseHttp.Reply register(Trader trader) {
        String body = Json.write(Map.of("username", trader.username(), "email", trader.email(),
                "password", trader.password()));
        return retryingWhenRateLimited(() -> http.post("/api/v1/auth/register", body, null));
    }

    /** --mid, else the ticker's last price or the middle of its best bid and ask, else a reference price. */
    private long midTicks(MarketRules rules, Set<RequestKind> missing) {
        if (options.mid() != null) {
            return rules.ticks(options.mid());
        }
        if (!missing.contains(RequestKind.TICKER)) {
            BourseHttp.Reply reply = http.get("/api/v1/markets/" + rules.symbol() + "/ticker", null);
            if (reply.status() == 200) {
                Optional<BigDecimal> price = tickerPrice(Json.object(reply.body()));
                if (price.isPresent()) {
                    return rules.ticks(price.get());
                }
            }
        }
        return rules.ticks(MarketRules.referencePrice(rules.symbol()).orElseThrow(() -> new IllegalStateException(
                rules.symbol() + " has no ticker price to trade around: pass --mid")));
    }

    private static Optional<BigDecimal> tickerPrice(Map<String, Object> ticker) {
        String last = Json.text(ticker, "last_price");
        if (last != null) {
            return Optional.of(new BigDecimal(last));
        }
        String bid = Json.text(ticker, "best_bid");
        String ask = Json.text(ticker, "best_ask");
        if (bid != null && ask != null) {
            return Optional.of(new BigDecimal(bid).add(new BigDecimal(ask)).divide(BigDecimal.TWO));
        }
        return Optional.empty();
    }

    /** Deposits through the sandbox faucet; where it is off or gives less, the admin deposits to each trader instead. */
    private void fund(List<Trader> traders, Trader admin, MarketRules rules, OrderFlow flow) {
        BigDecimal base = rules.quantityValue(flow.largestOrderLots()).multiply(BigDecimal.valueOf(FUNDED_ORDERS))
                .setScale(0, RoundingMode.CEILING);
        BigDecimal quote = base.multiply(rules.priceValue(flow.midTicks())).multiply(new BigDecimal("1.01"))
                .setScale(0, RoundingMode.CEILING);
        Parallel.forEach(traders, options.connections(), trader -> {
            deposit(trader, admin, rules.baseAsset(), base, "lg-" + runId + "-" + rules.baseAsset());
            deposit(trader, admin, rules.quoteAsset(), quote, "lg-" + runId + "-" + rules.quoteAsset());
        });
        out.printf(Locale.ROOT, "setup: each trader funded with %s %s and %s %s%n", base.toPlainString(),
                rules.baseAsset(), quote.toPlainString(), rules.quoteAsset());
    }

    private void deposit(Trader trader, Trader admin, String asset, BigDecimal amount, String transactionId) {
        String body = Json.write(Map.of("asset", asset, "amount", amount.toPlainString(), "transaction_id",
                transactionId));
        BourseHttp.Reply reply = retryingWhenRateLimited(() -> http.post("/api/v1/deposits", body, trader.token(http)));
        if ((reply.status() == 403 && "FAUCET_DISABLED".equals(reply.problemCode()))
                || (reply.status() == 422 && "FAUCET_LIMIT_REACHED".equals(reply.problemCode()))) {
            String byAdmin = Json.write(Map.of("asset", asset, "amount", amount.toPlainString(), "transaction_id",
                    transactionId + "-" + trader.userId(), "user_id", trader.userId()));
            reply = retryingWhenRateLimited(() -> http.post("/api/v1/deposits", byAdmin, admin.token(http)));
        }
        if (reply.status() != 201) {
            throw new IllegalStateException("depositing " + amount.toPlainString() + " " + asset + " to "
                    + trader.username() + " answered " + reply.outcome());
        }
    }

    private void seedBook(List<Trader> traders, OrderFlow flow) {
        Parallel.forEach(traders, options.connections(), trader -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int i = 0; i < SEED_ORDERS_PER_SIDE; i++) {
                for (String side : List.of("buy", "sell")) {
                    OrderFlow.Request request = flow.restingLimit(trader, random, side);
                    BourseHttp.Reply reply = retryingWhenRateLimited(() -> flow.send(request));
                    if (reply.status() != 201) {
                        throw new IllegalStateException("seeding the book: a " + side + " limit order of "
                                + trader.username() + " answered " + reply.outcome());
                    }
                    String problem = flow.learn(request, reply);
                    if (problem != null) {
                        throw new IllegalStateException("seeding the book: " + problem);
                    }
                }
            }
        });
        out.printf(Locale.ROOT, "setup: book seeded with %d resting orders%n",
                traders.size() * SEED_ORDERS_PER_SIDE * 2);
    }

    private static BourseHttp.Reply retryingWhenRateLimited(Supplier<BourseHttp.Reply> call) {
        BourseHttp.Reply reply = call.get();
        for (int i = 0; i < RATE_LIMITED_RETRIES && reply.status() == 429; i++) {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return reply;
            }
            reply = call.get();
        }
        return reply;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(Object value) {
        return (Map<String, Object>) value;
    }
}
