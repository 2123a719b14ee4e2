package org.bourse.platform;

import java.util.List;

/**
 * Path patterns under {@code /api/v1} that a module serves without a token (e.g. {@code /api/v1/auth/**}).
 * Each module declares its own as a bean; the access filter (platform.ApiAccessFilter) collects them all. Bearer tokens sent to these
 * paths are ignored, so a stale token never blocks a login or a refresh.
 */
public record PublicEndpoints(List<String> patterns) {

    public static PublicEndpoints of(String... patterns) {
        return new PublicEndpoints(List.of(patterns));
    }
}
