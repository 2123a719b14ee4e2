package org.bourse.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Every metric held to a table worked out independently: {@code portfolio/metrics_expected.py} reads
 * docs/portfolio.md's formulas on its own and wrote {@code metrics-fixture.csv} (30 daily closes with a deposit of
 * 1000 on day 12, BTC prices, then four 15-minute points and "now") and {@code metrics-expected.csv}. A few are
 * simple enough to check by hand, and are also asserted here with the arithmetic.
 */
class MetricsTableTest {

    private static List<String[]> csv(String name) throws IOException {
        try (InputStream in = MetricsTableTest.class.getResourceAsStream("/portfolio/" + name)) {
            List<String[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split(","));
                }
            }
            return rows;
        }
    }

    private static Map<String, Metrics.Metric> flat(Map<String, Map<String, Metrics.Metric>> groups) {
        Map<String, Metrics.Metric> all = new LinkedHashMap<>();
        groups.values().forEach(all::putAll);
        return all;
    }

    private static Map<String, Map<String, Metrics.Metric>> fixture() throws IOException {
        List<Snapshot> snapshots = new ArrayList<>();
        for (String[] r : csv("metrics-fixture.csv")) {
            snapshots.add(new Snapshot(Long.parseLong(r[0]), new BigDecimal(r[1]), new BigDecimal(r[2]), new BigDecimal(r[3])));
        }
        Snapshot now = snapshots.removeLast();
        List<Metrics.Position> positions = List.of(
                new Metrics.Position("BTC", new BigDecimal("6000"), "store_of_value", 0.2),
                new Metrics.Position("ETH", new BigDecimal("3000"), "smart_contract_platform", -0.1),
                new Metrics.Position("SOL", new BigDecimal("500"), "smart_contract_platform", 0.05),
                new Metrics.Position("USD", new BigDecimal("1500"), "fiat", null));
        return Metrics.compute(snapshots, now, positions, 0);
    }

    @Test
    void everyMetricMatchesTheIndependentlyWorkedTable() throws IOException {
        Map<String, Metrics.Metric> metrics = flat(fixture());
        List<String[]> expected = csv("metrics-expected.csv");
        assertThat(expected).hasSizeGreaterThanOrEqualTo(29);
        for (String[] row : expected) {
            Metrics.Metric m = metrics.get(row[0]);
            assertThat(m).as(row[0]).isNotNull();
            assertThat(m.reason()).as(row[0]).isNull();
            double want = Double.parseDouble(row[1]);
            double got = m.value() instanceof String s ? Double.parseDouble(s) : ((Number) m.value()).doubleValue();
            // the answer is rounded to 6 places
            assertThat(got).as(row[0]).isCloseTo(want, within(Math.max(2e-6, Math.abs(want) * 1e-9)));
        }
    }

    @Test
    void theSimpleOnesByHand() throws IOException {
        Map<String, Metrics.Metric> m = flat(fixture());
        // now: value 11000, invested 10000; yesterday's close 10900 with 10000 invested: P&L +100, over 10900
        assertThat(m.get("daily_change").value()).isEqualTo("100");
        assertThat((double) m.get("daily_change_percentage").value()).isEqualTo(0.917431); // 100 / 10900 * 100
        // 30 days ago: 9000 with 9000 invested: the P&L went from 0 to 1000
        assertThat(m.get("monthly_change").value()).isEqualTo("1000");
        assertThat((double) m.get("roi").value()).isEqualTo(10.0); // (11000 - 10000) / 10000
        assertThat(m.get("all_time_high").value()).isEqualTo("11200");
        assertThat(m.get("all_time_low").value()).isEqualTo("8950");
        // weights 6000, 3000, 500, 1500 of 11000: HHI = (36 + 9 + 0.25 + 2.25) / 121 = 47.5 / 121
        assertThat((double) m.get("herfindahl_index").value()).isEqualTo(Metrics.round(47.5 / 121));
        assertThat((double) m.get("largest_position_percentage").value()).isEqualTo(54.545455); // 6000 / 11000
        assertThat((double) m.get("top_3_concentration").value()).isEqualTo(95.454545); // 10500 / 11000
        @SuppressWarnings("unchecked")
        Map<String, Object> categories = (Map<String, Object>) m.get("categories").value();
        assertThat(categories).containsEntry("store_of_value", 54.545455).containsEntry("fiat", 13.636364)
                .containsEntry("smart_contract_platform", 31.818182); // 3500 / 11000
        @SuppressWarnings("unchecked")
        Map<String, Object> best = (Map<String, Object>) m.get("best_performing_asset").value();
        assertThat(best).containsEntry("asset", "BTC");
        @SuppressWarnings("unchecked")
        Map<String, Object> worst = (Map<String, Object>) m.get("worst_performing_asset").value();
        assertThat(worst).containsEntry("asset", "ETH");
        assertThat(m.get("yearly_change").value()).as("no snapshot a year old").isNull();
        assertThat(m.get("yearly_change").reason()).contains("365d");
    }

    @Test
    void aPortfolioWithOneSnapshotHasNullsWithReasonsNeverZeroOrNaN() {
        Snapshot now = new Snapshot(1_769_817_600_000L, new BigDecimal("100"), new BigDecimal("100"), null);
        Map<String, Metrics.Metric> m = flat(Metrics.compute(List.of(), now, List.of(), 0));
        for (String name : List.of("daily_change", "time_weighted_return", "annualized_return", "money_weighted_return",
                "volatility_24h", "volatility_7d", "volatility_30d", "sharpe_ratio", "sortino_ratio", "calmar_ratio",
                "max_drawdown", "beta", "alpha", "value_at_risk_95", "conditional_var_95", "downside_deviation",
                "herfindahl_index", "best_performing_asset")) {
            assertThat(m.get(name).value()).as(name).isNull();
            assertThat(m.get(name).reason()).as(name).isNotBlank();
        }
        assertThat(m.get("roi").value()).isEqualTo(0.0);
    }
}
