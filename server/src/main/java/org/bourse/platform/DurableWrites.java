package org.bourse.platform;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * Makes the database writes committed so far survive a crash of this process.
 *
 * <p>PostgreSQL and the other database servers have that at every commit (their write-ahead log), so
 * {@link #flush()} does nothing for them. The embedded H2 file keeps its latest commits in memory and writes
 * them in the background, every half second or when enough have accumulated: that is what lets the read-model
 * projector commit many small transactions a second cheaply, and the read models lose nothing by it because
 * the engine's journal replays whatever H2 had not written. Writes that are not in the journal (the identity
 * tables) call {@link #flush()} before their request is answered, and the projector calls it before it lets
 * the engine delete journal it would otherwise replay.
 *
 * <p>For H2 the flush writes the pending changes, waits for H2's own background write, if one is under way, to
 * reach the file (H2's {@code CHECKPOINT} returns without waiting for that one), and forces the file to disk:
 * H2 never does that by itself, so without it a power cut could take writes that had been answered, or read
 * models whose journal had already been archived.
 */
@Component
public final class DurableWrites {

    private final DataSource dataSource;
    /** Whether the database is an H2 file, found on the first flush; null until then. */
    private volatile Boolean h2File;

    DurableWrites(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Returns once every write committed before the call is in the database's file. */
    public void flush() {
        if (Boolean.FALSE.equals(h2File)) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            MVStore store = h2FileStore(connection);
            h2File = store != null;
            if (store != null) {
                store.commit();
                store.executeFilestoreOperation(() -> {
                });
                store.sync();
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Cannot make the database's writes durable", e);
        }
    }

    private static MVStore h2FileStore(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)
                || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)
                || !session.getDatabase().isPersistent()) {
            return null; // another database, or H2 in memory or over its TCP server (that server writes its file)
        }
        MVStore store = session.getDatabase().getStore().getMvStore();
        return store.getFileStore() == null ? null : store;
    }
}
