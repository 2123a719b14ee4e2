package org.bourse.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * For {@link WithPostgres}: creates schema {@code it_<random>} with plain JDBC before the Spring context
 * starts, points the data source at it ({@code currentSchema}), and drops it when the context closes, so
 * concurrent and repeated runs never see each other's rows and Flyway always migrates from scratch.
 */
public final class FreshPostgresSchema extends PerContextResource {

    public FreshPostgresSchema() {
        super(WithPostgres.class);
    }

    @Override
    Prepared prepare() {
        String schema = "it_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        execute("CREATE SCHEMA " + schema);
        return new Prepared(Map.of(
                "spring.datasource.url", RequiresPostgres.JDBC_URL + "?currentSchema=" + schema,
                "spring.datasource.username", RequiresPostgres.USER,
                "spring.datasource.password", ""),
                () -> execute("DROP SCHEMA " + schema + " CASCADE"));
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(RequiresPostgres.JDBC_URL, RequiresPostgres.USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused: " + sql, e);
        }
    }
}
