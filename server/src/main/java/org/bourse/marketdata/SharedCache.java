package org.bourse.marketdata;

import java.util.Optional;

/**
 * The second cache level, shared by every server node (Redis when configured). Keys carry the version of the
 * data they hold (a book or trade sequence), so an entry is never stale, only unused; entries expire.
 */
interface SharedCache {

    Optional<String> get(String key);

    void put(String key, String json);
}
