package org.bourse.engine.journal;

import java.util.ArrayList;
import java.util.List;

import org.bourse.engine.Asset;
import org.bourse.engine.Engine;
import org.bourse.engine.EngineListener;
import org.bourse.engine.LedgerType;
import org.bourse.engine.Market;
import org.bourse.engine.OrderEvent;
import org.bourse.engine.OrderState;
import org.bourse.engine.RejectReason;
import org.bourse.engine.Result;
import org.bourse.engine.Side;
import org.bourse.engine.account.Account;
import org.bourse.engine.account.Accounts;
import org.bourse.engine.command.Command;

/**
 * What the engine told while applying the golden journal, one line per event, in a rendering of its own:
 * golden {@code events.txt} files hold this text, so it must never change for an event that exists today (a
 * new kind of event may get a new kind of line). It names the command by its type only, so that renaming a
 * record component changes nothing here; the decoded values are checked against {@link GoldenJournalV1}.
 */
final class GoldenEvents implements EngineListener {

    private final List<String> lines = new ArrayList<>();

    List<String> lines() {
        return lines;
    }

    /** The lines from the start of the command with this sequence on. */
    List<String> from(long sequence) {
        int at = lines.indexOf(header(sequence));
        if (at < 0) {
            throw new IllegalArgumentException("no command " + sequence + " was told");
        }
        return lines.subList(at, lines.size());
    }

    /** Every account's balances and the state hash: the end of a golden {@code events.txt}. */
    static List<String> ending(Engine engine) {
        List<String> ending = new ArrayList<>();
        List<Long> accounts = new ArrayList<>(List.of(Accounts.FEE_ACCOUNT, Accounts.TREASURY));
        for (long user : engine.userIds()) {
            accounts.add(user);
        }
        for (long id : accounts) {
            Account account = engine.account(id);
            StringBuilder line = new StringBuilder("account " + id);
            for (Asset asset : engine.assets()) {
                line.append(' ').append(asset.code()).append(' ').append(account.available(asset.index())).append('/')
                        .append(account.held(asset.index()));
            }
            ending.add(line.toString());
        }
        ending.add("live orders " + engine.liveOrderCount());
        ending.add("state hash " + Long.toHexString(engine.stateHash()));
        return ending;
    }

    private static String header(long sequence) {
        return "#" + sequence;
    }

    @Override
    public void commandStarted(long sequence, long timestamp, Command command) {
        lines.add(header(sequence));
        lines.add("  " + command.getClass().getSimpleName() + " at " + timestamp);
    }

    @Override
    public void commandCompleted(long sequence, Command command, Result result) {
        String outcome;
        if (result.rejection() != null) {
            outcome = "rejected " + result.rejection();
        } else if (result.orderId() != 0) {
            outcome = (result.replayed() ? "existing order " : "order ") + result.orderId();
        } else {
            outcome = result.replayed() ? "replayed" : "ok";
        }
        lines.add("  -> " + outcome);
    }

    @Override
    public void assetDefined(Asset asset) {
        lines.add("  asset " + asset.code() + " " + asset.index() + " scale " + asset.scale());
    }

    @Override
    public void marketChanged(Market m) {
        lines.add("  market " + m.symbol() + " " + m.status() + " last " + m.lastPrice() + " book#" + m.bookSequence());
    }

    @Override
    public void orderChanged(OrderState o, OrderEvent event) {
        lines.add("  order " + o.id() + " " + event + " " + o.status() + " reason " + o.reason() + " user " + o.userId()
                + " " + o.market().symbol() + " " + o.side() + " " + o.kind() + " " + o.timeInForce() + " postOnly "
                + o.postOnly() + " price " + o.price() + " stop " + o.stopPrice() + " quoted " + o.quotedPrice()
                + " quantity " + o.quantity() + " budget " + o.quoteBudget() + " filled " + o.filledQuantity()
                + " notional " + o.filledNotional() + " settled " + o.settled() + " fees " + o.fees() + " held "
                + o.held() + " client " + o.clientOrderId() + " trace " + o.traceId() + " at " + o.createdAt() + "/"
                + o.updatedAt());
    }

    @Override
    public void orderRejected(long userId, String clientOrderId, String market, RejectReason reason) {
        lines.add("  refused " + userId + " " + clientOrderId + " " + market + " " + reason);
    }

    @Override
    public void trade(long tradeId, Market market, long price, long quantity, OrderState maker, OrderState taker,
                      long makerFee, long takerFee, long buyerPaid, long sellerReceived) {
        lines.add("  trade " + tradeId + " " + market.symbol() + " " + quantity + " at " + price + " maker " + maker.id()
                + " taker " + taker.id() + " fees " + makerFee + "/" + takerFee + " buyer paid " + buyerPaid
                + " seller received " + sellerReceived);
    }

    @Override
    public void ledger(long entryId, long accountId, Asset asset, long amount, long balanceAfter, LedgerType type,
                       long orderId, long tradeId, String transactionId, String traceId) {
        lines.add("  ledger " + entryId + " account " + accountId + " " + asset.code() + " " + amount + " -> "
                + balanceAfter + " " + type + " order " + orderId + " trade " + tradeId + " tx " + transactionId
                + " trace " + traceId);
    }

    @Override
    public void balanceChanged(long accountId, Asset asset, long available, long held) {
        lines.add("  balance " + accountId + " " + asset.code() + " " + available + "/" + held);
    }

    @Override
    public void levelChanged(Market market, Side side, long price, long quantity, int orderCount, long bookSequence) {
        lines.add("  level " + market.symbol() + " " + side + " " + price + " " + quantity + " in " + orderCount
                + " book#" + bookSequence);
    }

    @Override
    public void transactionCompleted(LedgerType type, String transactionId, long fromAccount, long toAccount, Asset asset,
                                     long amount, String memo) {
        lines.add("  transaction " + type + " " + transactionId + " " + fromAccount + " -> " + toAccount + " "
                + asset.code() + " " + amount + " memo " + memo);
    }
}
