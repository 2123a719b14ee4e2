package org.bourse.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.bourse.engine.Engine;
import org.bourse.engine.EngineConfig;
import org.bourse.engine.Result;
import org.bourse.engine.command.Command;
import org.bourse.engine.command.PlaceOrder;
import org.bourse.engine.runtime.EngineOverloadedException;
import org.bourse.engine.runtime.EngineRuntime;
import org.bourse.engine.runtime.RuntimeConfig;
import org.bourse.platform.ApiException;
import org.bourse.platform.DataDirectory;
import org.bourse.platform.DurableWrites;
import org.bourse.platform.ErrorCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way into the engine for every module. Starts before the web server and stops after it: recovery
 * (snapshot + journal, on its own thread while the rest of the application is created), the projector
 * catching up from its stored sequence, the live views rebuilt from the recovered engine, the initial
 * markets listed; at shutdown the engine drains, journals and snapshots.
 */
@Component
@EnableConfigurationProperties(ExchangeProperties.class)
public final class ExchangeGateway implements SmartLifecycle, InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ExchangeGateway.class);
    /** Before the web server (which starts late and stops early), so no request ever finds the engine down. */
    private static final int PHASE = 0;

    private final ExchangeProperties properties;
    private final DataDirectory dataDirectory;
    private final List<LiveView> views;
    private final EventStream stream;
    private final LiveOrders liveOrders;
    private final UserSequences userSequences;
    private final MarketCatalog catalog;
    private final Clock clock;
    private final Projector projector;
    private final AnswerDeadlines deadlines;
    private final WorkingOrders workingOrders;
    /** The recovery begun when the bean was made, until {@link #start()} takes it; null afterwards. */
    private volatile CompletableFuture<EngineRuntime> recovery;
    private volatile EngineRuntime runtime;

    ExchangeGateway(ExchangeProperties properties, DataDirectory dataDirectory, List<LiveView> views,
                    List<Projection> projections, EventStream stream, LiveOrders liveOrders, UserSequences userSequences,
                    WorkingOrders workingOrders, MarketCatalog catalog, JdbcTemplate jdbc,
                    TransactionTemplate transactions, DurableWrites durableWrites, Clock clock) {
        this.properties = properties;
        this.dataDirectory = dataDirectory;
        this.views = views;
        this.stream = stream;
        this.liveOrders = liveOrders;
        this.userSequences = userSequences;
        this.workingOrders = workingOrders;
        this.catalog = catalog;
        this.clock = clock;
        this.projector = new Projector(properties.projectorQueue(), properties.projectorBatch(),
                properties.projectorInterval(), projections, jdbc, transactions, liveOrders::projected,
                durableWrites::flush, this::projectedDurably, clock);
        this.deadlines = new AnswerDeadlines(properties.requestTimeout());
    }

    /**
     * Recovery begins as soon as this bean exists, on a thread of its own, while Spring goes on creating the
     * rest of the application (web server, controllers, caches): replaying a long journal and starting the
     * framework use different cores instead of following each other. The read models are migrated by then
     * (the {@link JdbcTemplate} this bean takes is only handed out after the migrations). {@link #start()}
     * waits for the recovery to finish.
     */
    @Override
    public void afterPropertiesSet() {
        CompletableFuture<EngineRuntime> recovering = new CompletableFuture<>();
        recovery = recovering;
        Thread.ofPlatform().name("bourse-recovery").start(() -> {
            try {
                recovering.complete(recover());
            } catch (Throwable failure) {
                recovering.completeExceptionally(failure);
            }
        });
    }

    private EngineRuntime recover() {
        long began = System.nanoTime();
        long replayFrom = projector.loadProjectedSequence();
        projector.start();
        RuntimeConfig config = new RuntimeConfig(dataDirectory.resolve("engine"),
                new EngineConfig(properties.slippagePpm(), EngineConfig.DEFAULT.idempotencyRetention()),
                properties.queueCapacity(), properties.maxBatch(), properties.fsync(), properties.snapshotEvery(),
                properties.segmentBytes().toBytes(), properties.archiveJournal(), clock::millis);
        try {
            EngineRuntime recovered = EngineRuntime.start(config, new EventCollector(views, catalog, projector, stream),
                    replayFrom);
            log.info("Engine recovered at sequence {} in {} ms", recovered.lastAppliedSequence(),
                    Duration.ofNanos(System.nanoTime() - began).toMillis());
            projector.reportCatchUp(recovered.lastAppliedSequence());
            return recovered;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot recover the engine from " + config.directory(), e);
        }
    }

    /** Takes the recovery begun at creation; a start after a stop (a restarted context) recovers anew. */
    @Override
    public void start() {
        CompletableFuture<EngineRuntime> recovering = recovery;
        recovery = null;
        try {
            runtime = recovering != null ? recovering.join() : recover();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
        query(engine -> {
            views.forEach(view -> view.restore(engine));
            return null;
        });
        listInitialMarkets();
        log.info("Engine ready at sequence {} (read models at {})", runtime.lastAppliedSequence(),
                projector.projectedSequence());
    }

    /**
     * Stops the deadline sweeper; and when the application failed to start after recovery began, closes the
     * recovered engine, whose threads must not outlive it.
     */
    @Override
    public void destroy() {
        deadlines.close();
        CompletableFuture<EngineRuntime> recovering = recovery;
        recovery = null;
        if (recovering != null) {
            try {
                recovering.join().close();
            } catch (CompletionException failedAnyway) {
                // nothing was started
            }
            projector.stop();
            stream.close();
        }
    }

    private void listInitialMarkets() {
        for (MarketListing listing : MarketListing.initial()) {
            if (catalog.market(listing.symbol()).isEmpty()) {
                for (Command command : listing.commands("start-up")) {
                    Result result = execute(command);
                    if (!result.accepted()) {
                        throw new IllegalStateException("Could not list " + listing.symbol() + ": " + result.rejection());
                    }
                }
            }
        }
    }

    @Override
    public void stop() {
        EngineRuntime running = runtime;
        runtime = null;
        if (running != null) {
            running.close();
        }
        projector.stop();
        stream.close();
    }

    @Override
    public boolean isRunning() {
        return runtime != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /**
     * Submits a command and waits for its result, which comes only once the command is durable. Overload
     * and unavailability answer 503 with Retry-After, never an unbounded wait. A placement first takes one of
     * its user's working-order slots ({@link WorkingOrders}), or is refused with {@code 422 OPEN_ORDER_LIMIT}.
     */
    public Result execute(Command command) {
        if (command instanceof PlaceOrder place) {
            return WorkingOrders.mayStayLive(place) ? placeWithinLimits(place) : place(place, submit(place));
        }
        return await(submit(command));
    }

    /**
     * A placement not answered in time is still in the engine's queue and may yet be applied: the caller is
     * told the outcome is unknown ({@code 503 ORDER_OUTCOME_UNKNOWN}) with the order's client_order_id, never
     * to simply retry, which could place it twice.
     */
    private Result place(PlaceOrder place, CompletableFuture<Result> future) {
        try {
            return deadlines.await(future.copy());
        } catch (ExecutionException e) {
            Throwable cause = cause(e);
            if (cause instanceof TimeoutException) {
                throw ApiException.orderOutcomeUnknown(place.clientOrderId() != null
                        ? "The order was queued but not confirmed in time and may still be placed. Send the same "
                                + "order again with client_order_id " + place.clientOrderId() + ": you get that order, "
                                + "placed once"
                        : "The order was queued but not confirmed in time and may still be placed. Look for it in "
                                + "GET /api/v1/orders before placing it again; send a client_order_id (or an "
                                + "Idempotency-Key) so that a retry is always safe", place.clientOrderId());
            }
            throw unavailable(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        }
    }

    private Result placeWithinLimits(PlaceOrder place) {
        if (!workingOrders.reserve(place.userId(), place.market())) {
            long existing = place.clientOrderId() == null ? 0
                    : query(engine -> engine.orderIdOfClientOrderId(place.userId(), place.clientOrderId()));
            if (existing > 0) {
                return Result.existingOrder(existing); // a retry of a placement the engine has: its answer, as ever
            }
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, ErrorCodes.OPEN_ORDER_LIMIT,
                    "At most " + workingOrders.maxPerMarket() + " working orders (pending, open or waiting for their "
                    + "trigger) in one market and " + workingOrders.maxInAll() + " in all; cancel or execute some first");
        }
        CompletableFuture<Result> future = submit(place);
        // Given back once the engine has answered, whenever that is (the request may have stopped waiting by
        // then), on the engine thread: a few instructions under the user's monitor. The order is counted by then
        // if it stayed.
        future.whenComplete((result, failure) -> workingOrders.release(place.userId(), place.market()));
        return place(place, future);
    }

    /** Waits for the engine's answer up to the deadline; the engine's own future is left to the engine. */
    private Result await(CompletableFuture<Result> future) {
        try {
            return deadlines.await(future.copy());
        } catch (ExecutionException e) {
            throw unavailable(cause(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        }
    }

    public CompletableFuture<Result> submit(Command command) {
        EngineRuntime running = runtime;
        if (running == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the engine is not running"));
        }
        return running.submit(command);
    }

    /** Reads the engine's live state on its thread, between two commands. */
    public <T> T query(Function<Engine, T> read) {
        EngineRuntime running = runtime;
        if (running == null) {
            throw unavailable(new IllegalStateException("the engine is not running"));
        }
        try {
            return deadlines.await(running.query(read));
        } catch (ExecutionException e) {
            throw unavailable(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        }
    }

    /**
     * Waits until the read models reflect every command applied so far, so that a client reads its own
     * writes from them. Bounded by the request timeout; after it, the read goes ahead with what is there.
     */
    public void awaitReadModels() {
        EngineRuntime running = runtime;
        if (running != null) {
            projector.awaitProjected(running.lastAppliedSequence(), properties.requestTimeout());
        }
    }

    /**
     * Waits until the read models reflect every applied command that changed anything of {@code userId}'s,
     * so the user reads their own writes (and fills of their resting orders) without waiting for everyone
     * else's commands to be projected. Bounded by the request timeout like {@link #awaitReadModels()}.
     */
    public void awaitReadModels(long userId) {
        long sequence = userSequences.lastTouching(userId);
        if (sequence > 0) {
            projector.awaitProjected(sequence, properties.requestTimeout());
        }
    }

    public long lastAppliedSequence() {
        EngineRuntime running = runtime;
        return running == null ? 0 : running.lastAppliedSequence();
    }

    public long projectedSequence() {
        return projector.projectedSequence();
    }

    /** A command the read models could not take, set aside so that they go on (see {@link Projector}). */
    public record QuarantinedCommand(long sequence, String traceId, String command, String error,
                                     java.time.Instant quarantinedAt) {
    }

    /** Oldest first. */
    public List<QuarantinedCommand> quarantinedCommands() {
        return projector.quarantined().stream().map(e -> new QuarantinedCommand(e.sequence(), e.traceId(), e.command(),
                e.error(), e.quarantinedAt())).toList();
    }

    /**
     * Tries a quarantined command again now. @return empty once it is in the read models, else why it failed
     * @throws java.util.NoSuchElementException when no command with that sequence is quarantined
     * @throws IllegalStateException when it can only be tried at the next start (quarantined by an earlier run)
     */
    public java.util.Optional<String> retryQuarantined(long sequence) {
        return projector.retry(sequence);
    }

    /** The read models up to {@code sequence} are on disk: the engine need not replay anything before it. */
    private void projectedDurably(long sequence) {
        EngineRuntime running = runtime;
        if (running != null) {
            running.releaseUpTo(sequence);
        }
    }

    /** What failed the engine's future: {@link CompletableFuture#copy()} wraps it once more. */
    private static Throwable cause(ExecutionException e) {
        return e.getCause() instanceof CompletionException wrapped && wrapped.getCause() != null
                ? wrapped.getCause() : e.getCause();
    }

    private static ApiException unavailable(Throwable cause) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "1");
        String detail = cause instanceof EngineOverloadedException
                ? "The exchange is busy; retry after the number of seconds in Retry-After"
                : "The exchange cannot take this request right now; retry shortly";
        if (!(cause instanceof EngineOverloadedException)) {
            log.warn("Engine unavailable: {}", String.valueOf(cause));
        }
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ErrorCodes.SERVICE_UNAVAILABLE, detail, List.of(), headers);
    }

}
