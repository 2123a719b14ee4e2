package org.bourse.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.bourse.engine.Result;
import org.bourse.engine.command.Deposit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The projector against a real embedded database that fails: while the database cannot be reached, nothing is
 * set aside and everything is written once it is back; a command whose own rows break a constraint is
 * quarantined alone while the others go on; and the journal is released only up to what a flush made durable.
 */
class ProjectorFailuresTest {

    @TempDir
    Path dir;

    private final SwitchableDataSource database = new SwitchableDataSource();
    private final List<Long> durable = new CopyOnWriteArrayList<>();
    private final AtomicBoolean flushFails = new AtomicBoolean();
    private final AtomicInteger flushes = new AtomicInteger();
    private final AtomicInteger lockTimeouts = new AtomicInteger();
    private JdbcTemplate jdbc;
    private Projector projector;

    @BeforeEach
    void createDatabase() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("read-models") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=200");
        database.target = h2;
        jdbc = new JdbcTemplate(database);
        jdbc.execute("CREATE TABLE projection_state (name VARCHAR(32) PRIMARY KEY, last_sequence BIGINT NOT NULL)");
        jdbc.execute("INSERT INTO projection_state VALUES ('engine', 0)");
        jdbc.execute("""
                CREATE TABLE projection_quarantine (sequence BIGINT PRIMARY KEY, trace_id VARCHAR(128),
                    command VARCHAR(2000) NOT NULL, error VARCHAR(2000) NOT NULL,
                    quarantined_at TIMESTAMP WITH TIME ZONE NOT NULL)""");
        // each deposit's transaction id must be unique: a deposit reusing one breaks the constraint by itself
        jdbc.execute("CREATE TABLE deposits (sequence BIGINT PRIMARY KEY, transaction_id VARCHAR(64) NOT NULL UNIQUE)");
    }

    @AfterEach
    void stopProjector() {
        if (projector != null) {
            projector.stop();
        }
        database.down.set(false);
        jdbc.execute("SHUTDOWN");
    }

    /** @return where the engine's replay would begin */
    private long startProjector() {
        Projection deposits = (batch, jdbc) -> {
            try {
                jdbc.batchUpdate("INSERT INTO deposits VALUES (?, ?)", batch.stream()
                        .map(c -> new Object[] {c.sequence(), ((Deposit) c.command()).transactionId()}).toList());
            } catch (org.springframework.dao.TransientDataAccessException e) {
                lockTimeouts.incrementAndGet();
                throw e;
            }
        };
        projector = new Projector(16, 8, Duration.ZERO, List.of(deposits), jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(database)), sequence -> { }, this::flush,
                durable::add, Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC));
        long replayFrom = projector.loadProjectedSequence();
        projector.start();
        return replayFrom;
    }

    private void flush() {
        flushes.incrementAndGet();
        if (flushFails.get()) {
            throw new IllegalStateException("the disk is full");
        }
    }

    private static CommandEvents deposit(long sequence, String transactionId) {
        return new CommandEvents(sequence, 1_000 * sequence, new Deposit(transactionId, 7, "USD", 100, "trace-" + sequence),
                Result.OK, List.of());
    }

    private List<String> writtenTransactionIds() {
        return jdbc.queryForList("SELECT transaction_id FROM deposits ORDER BY sequence", String.class);
    }

    @Test
    void anUnreachableDatabaseHoldsTheEventsUntilItIsBackAndQuarantinesNothing() {
        startProjector();
        database.down.set(true);
        for (long sequence = 1; sequence <= 20; sequence++) {
            projector.enqueue(deposit(sequence, "tx-" + sequence));
        }
        awaitTrue(() -> database.refused.get() >= 3, "the projector keeps trying while the database is down");
        assertThat(projector.projectedSequence()).isZero();

        database.down.set(false);
        assertThat(projector.awaitProjected(20, Duration.ofSeconds(30))).isTrue();
        assertThat(writtenTransactionIds()).hasSize(20).startsWith("tx-1", "tx-2").endsWith("tx-20");
        assertThat(projector.quarantined()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM projection_quarantine", Long.class)).isZero();
    }

    @Test
    void aLockHeldByAnotherTransactionIsWaitedOutAndQuarantinesNothing() throws SQLException {
        startProjector();
        try (Connection other = database.getConnection()) {
            other.setAutoCommit(false);
            other.createStatement().execute("INSERT INTO deposits VALUES (1, 'held')"); // holds the row, uncommitted
            for (long sequence = 1; sequence <= 5; sequence++) {
                projector.enqueue(deposit(sequence, "tx-" + sequence));
            }
            // each attempt times out on the lock while the database answers everything else: a transient failure,
            // met more often than a failure of the events' own would be before its command is quarantined
            awaitTrue(() -> lockTimeouts() > 2 * Projector.PERMANENT_ATTEMPTS, "the projector meets the lock again and again");
            assertThat(projector.quarantined()).isEmpty();
            other.rollback();
        }
        assertThat(projector.awaitProjected(5, Duration.ofSeconds(30))).isTrue();
        assertThat(writtenTransactionIds()).containsExactly("tx-1", "tx-2", "tx-3", "tx-4", "tx-5");
        assertThat(projector.quarantined()).isEmpty();
    }

    private int lockTimeouts() {
        return lockTimeouts.get();
    }

    @Test
    void aCommandThatBreaksAConstraintByItselfIsQuarantinedAndTheOthersGoOn() {
        startProjector();
        for (long sequence = 1; sequence <= 10; sequence++) {
            // command 6 reuses command 3's transaction id: its row can never be written
            projector.enqueue(deposit(sequence, sequence == 6 ? "tx-3" : "tx-" + sequence));
        }
        assertThat(projector.awaitProjected(10, Duration.ofSeconds(30))).isTrue();

        assertThat(writtenTransactionIds()).containsExactly("tx-1", "tx-2", "tx-3", "tx-4", "tx-5", "tx-7", "tx-8",
                "tx-9", "tx-10");
        assertThat(projector.quarantined()).singleElement().satisfies(entry -> {
            assertThat(entry.sequence()).isEqualTo(6);
            assertThat(entry.traceId()).isEqualTo("trace-6");
            assertThat(entry.error()).contains("DuplicateKey");
        });
        assertThat(jdbc.queryForObject("SELECT sequence FROM projection_quarantine", Long.class)).isEqualTo(6);
        assertThat(jdbc.queryForObject("SELECT last_sequence FROM projection_state", Long.class)).isEqualTo(10);
    }

    @Test
    void aQuarantinedCommandIsWrittenByARetryOnceItsCauseIsFixed() {
        startProjector();
        projector.enqueue(deposit(1, "tx-1"));
        projector.enqueue(deposit(2, "tx-1"));
        projector.enqueue(deposit(3, "tx-3"));
        assertThat(projector.awaitProjected(3, Duration.ofSeconds(30))).isTrue();
        assertThat(projector.retry(2)).get().asString().contains("DuplicateKey");

        jdbc.update("DELETE FROM deposits WHERE sequence = 1"); // an operator removes what stood in its way
        assertThat(projector.retry(2)).isEmpty();

        assertThat(writtenTransactionIds()).containsExactly("tx-1", "tx-3");
        assertThat(jdbc.queryForObject("SELECT sequence FROM deposits WHERE transaction_id = 'tx-1'", Long.class))
                .isEqualTo(2);
        assertThat(projector.quarantined()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM projection_quarantine", Long.class)).isZero();
    }

    @Test
    void aQuarantinedCommandIsReplayedIntoTheProjectorAtTheNextStart() {
        startProjector();
        projector.enqueue(deposit(1, "tx-1"));
        projector.enqueue(deposit(2, "tx-1"));
        projector.enqueue(deposit(3, "tx-3"));
        assertThat(projector.awaitProjected(3, Duration.ofSeconds(30))).isTrue();
        projector.stop();
        jdbc.update("DELETE FROM deposits WHERE sequence = 1");

        // what a restart does: the stored position, the quarantine, then the engine's replay
        assertThat(startProjector()).as("the engine replays from before the quarantined command").isEqualTo(1);
        projector.enqueue(deposit(2, "tx-1"));
        projector.enqueue(deposit(3, "tx-3")); // already written: passed over
        projector.enqueue(deposit(4, "tx-4"));
        assertThat(projector.awaitProjected(4, Duration.ofSeconds(30))).isTrue();

        assertThat(writtenTransactionIds()).containsExactly("tx-1", "tx-3", "tx-4");
        assertThat(projector.quarantined()).isEmpty();
    }

    @Test
    void theJournalIsReleasedOnlyUpToWhatAFlushMadeDurable() {
        flushFails.set(true);
        startProjector();
        projector.enqueue(deposit(1, "tx-1"));
        assertThat(projector.awaitProjected(1, Duration.ofSeconds(30))).isTrue();
        projector.enqueue(deposit(2, "tx-2")); // wakes the projector after its flush interval
        awaitTrue(() -> flushes.get() >= 1, "the projector tries to flush");
        assertThat(durable).as("nothing released while the flush fails").isEmpty();

        flushFails.set(false);
        for (long sequence = 3; durable.isEmpty() && sequence < 1_000; sequence++) {
            projector.enqueue(deposit(sequence, "tx-" + sequence)); // keeps the projector's loop turning
            sleep(100);
        }
        assertThat(durable).isNotEmpty().allSatisfy(sequence -> assertThat(sequence).isPositive());
        assertThat(durable.getFirst()).isLessThanOrEqualTo(projector.projectedSequence());
    }

    @Test
    void theJournalStaysFromTheOldestQuarantinedCommandOn() {
        startProjector();
        projector.enqueue(deposit(1, "tx-1"));
        projector.enqueue(deposit(2, "tx-1"));
        for (long sequence = 3; durable.isEmpty() && sequence < 1_000; sequence++) {
            projector.enqueue(deposit(sequence, "tx-" + sequence));
            sleep(100);
        }
        assertThat(durable).isNotEmpty().allSatisfy(sequence -> assertThat(sequence).isEqualTo(1));
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what).isBefore(deadline);
            sleep(20);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A database that can be made unreachable: new connections are refused as a network failure would be. */
    private static final class SwitchableDataSource implements DataSource {
        final AtomicBoolean down = new AtomicBoolean();
        final AtomicInteger refused = new AtomicInteger();
        DataSource target;

        @Override
        public Connection getConnection() throws SQLException {
            if (down.get()) {
                refused.incrementAndGet();
                throw new SQLTransientConnectionException("Connection refused: the database is unreachable", "08001");
            }
            return target.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
