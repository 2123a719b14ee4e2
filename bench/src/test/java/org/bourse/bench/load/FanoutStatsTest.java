package org.bourse.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** How the subscribers read API.md's WebSocket messages, and the report made of them. */
class FanoutStatsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T17:00:00.250Z");

    private final FanoutStats stats = new FanoutStats();

    @Test
    void messagesAreCountedPerChannelKindAndTypeInsideTheMeasuredWindowOnly() {
        stats.window(100, 200);
        FanoutStats.Tally tally = stats.tally(false);

        tally.message(book("snapshot", 7), 50, NOW);
        tally.message(book("update", 8), 150, NOW);
        tally.message(trades(3, "2026-11-23T17:00:00.240Z", 11), 160, NOW);
        tally.message(book("update", 9), 250, NOW);

        assertThat(stats.messages()).isEqualTo(4);
        assertThat(stats.measuredMessages()).isEqualTo(2);
        assertThat(stats.measuredByChannel()).containsEntry("book update", 1L).containsEntry("trades update", 1L)
                .doesNotContainKey("book snapshot");
        assertThat(stats.gapsByChannel()).isEmpty();
    }

    @Test
    void anUpdateThatSkipsASequenceNumberIsAGapOfItsChannel() {
        stats.window(0, 1_000);
        FanoutStats.Tally tally = stats.tally(false);

        tally.message(book("snapshot", 10), 1, NOW);
        tally.message(book("update", 11), 2, NOW);
        tally.message(book("update", 13), 3, NOW);
        tally.message(book("update", 14), 4, NOW);
        tally.message(book("snapshot", 20), 5, NOW); // a resubscription starts counting afresh
        tally.message(book("update", 21), 6, NOW);
        // trades carry the engine sequence of the command that traded: jumps are normal there
        tally.message(trades(1, "2026-11-23T17:00:00.240Z", 30), 7, NOW);
        tally.message(trades(2, "2026-11-23T17:00:00.241Z", 35), 8, NOW);

        assertThat(stats.gapsByChannel()).containsExactly(java.util.Map.entry("book", 1L));
    }

    @Test
    void acknowledgementsAndPongsAreNeitherMarketDataNorUnreadable() {
        stats.window(0, 1_000);
        FanoutStats.Tally tally = stats.tally(false);

        tally.message("{\"type\":\"subscribed\",\"channels\":[\"book:BTC-USD\"]}", 1, NOW);
        tally.message("{\"type\":\"pong\"}", 2, NOW);
        tally.message("{\"type\":\"surprise\"}", 3, NOW);

        assertThat(stats.messages()).isZero();
        assertThat(stats.unreadable()).isEqualTo(1);
    }

    @Test
    void theTradeDelayRunsFromExecutedAtToArrivalInMicroseconds() {
        stats.window(0, 1_000);
        FanoutStats.Tally tally = stats.tally(false);

        tally.message(trades(1, "2026-11-23T17:00:00.240Z", 1), 10, NOW);
        tally.message(trades(2, "2026-11-23T17:00:00.248Z", 2), 11, NOW);

        Histogram delay = stats.tradeDelay();
        assertThat(delay.getTotalCount()).isEqualTo(2);
        assertThat(delay.getMaxValue()).isBetween(9_990L, 10_010L);
        assertThat(delay.getMinValue()).isBetween(1_999L, 2_001L);
    }

    @Test
    void aProbeKeepsEveryTradeIdWithItsArrivalAndAnArrayOfRowsCountsEachRow() {
        stats.window(0, 1_000);
        FanoutStats.Tally probe = stats.tally(true);

        probe.message("""
                {"channel":"trades:BTC-USD","type":"update","sequence":5,"data":[
                 {"id":"41","price":"90000.00","quantity":"0.1","taker_side":"buy","executed_at":"2026-11-23T17:00:00.249Z"},
                 {"id":"42","price":"90001.00","quantity":"0.2","taker_side":"buy","executed_at":"2026-11-23T17:00:00.249Z"}]}
                """, 77, NOW);

        List<long[]> kept = new ArrayList<>();
        probe.forEachTrade((id, arrived) -> kept.add(new long[] {id, arrived}));
        assertThat(kept).containsExactly(new long[] {41, 77}, new long[] {42, 77});
        assertThat(stats.tradeDelay().getTotalCount()).isEqualTo(2);
    }

    @Test
    void errorsAndUnreadableMessagesAreCountedNotThrown() {
        FanoutStats.Tally tally = stats.tally(false);

        tally.message("{\"type\":\"error\",\"code\":\"UNKNOWN_CHANNEL\",\"message\":\"no such channel\"}", 1, NOW);
        tally.message("not json", 2, NOW);

        assertThat(stats.errorsByCode()).containsEntry("UNKNOWN_CHANNEL", 1L);
        assertThat(stats.unreadable()).isEqualTo(1);
        assertThat(stats.examples()).hasSize(2);
    }

    @Test
    void theReportGivesMessagesPerSecondDelaysAndIncidentsAndFailsARunWithoutTrades() {
        stats.window(0, 2_000_000_000L);
        FanoutStats.Tally tally = stats.tally(false);
        tally.message(book("snapshot", 1), 0, NOW);
        for (int i = 0; i < 10; i++) {
            tally.message(book("update", 2 + i), 1_000 + i, NOW);
        }
        stats.disconnected("closed by the server, 1008 too slow");
        FanoutOptions options = FanoutOptions.parse("--subscribers", "1");

        FanoutReport report = new FanoutReport(options, stats, new Drive(2.0, 0, 0), 1, new Histogram(3), 0);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        report.print(new PrintStream(text, true, StandardCharsets.UTF_8));

        assertThat(text.toString(StandardCharsets.UTF_8)).contains("messages delivered: 11, 5.5/s in total",
                "book update", "disconnects: 1", "1008 too slow");
        assertThat(report.failures()).containsExactly(
                "no trades message arrived in the measured window: the order flow did not trade");
        assertThat(report.summary(false, report.failures())).startsWith(FanoutReport.SUMMARY_PREFIX + "{\"passed\":false")
                .contains("\"messages_per_s\":5.5", "\"disconnects\":1");
    }

    private static String book(String type, long sequence) {
        return "{\"channel\":\"book:BTC-USD\",\"type\":\"" + type + "\",\"sequence\":" + sequence
                + ",\"data\":{\"bids\":[[\"90000.00\",\"0.5\"]],\"asks\":[]}}";
    }

    private static String trades(long id, String executedAt, long sequence) {
        return "{\"channel\":\"trades:BTC-USD\",\"type\":\"update\",\"sequence\":" + sequence + ",\"data\":{\"id\":\""
                + id + "\",\"price\":\"90000.00\",\"quantity\":\"0.1\",\"taker_side\":\"sell\",\"executed_at\":\""
                + executedAt + "\"}}";
    }
}
