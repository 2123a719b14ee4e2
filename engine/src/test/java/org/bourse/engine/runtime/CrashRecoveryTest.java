package org.bourse.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.bourse.engine.Engine;
import org.bourse.engine.EngineListener;
import org.bourse.engine.journal.JournalFiles;
import org.bourse.engine.journal.RandomCommands;
import org.bourse.engine.journal.Recovery;
import org.bourse.engine.journal.Stamped;
import org.bourse.engine.testsupport.RandomSeed;
import org.bourse.engine.testsupport.Seed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What was acknowledged before a {@code kill -9} is there after it, with the result that was acknowledged. */
@ExtendWith(RandomSeed.class)
class CrashRecoveryTest {

    private static final int ACKS_BEFORE_KILL = 4_000;

    @TempDir
    Path dir;

    @Test
    @Timeout(90)
    void everyCommandAcknowledgedBeforeAKill9IsRecoveredWithItsResult(Seed seed) throws Exception {
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                CrashingSubmitter.class.getName(), dir.toString(), Long.toString(seed.value()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Thread reader = Thread.ofPlatform().start(() -> readLines(child, lines));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (lines.size() < ACKS_BEFORE_KILL) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                child.destroyForcibly();
                fail("the submitter stopped after " + lines.size() + " acknowledgements: " + lines.subList(
                        Math.max(0, lines.size() - 3), lines.size()));
            }
            Thread.sleep(5);
        }
        child.destroyForcibly(); // SIGKILL, mid-stream
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        reader.join();
        Map<Long, String> acknowledged = parse(lines);

        EngineRuntime recovered = EngineRuntime.start(CrashingSubmitter.config(dir), EngineListener.NONE, Long.MAX_VALUE);
        long lastApplied = recovered.lastAppliedSequence();
        long recoveredHash = recovered.query(Engine::stateHash).get();
        recovered.close();

        long lastAcknowledged = acknowledged.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        System.out.println("acknowledged " + acknowledged.size() + " up to " + lastAcknowledged + ", recovered to "
                + lastApplied);
        assertThat(lastApplied).isGreaterThanOrEqualTo(lastAcknowledged);
        // a clean replay of the journal alone, against the snapshot-plus-tail recovery and the acknowledgements
        Engine replay = new Engine(Stamped.CONFIG);
        for (Stamped r : JournalFiles.read(Recovery.journalDirectory(dir), 0)) {
            String result = replay.apply(r.sequence(), r.timestamp(), r.command()).toString();
            if (acknowledged.containsKey(r.sequence())) {
                assertThat(result).as("result of sequence %d", r.sequence()).isEqualTo(acknowledged.remove(r.sequence()));
            }
        }
        assertThat(acknowledged).as("acknowledged but not in the journal").isEmpty();
        assertThat(replay.lastSequence()).isEqualTo(lastApplied);
        assertThat(replay.stateHash()).isEqualTo(recoveredHash);
    }

    private static void readLines(Process child, List<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the pipe closes when the child is killed
        }
    }

    /** Only complete lines count: a line cut by the kill was never an answer. */
    private static Map<Long, String> parse(List<String> lines) {
        Map<Long, String> acknowledged = new HashMap<>();
        synchronized (lines) {
            for (String line : lines) {
                String[] parts = line.split(" ", 3);
                if (parts.length == 3 && parts[0].equals("ACK") && parts[2].endsWith("]")) {
                    acknowledged.put(Long.parseLong(parts[1]), parts[2]);
                }
            }
        }
        return acknowledged;
    }
}
