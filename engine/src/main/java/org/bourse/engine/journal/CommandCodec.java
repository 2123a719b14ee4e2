package org.bourse.engine.journal;

import static org.bourse.engine.WireCodes.MARKET_STATUS;
import static org.bourse.engine.WireCodes.ORDER_KIND;
import static org.bourse.engine.WireCodes.SIDE;
import static org.bourse.engine.WireCodes.TIME_IN_FORCE;
import static org.bourse.engine.util.Wire.readString;
import static org.bourse.engine.util.Wire.writeString;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.StreamCorruptedException;

import org.bourse.engine.command.CancelOrder;
import org.bourse.engine.command.Command;
import org.bourse.engine.command.DefineAsset;
import org.bourse.engine.command.Deposit;
import org.bourse.engine.command.ExecuteOrder;
import org.bourse.engine.command.ExpirePendingOrders;
import org.bourse.engine.command.HoldWithdrawal;
import org.bourse.engine.command.ListMarket;
import org.bourse.engine.command.OpenAccount;
import org.bourse.engine.command.OpenFundedAccount;
import org.bourse.engine.command.PlaceOrder;
import org.bourse.engine.command.ReleaseWithdrawal;
import org.bourse.engine.command.SetMarketStatus;
import org.bourse.engine.command.SettleWithdrawal;
import org.bourse.engine.command.Transfer;
import org.bourse.engine.command.Withdraw;

/**
 * The journal's encoding of a {@link Command}: one type byte, then the record's fields in declaration order
 * (longs and ints big-endian, booleans one byte, strings per {@link org.bourse.engine.util.Wire}, enums per
 * {@link org.bourse.engine.WireCodes}), then the trace id. The type bytes and field orders are the journal
 * format, described field by field in {@code docs/formats.md} and pinned by the golden files of
 * {@code GoldenFilesTest}: changing one, or adding a command type, needs a new {@link Journal#VERSION} whose
 * reader still reads the old versions.
 */
public final class CommandCodec {

    private static final byte DEFINE_ASSET = 1;
    private static final byte LIST_MARKET = 2;
    private static final byte SET_MARKET_STATUS = 3;
    private static final byte OPEN_ACCOUNT = 4;
    private static final byte DEPOSIT = 5;
    private static final byte WITHDRAW = 6;
    private static final byte TRANSFER = 7;
    private static final byte PLACE_ORDER = 8;
    private static final byte EXECUTE_ORDER = 9;
    private static final byte CANCEL_ORDER = 10;
    private static final byte EXPIRE_PENDING_ORDERS = 11;
    // journal version 2
    private static final byte HOLD_WITHDRAWAL = 12;
    private static final byte SETTLE_WITHDRAWAL = 13;
    private static final byte RELEASE_WITHDRAWAL = 14;
    private static final byte OPEN_FUNDED_ACCOUNT = 15;

    /**
     * The last type byte each journal version may hold, by version (index 0 unused): type bytes are handed
     * out in order and never reused, so a version holds every type up to its last. A higher type in a segment
     * of that version is damage, not a newer command (a newer writer writes a newer version).
     */
    private static final byte[] LAST_TYPE_OF_VERSION = {0, EXPIRE_PENDING_ORDERS, OPEN_FUNDED_ACCOUNT};

    private CommandCodec() {
    }

    public static void write(Command command, DataOutput out) throws IOException {
        switch (command) {
            case DefineAsset c -> {
                out.writeByte(DEFINE_ASSET);
                writeString(out, c.code());
                out.writeInt(c.scale());
            }
            case ListMarket c -> writeListMarket(c, out);
            case SetMarketStatus c -> {
                out.writeByte(SET_MARKET_STATUS);
                writeString(out, c.symbol());
                MARKET_STATUS.write(out, c.status());
            }
            case OpenAccount c -> {
                out.writeByte(OPEN_ACCOUNT);
                out.writeLong(c.userId());
            }
            case OpenFundedAccount c -> {
                out.writeByte(OPEN_FUNDED_ACCOUNT);
                out.writeLong(c.userId());
                writeString(out, c.asset());
                out.writeLong(c.amount());
            }
            case Deposit c -> {
                out.writeByte(DEPOSIT);
                writeMovement(out, c.transactionId(), c.userId(), c.asset(), c.amount());
            }
            case Withdraw c -> {
                out.writeByte(WITHDRAW);
                writeMovement(out, c.transactionId(), c.userId(), c.asset(), c.amount());
            }
            case Transfer c -> {
                out.writeByte(TRANSFER);
                writeString(out, c.transactionId());
                out.writeLong(c.fromUserId());
                out.writeLong(c.toUserId());
                writeString(out, c.asset());
                out.writeLong(c.amount());
                writeString(out, c.memo());
            }
            case PlaceOrder c -> writePlaceOrder(c, out);
            case ExecuteOrder c -> {
                out.writeByte(EXECUTE_ORDER);
                out.writeLong(c.userId());
                out.writeLong(c.orderId());
            }
            case CancelOrder c -> {
                out.writeByte(CANCEL_ORDER);
                out.writeLong(c.userId());
                out.writeLong(c.orderId());
            }
            case ExpirePendingOrders c -> {
                out.writeByte(EXPIRE_PENDING_ORDERS);
                out.writeLong(c.createdAtOrBefore());
            }
            case HoldWithdrawal c -> {
                out.writeByte(HOLD_WITHDRAWAL);
                writeMovement(out, c.transactionId(), c.userId(), c.asset(), c.amount());
                out.writeLong(c.fee());
            }
            case SettleWithdrawal c -> {
                out.writeByte(SETTLE_WITHDRAWAL);
                writeString(out, c.transactionId());
                out.writeLong(c.userId());
                writeString(out, c.reference());
            }
            case ReleaseWithdrawal c -> {
                out.writeByte(RELEASE_WITHDRAWAL);
                writeString(out, c.transactionId());
                out.writeLong(c.userId());
            }
        }
        writeString(out, command.traceId());
    }

    /** Reads a command of the current journal version. */
    public static Command read(DataInput in) throws IOException {
        return read(in, Journal.VERSION);
    }

    /** Reads a command from a segment of the given (readable) journal version. */
    public static Command read(DataInput in, int version) throws IOException {
        byte type = in.readByte();
        if (version < 1 || version >= LAST_TYPE_OF_VERSION.length) {
            throw new IllegalArgumentException("journal version " + version + " is not one this codec reads");
        }
        if (type > LAST_TYPE_OF_VERSION[version]) {
            throw new StreamCorruptedException("unknown command type " + type + " in journal version " + version);
        }
        return switch (type) {
            case DEFINE_ASSET -> new DefineAsset(readString(in), in.readInt(), readString(in));
            case LIST_MARKET -> new ListMarket(readString(in), readString(in), readString(in), in.readLong(),
                    in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                    in.readLong(), readString(in));
            case SET_MARKET_STATUS -> new SetMarketStatus(readString(in), MARKET_STATUS.read(in), readString(in));
            case OPEN_ACCOUNT -> new OpenAccount(in.readLong(), readString(in));
            case OPEN_FUNDED_ACCOUNT -> new OpenFundedAccount(in.readLong(), readString(in), in.readLong(),
                    readString(in));
            case DEPOSIT -> new Deposit(readString(in), in.readLong(), readString(in), in.readLong(), readString(in));
            case WITHDRAW -> new Withdraw(readString(in), in.readLong(), readString(in), in.readLong(), readString(in));
            case TRANSFER -> new Transfer(readString(in), in.readLong(), in.readLong(), readString(in), in.readLong(),
                    readString(in), readString(in));
            case PLACE_ORDER -> new PlaceOrder(in.readLong(), readString(in), readString(in), SIDE.read(in),
                    ORDER_KIND.read(in), TIME_IN_FORCE.read(in), in.readBoolean(), in.readLong(), in.readLong(),
                    in.readLong(), in.readLong(), in.readBoolean(), readString(in));
            case EXECUTE_ORDER -> new ExecuteOrder(in.readLong(), in.readLong(), readString(in));
            case CANCEL_ORDER -> new CancelOrder(in.readLong(), in.readLong(), readString(in));
            case EXPIRE_PENDING_ORDERS -> new ExpirePendingOrders(in.readLong(), readString(in));
            case HOLD_WITHDRAWAL -> new HoldWithdrawal(readString(in), in.readLong(), readString(in), in.readLong(),
                    in.readLong(), readString(in));
            case SETTLE_WITHDRAWAL -> new SettleWithdrawal(readString(in), in.readLong(), readString(in), readString(in));
            case RELEASE_WITHDRAWAL -> new ReleaseWithdrawal(readString(in), in.readLong(), readString(in));
            default -> throw new StreamCorruptedException("unknown command type " + type);
        };
    }

    private static void writeListMarket(ListMarket c, DataOutput out) throws IOException {
        out.writeByte(LIST_MARKET);
        writeString(out, c.symbol());
        writeString(out, c.baseAsset());
        writeString(out, c.quoteAsset());
        out.writeLong(c.tickSize());
        out.writeLong(c.lotSize());
        out.writeLong(c.minQuantity());
        out.writeLong(c.minNotional());
        out.writeLong(c.makerFeePpm());
        out.writeLong(c.takerFeePpm());
        out.writeLong(c.maxPrice());
        out.writeLong(c.maxQuantity());
    }

    private static void writePlaceOrder(PlaceOrder c, DataOutput out) throws IOException {
        out.writeByte(PLACE_ORDER);
        out.writeLong(c.userId());
        writeString(out, c.clientOrderId());
        writeString(out, c.market());
        SIDE.write(out, c.side());
        ORDER_KIND.write(out, c.kind());
        TIME_IN_FORCE.write(out, c.timeInForce());
        out.writeBoolean(c.postOnly());
        out.writeLong(c.price());
        out.writeLong(c.stopPrice());
        out.writeLong(c.quantity());
        out.writeLong(c.quoteBudget());
        out.writeBoolean(c.execute());
    }

    private static void writeMovement(DataOutput out, String transactionId, long userId, String asset, long amount)
            throws IOException {
        writeString(out, transactionId);
        out.writeLong(userId);
        writeString(out, asset);
        out.writeLong(amount);
    }
}
