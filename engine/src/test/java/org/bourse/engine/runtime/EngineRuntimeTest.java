package org.bourse.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.bourse.engine.Engine;
import org.bourse.engine.EngineListener;
import org.bourse.engine.Result;
import org.bourse.engine.command.Command;
import org.bourse.engine.command.Deposit;
import org.bourse.engine.command.OpenAccount;
import org.bourse.engine.journal.EventLog;
import org.bourse.engine.journal.Journal;
import org.bourse.engine.journal.JournalFiles;
import org.bourse.engine.journal.RandomCommands;
import org.bourse.engine.journal.Recovery;
import org.bourse.engine.journal.Stamped;
import org.bourse.engine.testsupport.RandomSeed;
import org.bourse.engine.testsupport.Seed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
@ExtendWith(RandomSeed.class)
class EngineRuntimeTest {

    @TempDir
    Path dir;

    private final long seed;
    private final List<EngineRuntime> started = new ArrayList<>();

    EngineRuntimeTest(Seed seed) {
        this.seed = seed.value();
    }

    @AfterEach
    void closeAll() {
        started.forEach(EngineRuntime::close);
    }

    @Test
    void concurrentSubmittersAllGetTheResultThatAReplayOfTheJournalGives() throws Exception {
        Map<Command, Long> sequenceOf = Collections.synchronizedMap(new IdentityHashMap<>());
        EngineListener listener = new EngineListener() {
            @Override
            public void commandCompleted(long sequence, Command command, Result result) {
                sequenceOf.put(command, sequence);
            }
        };
        EngineRuntime runtime = start(config().withFsync(true), listener);
        submitAll(runtime, new RandomCommands(seed, 8).setup());

        int threads = 8;
        int perThread = 2_000;
        List<Map<Command, CompletableFuture<Result>>> submitted = new ArrayList<>();
        List<Thread> submitters = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Map<Command, CompletableFuture<Result>> mine = new IdentityHashMap<>();
            submitted.add(mine);
            RandomCommands commands = new RandomCommands(seed + t, 8);
            submitters.add(Thread.ofPlatform().start(() -> {
                List<CompletableFuture<Result>> window = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    Command command = commands.next();
                    CompletableFuture<Result> future = runtime.submit(command);
                    mine.put(command, future);
                    window.add(future);
                    if (window.size() == 100) { // a client with a hundred requests in flight
                        window.forEach(CompletableFuture::join);
                        window.clear();
                    }
                }
            }));
        }
        for (Thread submitter : submitters) {
            submitter.join();
        }
        long liveHash = runtime.query(Engine::stateHash).get(10, TimeUnit.SECONDS);
        assertThat(runtime.query(e -> e.report().healthy()).get()).isTrue();
        runtime.close();

        List<Stamped> journal = JournalFiles.read(Recovery.journalDirectory(dir), 0);
        assertThat(journal).hasSize(new RandomCommands(seed, 8).setup().size() + threads * perThread);
        Engine replay = new Engine(Stamped.CONFIG);
        Map<Long, Result> replayed = new java.util.HashMap<>();
        for (Stamped r : journal) {
            replayed.put(r.sequence(), replay.apply(r.sequence(), r.timestamp(), r.command()));
        }
        assertThat(replay.stateHash()).isEqualTo(liveHash);
        for (Map<Command, CompletableFuture<Result>> mine : submitted) {
            mine.forEach((command, future) -> {
                assertThat(future).isCompleted();
                assertThat(future.join()).isEqualTo(replayed.get(sequenceOf.get(command)));
            });
        }
    }

    @Test
    void closeThenStartGivesTheSameStateAndContinuesTheSequence() throws Exception {
        EngineRuntime first = start(config(), null);
        submitAll(first, new RandomCommands(seed, 5).script(500));
        long hash = first.query(Engine::stateHash).get();
        long last = first.lastAppliedSequence();
        first.close();
        assertThat(snapshotFiles()).as("close leaves a snapshot of the final state")
                .contains(String.format("%020d.snap", last));

        EventLog log = new EventLog();
        EngineRuntime second = start(config(), log);

        assertThat(second.lastAppliedSequence()).isEqualTo(last);
        assertThat(second.query(Engine::stateHash).get()).isEqualTo(hash);
        assertThat(log.sequences()).as("nothing replayed to the listener").isEmpty();
        second.submit(new OpenAccount(77, null)).get();
        assertThat(log.sequences()).containsExactly(last + 1);
    }

    @Test
    void aFullInboundQueueFailsSubmissionsAtOnceWithoutBlocking() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger begun = new AtomicInteger();
        EngineListener stalls = new EngineListener() {
            @Override
            public void commandStarted(long sequence, long timestamp, Command command) {
                begun.incrementAndGet();
                awaitQuietly(release);
            }
        };
        EngineRuntime runtime = start(config().withQueue(4, 1), stalls);
        // The engine stays inside its first command until this thread releases it, so no room ever opens while
        // these submissions are made: a submit that waited for room would not return at all.
        List<CompletableFuture<Result>> accepted = new ArrayList<>();
        CompletableFuture<Result> refused = null;
        for (int i = 1; i <= 1_000 && refused == null; i++) {
            CompletableFuture<Result> future = runtime.submit(new OpenAccount(i, null));
            if (future.isDone()) {
                refused = future; // answered before submit returned
            } else {
                accepted.add(future);
            }
        }

        assertThat(refused).as("a submission answered at once while the engine was stuck").isNotNull();
        assertThat(begun.get()).as("commands the engine began meanwhile").isLessThanOrEqualTo(1);
        assertThatThrownBy(refused::join).hasCauseInstanceOf(EngineOverloadedException.class);
        assertThat(accepted.size()).as("inbound + hand-off + the one being applied").isBetween(4, 16);
        assertThat(accepted).as("accepted ones wait for the engine").noneMatch(CompletableFuture::isDone);
        release.countDown();
        for (CompletableFuture<Result> future : accepted) {
            assertThat(future.get(10, TimeUnit.SECONDS).accepted()).isTrue();
        }
    }

    @Test
    void replayFromTellsTheListenerExactlyTheEventsAfterThatSequence() throws Exception {
        EventLog original = new EventLog();
        EngineRuntime first = start(config(), original);
        List<Command> script = new RandomCommands(seed, 5).script(400);
        submitAll(first, script.subList(0, 150));
        first.snapshot();
        submitAll(first, script.subList(150, script.size()));
        first.close();
        assertThat(snapshotFiles()).hasSizeGreaterThanOrEqualTo(2);

        EventLog replayed = new EventLog();
        long replayFrom = 300;
        EngineRuntime second = start(config(), replayed, replayFrom);

        assertThat(replayed.sequences()).first().isEqualTo(replayFrom + 1);
        assertThat(replayed.events()).isEqualTo(original.eventsFrom(replayFrom + 1));
        assertThat(second.lastAppliedSequence()).isEqualTo(script.size());
    }

    @Test
    void aCommandTheEngineThrowsOnFailsWithThatExceptionAndStopsTheRuntime() throws Exception {
        AtomicBoolean faulty = new AtomicBoolean(true);
        EngineListener listener = new EngineListener() {
            @Override
            public void commandStarted(long sequence, long timestamp, Command command) {
                if (faulty.get() && command instanceof OpenAccount open && open.userId() == 666) {
                    throw new IllegalStateException("listener bug");
                }
            }
        };
        EngineRuntime runtime = start(config(), listener);
        runtime.submit(new OpenAccount(1, null)).get();

        CompletableFuture<Result> bad = runtime.submit(new OpenAccount(666, null));
        assertThatThrownBy(bad::join).hasRootCauseMessage("listener bug");
        assertThatThrownBy(() -> runtime.submit(new OpenAccount(2, null)).join())
                .hasCauseInstanceOf(EngineUnavailableException.class);
        assertThatThrownBy(() -> runtime.query(Engine::lastSequence).join())
                .hasCauseInstanceOf(EngineUnavailableException.class);
        runtime.close();
        assertThat(snapshotFiles()).as("no snapshot of a possibly half-changed state").isEmpty();

        // the command is journaled: a replay that tells the listener meets the same throw and refuses to start
        assertThatThrownBy(() -> start(config(), listener, 0)).hasMessageContaining("replaying the command with sequence 2");
        faulty.set(false);
        assertThat(start(config(), listener, 0).lastAppliedSequence()).isEqualTo(2);
    }

    @Test
    void aSequencerFailureFailsTheBatchAndRefusesLaterCommands() throws Exception {
        AtomicBoolean clockBroken = new AtomicBoolean();
        EngineRuntime runtime = start(config().withClock(() -> {
            if (clockBroken.get()) {
                throw new IllegalStateException("clock gone");
            }
            return 1_700_000_000_000L;
        }), null);
        runtime.submit(new OpenAccount(1, null)).get();
        clockBroken.set(true);

        assertThatThrownBy(() -> runtime.submit(new OpenAccount(2, null)).join())
                .hasCauseInstanceOf(EngineUnavailableException.class).hasRootCauseMessage("clock gone");
        assertThatThrownBy(() -> runtime.submit(new OpenAccount(3, null)).join())
                .hasCauseInstanceOf(EngineUnavailableException.class);
        runtime.close();
        assertThat(JournalFiles.read(Recovery.journalDirectory(dir), 0)).hasSize(1);
    }

    @Test
    void queriesRunOnTheEngineThreadAndSeeAnsweredCommands() throws Exception {
        EngineRuntime runtime = start(config(), null);
        submitAll(runtime, new RandomCommands(seed, 2).setup());
        runtime.submit(new Deposit("extra", 1, "USD", 5_000, null)).get();

        assertThat(runtime.query(e -> Thread.currentThread().getName()).get()).isEqualTo("bourse-engine");
        long usd = runtime.query(e -> e.account(1).available(e.asset("USD").index())).get();
        assertThat(usd).isEqualTo(1_000_000_000L + 5_000);
        assertThatThrownBy(() -> runtime.query(e -> { throw new ArithmeticException("in the read"); }).join())
                .hasCauseInstanceOf(ArithmeticException.class);
        assertThat(runtime.submit(new OpenAccount(9, null)).get().accepted()).as("a failed read harms nothing").isTrue();
    }

    @Test
    void timestampsNeverGoBackwardsWhenTheClockDoes() throws Exception {
        AtomicLong clock = new AtomicLong(1_700_000_000_000L);
        List<Long> stamps = Collections.synchronizedList(new ArrayList<>());
        EngineRuntime runtime = start(config().withClock(() -> clock.getAndAdd(-1_000)), new EngineListener() {
            @Override
            public void commandStarted(long sequence, long timestamp, Command command) {
                stamps.add(timestamp);
            }
        });
        for (int i = 1; i <= 20; i++) {
            runtime.submit(new OpenAccount(i, null)).get();
        }
        assertThat(stamps).hasSize(20).isSorted().allMatch(t -> t == 1_700_000_000_000L);
    }

    @Test
    void automaticSnapshotsAndReleaseKeepWhatARestartFromTheReleasedPointNeeds() throws Exception {
        RuntimeConfig config = config().withSnapshotEveryCommands(100).withSegmentBytes(4_096);
        EngineRuntime runtime = start(config, null);
        submitAll(runtime, new RandomCommands(seed, 4).script(700));
        long hash = runtime.query(Engine::stateHash).get();
        runtime.releaseUpTo(500);
        runtime.close();

        List<Long> snapshots = snapshotSequences();
        assertThat(snapshots).as("automatic ones, and the one at close").hasSizeGreaterThanOrEqualTo(2);
        assertThat(snapshots.getFirst()).as("the newest at or below 500 is kept").isLessThanOrEqualTo(500);
        assertThat(snapshots.get(1)).as("and nothing older").isGreaterThan(500);
        assertThat(snapshots.getLast()).isEqualTo(runtime.lastAppliedSequence());
        List<Journal.Segment> segments = Journal.segments(Recovery.journalDirectory(dir));
        assertThat(segments.getFirst().firstSequence()).isGreaterThan(1).isLessThanOrEqualTo(snapshots.getFirst() + 1);

        Files.delete(Recovery.snapshotDirectory(dir).resolve(String.format("%020d.snap", snapshots.getLast())));
        EngineRuntime again = start(config, null, 500);
        assertThat(again.query(Engine::stateHash).get()).isEqualTo(hash);
    }

    @Test
    void aDirectoryServesOneRuntimeAtATime() throws Exception {
        start(config(), null);
        assertThatThrownBy(() -> EngineRuntime.start(config(), null, Long.MAX_VALUE))
                .isInstanceOf(IOException.class).hasMessageContaining("already in use");
    }

    @Test
    void afterCloseEverythingIsAnsweredUnavailable() throws Exception {
        EngineRuntime runtime = start(config(), null);
        runtime.close();
        runtime.close();

        assertThatThrownBy(() -> runtime.submit(new OpenAccount(1, null)).join())
                .hasCauseInstanceOf(EngineUnavailableException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> runtime.query(Engine::lastSequence).join())
                .hasCauseInstanceOf(EngineUnavailableException.class);
    }

    private RuntimeConfig config() {
        // fsync off unless a test is about it: these tests do not crash the machine
        return RuntimeConfig.defaults(dir).withEngine(Stamped.CONFIG).withFsync(false).withSnapshotEveryCommands(0);
    }

    private EngineRuntime start(RuntimeConfig config, EngineListener listener) throws IOException {
        return start(config, listener, Long.MAX_VALUE);
    }

    private EngineRuntime start(RuntimeConfig config, EngineListener listener, long replayFrom) throws IOException {
        EngineRuntime runtime = EngineRuntime.start(config, listener, replayFrom);
        started.add(runtime);
        return runtime;
    }

    /** Submits in order, a window at a time, and waits for all. */
    static void submitAll(EngineRuntime runtime, List<Command> commands) {
        List<CompletableFuture<Result>> futures = new ArrayList<>();
        for (Command command : commands) {
            futures.add(runtime.submit(command));
            if (futures.size() == 256) {
                futures.forEach(CompletableFuture::join);
                futures.clear();
            }
        }
        futures.forEach(CompletableFuture::join);
    }

    private List<String> snapshotFiles() throws IOException {
        Path snapshots = Recovery.snapshotDirectory(dir);
        if (!Files.isDirectory(snapshots)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(snapshots)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private List<Long> snapshotSequences() throws IOException {
        return snapshotFiles().stream().map(name -> Long.parseLong(name.substring(0, 20))).toList();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
