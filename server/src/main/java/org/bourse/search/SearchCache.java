package org.bourse.search;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.OptionalLong;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.bourse.platform.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Seed 000's two-level cache of search results: L1 in this process (Caffeine), L2 in Redis when
 * {@code BOURSE_REDIS_URL} is set. A search tries L1, then L2, then the index; an L2 hit fills L1, a miss
 * fills both. The key is the scope (the user, or every user for the admin), the scope's {@link Generations
 * generation} and the normalized query, so invalidating a user is moving one counter: every level, on every
 * node, then misses the old entries, which expire by their TTL.
 *
 * <p>Redis failing never fails a search: when the generation cannot be read nothing is served from or
 * written to any cache level; when it cannot be moved this node drops its whole L1 and serves nothing cached
 * until the move succeeds (each search tries it again), while the other nodes' copies of those users' results
 * may last until the move reaches Redis or their TTL ends, whichever is first.
 */
@Component
@EnableConfigurationProperties(SearchProperties.class)
final class SearchCache {

    private static final Logger log = LoggerFactory.getLogger(SearchCache.class);

    /** Where an answer came from. */
    enum Source { L1, L2, STORE }

    record Answer(String json, Source source) {
    }

    private final SearchProperties properties;
    private final Cache<String, String> local;
    private final Generations generations;
    private final StringRedisTemplate redis;
    private final RedisKeys keys;
    private final SearchMetrics metrics;
    /** Users whose orders changed and whose generation could not be moved yet (Redis unreachable). */
    private final Set<Long> unannounced = ConcurrentHashMap.newKeySet();

    SearchCache(SearchProperties properties, ObjectProvider<StringRedisTemplate> redis, ObjectProvider<RedisKeys> keys,
                SearchMetrics metrics) {
        this.properties = properties;
        this.local = Caffeine.newBuilder().maximumSize(properties.l1MaxEntries()).expireAfterWrite(properties.l1Ttl())
                .build();
        this.redis = redis.getIfAvailable();
        this.keys = keys.getIfAvailable();
        this.generations = this.redis == null ? new LocalGenerations() : new RedisGenerations(this.redis, this.keys);
        this.metrics = metrics;
        metrics.watch(local);
    }

    boolean shared() {
        return redis != null;
    }

    /** The answer to {@code query} within {@code scope}, from the first level that has it, else from {@code store}. */
    Answer get(String scope, String query, Supplier<String> store) {
        if (!properties.cacheEnabled()) {
            return new Answer(store.get(), Source.STORE);
        }
        OptionalLong generation = announce() ? generation(scope) : OptionalLong.empty();
        if (generation.isEmpty()) {
            return new Answer(store.get(), Source.STORE);
        }
        String key = scope + ":" + generation.getAsLong() + ":" + query;
        String json = local.getIfPresent(key);
        metrics.lookedUp(Source.L1, json != null);
        if (json != null) {
            return new Answer(json, Source.L1);
        }
        if (redis != null) {
            json = readShared(key);
            metrics.lookedUp(Source.L2, json != null);
            if (json != null) {
                local.put(key, json);
                return new Answer(json, Source.L2);
            }
        }
        json = store.get();
        local.put(key, json);
        if (redis != null) {
            writeShared(key, json);
        }
        return new Answer(json, Source.STORE);
    }

    /** Called once the users' changed orders are committed to the index (see {@link OrderSearchProjection}). */
    void invalidate(Collection<Long> users) {
        unannounced.addAll(users);
        announce();
    }

    /**
     * Moves the generations of the users whose invalidation has not reached Redis yet. @return whether none is
     * left: until then this node serves nothing from a cache (its own L1 is dropped at each failure, and L2 may
     * still hold those users' old results)
     */
    private boolean announce() {
        if (unannounced.isEmpty()) {
            return true;
        }
        List<Long> users = List.copyOf(unannounced);
        try {
            generations.advance(users);
            unannounced.removeAll(users);
            return true;
        } catch (RuntimeException e) {
            local.invalidateAll();
            log.warn("Could not invalidate the cached searches of {} users in Redis ({}); this node searches the index"
                    + " until it can, the other nodes' copies expire within {}", users.size(), e.toString(),
                    properties.l2Ttl());
            return false;
        }
    }

    private OptionalLong generation(String scope) {
        try {
            return generations.current(scope);
        } catch (RuntimeException e) {
            log.warn("Could not read the search cache generation of {} from Redis ({}); searching the index", scope,
                    e.toString());
            return OptionalLong.empty();
        }
    }

    private String readShared(String key) {
        try {
            return redis.opsForValue().get(sharedKey(key));
        } catch (RuntimeException e) {
            log.warn("Could not read a cached search from Redis: {}", e.toString());
            return null;
        }
    }

    private void writeShared(String key, String json) {
        try {
            redis.opsForValue().set(sharedKey(key), json, properties.l2Ttl());
        } catch (RuntimeException e) {
            log.warn("Could not write a cached search to Redis: {}", e.toString());
        }
    }

    /** {@code search:res:<scope>:<generation>:<sha-256 of the query>}: bounded length whatever the query. */
    private String sharedKey(String key) {
        int query = key.indexOf(':', key.indexOf(':') + 1);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.substring(query + 1).getBytes(StandardCharsets.UTF_8));
            return keys.key("search:res:" + key.substring(0, query) + ":" + HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
