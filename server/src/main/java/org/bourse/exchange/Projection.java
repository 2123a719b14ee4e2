package org.bourse.exchange;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A module's share of the SQL read models. The projector calls every projection with the same batch of
 * commands inside one transaction, together with the sequence it has reached, so each event is written
 * exactly once, across restarts too. A projection owns its tables; nobody else writes them.
 */
public interface Projection {

    void project(List<CommandEvents> batch, JdbcTemplate jdbc);
}
