package org.bourse.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

import org.bourse.engine.util.EnumCodes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every stored enum code, written out by hand as {@code docs/formats.md} lists it: journals, snapshots and the
 * state hash that closes each snapshot hold these numbers, so a constant keeps its code forever and a new
 * constant gets the next one (the test fails until it is added here and in the document).
 */
class WireCodesTest {

    static Stream<Arguments> storedCodes() {
        return Stream.of(
                codes("Side", WireCodes.SIDE, Side.class, Side.BUY, Side.SELL),
                codes("OrderKind", WireCodes.ORDER_KIND, OrderKind.class,
                        OrderKind.LIMIT, OrderKind.MARKET, OrderKind.STOP_MARKET, OrderKind.STOP_LIMIT),
                codes("TimeInForce", WireCodes.TIME_IN_FORCE, TimeInForce.class,
                        TimeInForce.GTC, TimeInForce.IOC, TimeInForce.FOK),
                codes("MarketStatus", WireCodes.MARKET_STATUS, MarketStatus.class,
                        MarketStatus.TRADING, MarketStatus.HALTED),
                codes("OrderStatus", WireCodes.ORDER_STATUS, OrderStatus.class,
                        OrderStatus.PENDING, OrderStatus.OPEN, OrderStatus.PARTIALLY_FILLED, OrderStatus.EXECUTED,
                        OrderStatus.CANCELLED, OrderStatus.FAILED),
                codes("RejectReason", WireCodes.REJECT_REASON, RejectReason.class,
                        RejectReason.INSUFFICIENT_FUNDS, RejectReason.NO_LIQUIDITY, RejectReason.POST_ONLY_WOULD_TAKE,
                        RejectReason.SELF_TRADE_PREVENTED, RejectReason.MARKET_HALTED, RejectReason.MARKET_NOT_FOUND,
                        RejectReason.ASSET_NOT_FOUND, RejectReason.ORDER_NOT_FOUND, RejectReason.ORDER_NOT_PENDING,
                        RejectReason.ORDER_NOT_CANCELLABLE, RejectReason.INVALID_QUANTITY, RejectReason.INVALID_PRICE,
                        RejectReason.INVALID_STOP_PRICE, RejectReason.INVALID_AMOUNT, RejectReason.BELOW_MIN_NOTIONAL,
                        RejectReason.INVALID_ORDER, RejectReason.TRANSACTION_ID_REUSED,
                        RejectReason.CLIENT_ORDER_ID_REUSED, RejectReason.SAME_ACCOUNT, RejectReason.INVALID_ACCOUNT,
                        RejectReason.ALREADY_EXISTS, RejectReason.INVALID_MARKET, RejectReason.TIME_IN_FORCE,
                        RejectReason.USER_CANCELLED, RejectReason.EXPIRED, RejectReason.BUDGET_EXHAUSTED,
                        RejectReason.WITHDRAWAL_NOT_FOUND, RejectReason.INVALID_TRANSACTION_ID),
                codes("LedgerType", WireCodes.LEDGER_TYPE, LedgerType.class,
                        LedgerType.DEPOSIT, LedgerType.WITHDRAWAL, LedgerType.TRANSFER_IN, LedgerType.TRANSFER_OUT,
                        LedgerType.TRADE, LedgerType.FEE));
    }

    @SafeVarargs
    private static <E extends Enum<E>> Arguments codes(String name, EnumCodes<E> codes, Class<E> type, E... inCodeOrder) {
        return Arguments.argumentSet(name, codes, type, List.of(inCodeOrder));
    }

    @ParameterizedTest
    @MethodSource("storedCodes")
    <E extends Enum<E>> void everyConstantKeepsItsStoredCodeAndNullIsMinusOne(EnumCodes<E> codes, Class<E> type,
                                                                            List<E> inCodeOrder) throws IOException {
        assertThat(inCodeOrder).as("every constant of %s has a pinned code here and in docs/formats.md",
                type.getSimpleName()).containsExactlyInAnyOrder(type.getEnumConstants());
        for (int code = 0; code < inCodeOrder.size(); code++) {
            E constant = inCodeOrder.get(code);
            assertThat(codes.code(constant)).as("%s.%s", type.getSimpleName(), constant).isEqualTo((byte) code);
            assertThat(written(codes, constant)).as("%s.%s as written", type.getSimpleName(), constant)
                    .containsExactly(code);
        }
        assertThat(codes.code(null)).isEqualTo((byte) -1);
    }

    @ParameterizedTest
    @MethodSource("storedCodes")
    <E extends Enum<E>> void docsFormatsListsTheSameCodes(EnumCodes<E> codes, Class<E> type, List<E> inCodeOrder) {
        StringBuilder expected = new StringBuilder();
        for (int code = 0; code < inCodeOrder.size(); code++) {
            expected.append(code == 0 ? "" : ", ").append(code).append(" `").append(inCodeOrder.get(code)).append('`');
        }

        assertThat(FormatsDocument.row("`" + type.getSimpleName() + "`")).as("the row of %s in docs/formats.md", type)
                .isNotNull().containsAnyOf("| " + expected + " |", "| " + expected + " (");
    }

    private static <E extends Enum<E>> byte[] written(EnumCodes<E> codes, E value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        codes.write(new DataOutputStream(bytes), value);
        return bytes.toByteArray();
    }
}
