package org.bourse.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void anInMemoryDatabaseHasNothingToFlush() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:durable" + System.nanoTime());
        try (Connection open = h2.getConnection(); Statement sql = open.createStatement()) {
            sql.execute("CREATE TABLE users (name VARCHAR(20))");
            new DurableWrites(h2).flush();
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
