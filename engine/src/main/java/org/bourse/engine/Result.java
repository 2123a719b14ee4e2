package org.bourse.engine;

import java.util.EnumMap;
import java.util.Map;

/**
 * What one command came to: accepted (with the order it created or found), or refused with a reason.
 * {@code replayed} marks an idempotent repeat (same transaction id, same client order id) answered with the
 * first outcome instead of acting again.
 */
public record Result(RejectReason rejection, long orderId, boolean replayed) {

    public static final Result OK = new Result(null, 0, false);
    public static final Result REPLAYED = new Result(null, 0, true);
    private static final Map<RejectReason, Result> REJECTIONS = new EnumMap<>(RejectReason.class);

    static {
        for (RejectReason reason : RejectReason.values()) {
            REJECTIONS.put(reason, new Result(reason, 0, false));
        }
    }

    public static Result rejected(RejectReason reason) {
        return REJECTIONS.get(reason);
    }

    public static Result order(long orderId) {
        return new Result(null, orderId, false);
    }

    public static Result existingOrder(long orderId) {
        return new Result(null, orderId, true);
    }

    public boolean accepted() {
        return rejection == null;
    }
}
