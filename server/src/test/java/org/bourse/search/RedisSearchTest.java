package org.bourse.search;

import org.bourse.testsupport.WithPostgres;
import org.bourse.testsupport.WithRedis;

/** {@link SearchScenarios} with both cache levels: Caffeine and the real Redis, the index on PostgreSQL. */
@WithPostgres
@WithRedis
class RedisSearchTest extends SearchScenarios {
}
