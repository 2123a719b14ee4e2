package org.bourse.search;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code bourse.search.*}: the two cache levels. An entry can only be served while its user's generation is
 * unchanged, so the TTLs bound memory and the damage of a lost invalidation (Redis down while the user's
 * orders changed), not the freshness a user sees after their own writes.
 *
 * @param cacheEnabled      false: every search goes to the index
 * @param l1Ttl             how long this process keeps a result
 * @param l1MaxEntries      results this process keeps at most (least recently used leave first)
 * @param l2Ttl             how long Redis keeps a result (when {@code BOURSE_REDIS_URL} is set)
 */
@ConfigurationProperties("bourse.search")
record SearchProperties(@DefaultValue("true") boolean cacheEnabled, @DefaultValue("30s") Duration l1Ttl,
                        @DefaultValue("10000") long l1MaxEntries, @DefaultValue("120s") Duration l2Ttl) {
}
