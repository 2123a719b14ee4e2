package org.bourse.identity;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.bourse.wallet.AccountOpening;

/** The wallet as the identity tests see it: records every account opened, and can be told to fail. */
@org.springframework.context.annotation.Primary // stands in for the engine-backed wallet in identity tests
final class RecordingAccountOpening implements AccountOpening {

    record Opened(long userId, String traceId) {
    }

    /** Failures enough to outlast the retries of one opening (the identity module tries three times). */
    static final int MORE_THAN_ANY_RETRY = 3;

    private final List<Opened> opened = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToCome = new AtomicInteger();

    @Override
    public void openAccount(long userId, String traceId) {
        if (failuresToCome.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("the wallet is unavailable (a test asked for this failure)");
        }
        opened.add(new Opened(userId, traceId));
    }

    /** The next {@code calls} calls fail; 0 ends failures still to come. */
    void failNextCalls(int calls) {
        failuresToCome.set(calls);
    }

    List<Opened> openedFor(long userId) {
        return opened.stream().filter(call -> call.userId() == userId).toList();
    }
}
