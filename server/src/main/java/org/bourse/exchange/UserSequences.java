package org.bourse.exchange;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bourse.engine.Engine;
import org.springframework.stereotype.Component;

/**
 * For each user, the sequence of the last command that changed anything of theirs (an order, a fill, a
 * ledger line, a balance). A read of one user's history then waits for the read models to reach that
 * sequence only, not for every command applied so far: under load the projector trails the engine, and
 * the others' commands are none of this reader's business. Account ids are user ids.
 */
@Component
final class UserSequences implements LiveView {

    private final Map<Long, Long> lastTouched = new ConcurrentHashMap<>();
    /**
     * The engine's sequence after recovery: what it replayed from the journal may still be on its way to the
     * read models, so a user untouched since start-up waits for all of it.
     */
    private volatile long recovered;

    long lastTouching(long userId) {
        return Math.max(recovered, lastTouched.getOrDefault(userId, 0L));
    }

    @Override
    public void restore(Engine engine) {
        recovered = engine.lastSequence();
    }

    @Override
    public void apply(CommandEvents command) {
        long sequence = command.sequence();
        for (ExchangeEvent event : command.events()) {
            switch (event) {
                case ExchangeEvent.OrderChanged o -> touch(o.order().userId(), sequence);
                case ExchangeEvent.TradeExecuted t -> {
                    touch(t.makerUserId(), sequence);
                    touch(t.takerUserId(), sequence);
                }
                case ExchangeEvent.LedgerPosted l -> touch(l.accountId(), sequence);
                case ExchangeEvent.BalanceChanged b -> touch(b.accountId(), sequence);
                case ExchangeEvent.TransactionCompleted t -> {
                    touch(t.fromAccount(), sequence);
                    touch(t.toAccount(), sequence);
                }
                default -> {
                }
            }
        }
    }

    private void touch(long userId, long sequence) {
        lastTouched.put(userId, sequence);
    }
}
