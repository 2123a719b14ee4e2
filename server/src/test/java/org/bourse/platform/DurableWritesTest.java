package org.bourse.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * What a {@code kill -9} leaves of an embedded H2 database is its file as it is at that moment; a copy of the
 * file taken while the database is open is that. A committed row is in the copy only after a flush.
 */
class DurableWritesTest {

    @TempDir
    Path dir;

    @Test
    void aCommittedRowIsInTheFileOnlyAfterTheFlush() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        // a write delay of a minute: without the flush, H2 would not write the commit during the test
        h2.setURL("jdbc:h2:file:" + dir.resolve("live") + ";WRITE_DELAY=60000");
        DurableWrites durableWrites = new DurableWrites(h2);
        try (Connection open = h2.getConnection(); Statement sql = open.createStatement()) {
            sql.execute("CREATE TABLE users (name VARCHAR(20))");
            durableWrites.flush();
            sql.execute("INSERT INTO users VALUES ('ada')");

            assertThat(usersInCopy("before")).as("a crash before the flush loses the commit").isZero();
            durableWrites.flush();
            assertThat(usersInCopy("after")).as("a crash after the flush keeps it").isEqualTo(1);
        }
    }

    /**
     * Flushes come with every registration and login; on a database that is durable at commit (PostgreSQL) or
     * has no file (H2 in memory) they must cost nothing: the first one finds that out, later ones do not even
     * take a connection.
     */
    @Test
    void aDatabaseWithoutAnH2FileIsAskedOnceAndThenNeverFlushed() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:durable" + UUID.randomUUID());
        AtomicInteger connections = new AtomicInteger();
        DataSource counted = new DelegatingDataSource(h2) {
            @Override
            public Connection getConnection() throws SQLException {
                connections.incrementAndGet();
                return super.getConnection();
            }
        };
        DurableWrites durableWrites = new DurableWrites(counted);
        try (Connection open = h2.getConnection(); Statement sql = open.createStatement()) {
            sql.execute("CREATE TABLE users (name VARCHAR(20))");
            sql.execute("INSERT INTO users VALUES ('ada')");

            durableWrites.flush();
            durableWrites.flush();
            durableWrites.flush();

            assertThat(connections).as("connections the flushes took").hasValue(1);
            try (ResultSet count = sql.executeQuery("SELECT COUNT(*) FROM users")) {
                count.next();
                assertThat(count.getInt(1)).as("the committed row, untouched").isEqualTo(1);
            }
        }
    }

    private int usersInCopy(String name) throws Exception {
        Path copy = dir.resolve(name + ".mv.db");
        Files.copy(dir.resolve("live.mv.db"), copy);
        try (Connection crashed = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve(name));
             Statement sql = crashed.createStatement();
             ResultSet count = sql.executeQuery("SELECT COUNT(*) FROM users")) {
            count.next();
            return count.getInt(1);
        } catch (SQLException tableNotThere) {
            return -1;
        }
    }
}
