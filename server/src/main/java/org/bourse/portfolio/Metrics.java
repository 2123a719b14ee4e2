package org.bourse.portfolio;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Seed 000's portfolio metrics, from the snapshots and the current valuation. Every formula, return series and
 * window is in docs/portfolio.md; this class is written to match it line for line. Money stays {@link BigDecimal};
 * ratios are doubles rounded to 6 places in the answer. A metric without enough history is null with a reason.
 */
final class Metrics {

    static final long MINUTE = 60_000L;
    static final long HOUR = 3_600_000L;
    static final long DAY = 24 * HOUR;
    static final int MIN_DAILY_RETURNS = 7;
    static final int MIN_TAIL_RETURNS = 20;
    static final double DAYS_PER_YEAR = 365;

    /** One metric: its value (null with a reason when it cannot be computed), the window and the unit. */
    record Metric(Object value, String window, String unit, String reason) {
    }

    /** A holding valued now, for diversification and best/worst: {@code returnRatio} is value / cost - 1. */
    record Position(String asset, BigDecimal value, String category, Double returnRatio) {
    }

    private final List<Snapshot> series;
    private final Snapshot now;
    private final double riskFreeDaily;
    private final double riskFreeAnnual;

    /**
     * @param history the user's snapshots, oldest first
     * @param now     the valuation now (its {@code at} is now)
     */
    private Metrics(List<Snapshot> history, Snapshot now, double riskFreeAnnual) {
        List<Snapshot> all = new ArrayList<>(history);
        if (all.isEmpty() || all.getLast().at() < now.at()) {
            all.add(now);
        }
        this.series = all;
        this.now = now;
        this.riskFreeAnnual = riskFreeAnnual;
        this.riskFreeDaily = riskFreeAnnual / DAYS_PER_YEAR;
    }

    static Map<String, Map<String, Metric>> compute(List<Snapshot> history, Snapshot now, List<Position> positions,
                                                    double riskFreeAnnual) {
        Metrics m = new Metrics(history, now, riskFreeAnnual);
        Map<String, Map<String, Metric>> groups = new LinkedHashMap<>();
        groups.put("performance", m.performance(positions));
        groups.put("risk", m.risk());
        groups.put("diversification", diversification(positions));
        return groups;
    }

    // ---- return series ----

    /** Flow-adjusted return between two snapshots: (V1 - V0 - (I1 - I0)) / V0; NaN when V0 is not positive. */
    static double periodReturn(Snapshot from, Snapshot to) {
        if (from.value().signum() <= 0) {
            return Double.NaN;
        }
        BigDecimal gain = to.value().subtract(from.value()).subtract(to.invested().subtract(from.invested()));
        return gain.divide(from.value(), 20, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** Snapshots at or after {@code since} whose time is a multiple of {@code step}, oldest first (now included). */
    private List<Snapshot> sampled(long since, long step) {
        List<Snapshot> out = new ArrayList<>();
        for (Snapshot s : series) {
            if (s.at() >= since && (s.at() % step == 0)) {
                out.add(s);
            }
        }
        return out;
    }

    private static double[] returns(List<Snapshot> points) {
        List<Double> r = new ArrayList<>();
        for (int i = 1; i < points.size(); i++) {
            double x = periodReturn(points.get(i - 1), points.get(i));
            if (!Double.isNaN(x)) {
                r.add(x);
            }
        }
        return r.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Daily returns over the last 365 days: between snapshots taken at 00:00 UTC. */
    private List<Snapshot> dailyPoints() {
        return sampled(now.at() - 365 * DAY, DAY);
    }

    // ---- performance ----

    private Map<String, Metric> performance(List<Position> positions) {
        Map<String, Metric> out = new LinkedHashMap<>();
        change(out, "daily", DAY, "1d");
        change(out, "weekly", 7 * DAY, "7d");
        change(out, "monthly", 30 * DAY, "30d");
        change(out, "yearly", 365 * DAY, "365d");
        Snapshot high = series.stream().max(Comparator.comparing(Snapshot::value)).orElseThrow();
        Snapshot low = series.stream().min(Comparator.comparing(Snapshot::value)).orElseThrow();
        out.put("all_time_high", new Metric(Money.text(high.value().setScale(8, RoundingMode.HALF_EVEN)), "all", "book_currency", null));
        out.put("all_time_low", new Metric(Money.text(low.value().setScale(8, RoundingMode.HALF_EVEN)), "all", "book_currency", null));
        out.put("roi", now.invested().signum() > 0
                ? ratio(now.profitLoss().divide(now.invested(), 20, RoundingMode.HALF_EVEN).doubleValue() * 100, "now",
                "percent")
                : none("now", "percent", "nothing invested"));
        double twr = timeWeighted();
        long span = now.at() - series.getFirst().at();
        out.put("time_weighted_return", series.size() < 2 ? none("all", "percent", "no snapshot yet")
                : ratio(twr * 100, "all", "percent"));
        out.put("annualized_return", span < 7 * DAY ? none("all", "percent", "less than 7 days of history")
                : ratio(annualized(twr, span) * 100, "all", "percent"));
        Double irr = series.size() < 2 || span < DAY ? null : irr();
        out.put("money_weighted_return", irr == null
                ? none("all", "percent annual", series.size() < 2 || span < DAY ? "less than a day of history"
                : "the cash flows have no internal rate of return")
                : ratio(irr * 100, "all", "percent annual"));
        Position best = null;
        Position worst = null;
        for (Position p : positions) {
            if (p.returnRatio() == null) {
                continue;
            }
            if (best == null || p.returnRatio() > best.returnRatio()) {
                best = p;
            }
            if (worst == null || p.returnRatio() < worst.returnRatio()) {
                worst = p;
            }
        }
        out.put("best_performing_asset", best == null ? none("now", "asset", "no priced holding")
                : new Metric(Map.of("asset", best.asset(), "return_percentage", round(best.returnRatio() * 100)),
                "now", "asset", null));
        out.put("worst_performing_asset", worst == null ? none("now", "asset", "no priced holding")
                : new Metric(Map.of("asset", worst.asset(), "return_percentage", round(worst.returnRatio() * 100)),
                "now", "asset", null));
        return out;
    }

    /** P&L change since the latest snapshot at or before now - period, and that change over the value then. */
    private void change(Map<String, Metric> out, String name, long period, String window) {
        Snapshot base = null;
        for (Snapshot s : series) {
            if (s.at() <= now.at() - period) {
                base = s;
            }
        }
        if (base == null) {
            out.put(name + "_change", none(window, "book_currency", "no snapshot " + window + " old"));
            out.put(name + "_change_percentage", none(window, "percent", "no snapshot " + window + " old"));
            return;
        }
        BigDecimal change = now.profitLoss().subtract(base.profitLoss());
        out.put(name + "_change", new Metric(Money.text(change.setScale(8, RoundingMode.HALF_EVEN)), window, "book_currency", null));
        out.put(name + "_change_percentage", base.value().signum() > 0
                ? ratio(change.divide(base.value(), 20, RoundingMode.HALF_EVEN).doubleValue() * 100, window, "percent")
                : none(window, "percent", "the value " + window + " ago was zero"));
    }

    private double timeWeighted() {
        double index = 1;
        for (double r : returns(series)) {
            index *= 1 + r;
        }
        return index - 1;
    }

    static double annualized(double total, long span) {
        return Math.pow(1 + total, DAYS_PER_YEAR * DAY / span) - 1;
    }

    /**
     * The annual rate that makes the cash flows' value zero: the first snapshot's value paid in at its time, each
     * later change of the net invested paid in (or out) at the snapshot that saw it, the value now received now.
     * Solved by bisection on [-99 %, 10 000 %]; null when the flows do not change sign over that range.
     */
    private Double irr() {
        long t0 = series.getFirst().at();
        List<double[]> flows = new ArrayList<>(); // {years since t0, amount}
        flows.add(new double[] {0, -series.getFirst().value().doubleValue()});
        for (int i = 1; i < series.size(); i++) {
            double paidIn = series.get(i).invested().subtract(series.get(i - 1).invested()).doubleValue();
            if (paidIn != 0) {
                flows.add(new double[] {(series.get(i).at() - t0) / (DAYS_PER_YEAR * DAY), -paidIn});
            }
        }
        flows.add(new double[] {(now.at() - t0) / (DAYS_PER_YEAR * DAY), now.value().doubleValue()});
        double lo = -0.99;
        double hi = 100;
        double fLo = npv(flows, lo);
        double fHi = npv(flows, hi);
        if (Double.isNaN(fLo) || Double.isNaN(fHi) || Math.signum(fLo) == Math.signum(fHi)) {
            return null;
        }
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            double f = npv(flows, mid);
            if (Math.signum(f) == Math.signum(fLo)) {
                lo = mid;
                fLo = f;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    private static double npv(List<double[]> flows, double rate) {
        double sum = 0;
        for (double[] f : flows) {
            sum += f[1] / Math.pow(1 + rate, f[0]);
        }
        return sum;
    }

    // ---- risk ----

    private Map<String, Metric> risk() {
        Map<String, Metric> out = new LinkedHashMap<>();
        out.put("volatility_24h", volatility(sampled(now.at() - DAY, 15 * MINUTE), "24h", "percent per 15m"));
        out.put("volatility_7d", volatility(sampled(now.at() - 7 * DAY, HOUR), "7d", "percent per hour"));
        out.put("volatility_30d", volatility(sampled(now.at() - 30 * DAY, DAY), "30d", "percent per day"));
        List<Snapshot> daily = dailyPoints();
        double[] r = returns(daily);
        String few = "fewer than " + MIN_DAILY_RETURNS + " daily returns";
        boolean enough = r.length >= MIN_DAILY_RETURNS;
        double mean = mean(r);
        double sd = enough ? stdev(r) : Double.NaN;
        double dd = enough ? downside(r) : Double.NaN;
        out.put("sharpe_ratio", !enough ? none("365d", "ratio", few) : sd == 0 ? none("365d", "ratio", "no volatility")
                : ratio((mean - riskFreeDaily) / sd * Math.sqrt(DAYS_PER_YEAR), "365d", "ratio"));
        out.put("sortino_ratio", !enough ? none("365d", "ratio", few) : dd == 0 ? none("365d", "ratio", "no downside")
                : ratio((mean - riskFreeDaily) / dd * Math.sqrt(DAYS_PER_YEAR), "365d", "ratio"));
        out.put("downside_deviation", !enough ? none("365d", "percent per day", few)
                : ratio(dd * 100, "365d", "percent per day"));
        List<Snapshot> year = sampled(now.at() - 365 * DAY, 1);
        Double mdd = year.size() < 2 ? null : maxDrawdown(returns(year));
        out.put("max_drawdown", mdd == null ? none("365d", "percent", "no snapshot yet") : ratio(mdd * 100, "365d", "percent"));
        long span = now.at() - series.getFirst().at();
        if (mdd == null || span < 7 * DAY) {
            out.put("calmar_ratio", none("365d", "ratio", "less than 7 days of history"));
        } else if (mdd == 0) {
            out.put("calmar_ratio", none("365d", "ratio", "no drawdown"));
        } else {
            out.put("calmar_ratio", ratio(annualized(timeWeighted(), span) / mdd, "365d", "ratio"));
        }
        betaAndAlpha(out, daily);
        if (r.length < MIN_TAIL_RETURNS) {
            String reason = "fewer than " + MIN_TAIL_RETURNS + " daily returns";
            out.put("value_at_risk_95", none("365d", "percent per day", reason));
            out.put("conditional_var_95", none("365d", "percent per day", reason));
        } else {
            double[] sorted = r.clone();
            java.util.Arrays.sort(sorted);
            int k = (int) Math.ceil(0.05 * sorted.length);
            double tail = 0;
            for (int i = 0; i < k; i++) {
                tail += sorted[i];
            }
            out.put("value_at_risk_95", ratio(-sorted[k - 1] * 100, "365d", "percent per day"));
            out.put("conditional_var_95", ratio(-tail / k * 100, "365d", "percent per day"));
        }
        return out;
    }

    private Metric volatility(List<Snapshot> points, String window, String unit) {
        double[] r = returns(points);
        return r.length < 2 ? none(window, unit, "fewer than 2 returns in the window") : ratio(stdev(r) * 100, window, unit);
    }

    /** Beta: cov(portfolio, BTC) / var(BTC) over daily returns; alpha: Jensen's, annualized. */
    private void betaAndAlpha(Map<String, Metric> out, List<Snapshot> daily) {
        List<Double> p = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        for (int i = 1; i < daily.size(); i++) {
            Snapshot s0 = daily.get(i - 1);
            Snapshot s1 = daily.get(i);
            double rp = periodReturn(s0, s1);
            if (Double.isNaN(rp) || s0.benchmark() == null || s1.benchmark() == null || s0.benchmark().signum() <= 0) {
                continue;
            }
            p.add(rp);
            b.add(s1.benchmark().divide(s0.benchmark(), 20, RoundingMode.HALF_EVEN).doubleValue() - 1);
        }
        if (p.size() < MIN_DAILY_RETURNS) {
            String reason = "fewer than " + MIN_DAILY_RETURNS + " daily returns with a BTC price";
            out.put("beta", none("365d", "ratio", reason));
            out.put("alpha", none("365d", "percent annual", reason));
            return;
        }
        double[] rp = p.stream().mapToDouble(Double::doubleValue).toArray();
        double[] rb = b.stream().mapToDouble(Double::doubleValue).toArray();
        double varB = covariance(rb, rb);
        if (varB == 0) {
            out.put("beta", none("365d", "ratio", "BTC did not move"));
            out.put("alpha", none("365d", "percent annual", "BTC did not move"));
            return;
        }
        double beta = covariance(rp, rb) / varB;
        double alpha = (mean(rp) - riskFreeDaily - beta * (mean(rb) - riskFreeDaily)) * DAYS_PER_YEAR;
        out.put("beta", ratio(beta, "365d", "ratio"));
        out.put("alpha", ratio(alpha * 100, "365d", "percent annual"));
    }

    /** The largest fall of the return index from a running peak, as a fraction of the peak (0 when none). */
    static double maxDrawdown(double[] returns) {
        double index = 1;
        double peak = 1;
        double worst = 0;
        for (double r : returns) {
            index *= 1 + r;
            peak = Math.max(peak, index);
            worst = Math.max(worst, (peak - index) / peak);
        }
        return worst;
    }

    // ---- diversification ----

    private static Map<String, Metric> diversification(List<Position> positions) {
        Map<String, Metric> out = new LinkedHashMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (Position p : positions) {
            total = total.add(p.value());
        }
        if (positions.isEmpty() || total.signum() <= 0) {
            for (String name : List.of("herfindahl_index", "concentration_index", "effective_holdings",
                    "largest_position_percentage", "top_3_concentration", "categories")) {
                out.put(name, none("now", "", "nothing valued"));
            }
            return out;
        }
        List<Double> weights = new ArrayList<>();
        Map<String, Double> categories = new TreeMap<>();
        for (Position p : positions) {
            double w = p.value().divide(total, 20, RoundingMode.HALF_EVEN).doubleValue();
            weights.add(w);
            categories.merge(p.category(), w * 100, Double::sum);
        }
        weights.sort(Comparator.reverseOrder());
        double hhi = 0;
        for (double w : weights) {
            hhi += w * w;
        }
        int n = weights.size();
        out.put("herfindahl_index", ratio(hhi, "now", "ratio"));
        out.put("concentration_index", ratio(n == 1 ? 1 : (hhi - 1.0 / n) / (1 - 1.0 / n), "now", "ratio"));
        out.put("effective_holdings", ratio(1 / hhi, "now", "count"));
        out.put("largest_position_percentage", ratio(weights.getFirst() * 100, "now", "percent"));
        out.put("top_3_concentration", ratio(weights.subList(0, Math.min(3, n)).stream().mapToDouble(d -> d).sum() * 100,
                "now", "percent"));
        Map<String, Object> rounded = new LinkedHashMap<>();
        categories.forEach((c, pct) -> rounded.put(c, round(pct)));
        out.put("categories", new Metric(rounded, "now", "percent", null));
        return out;
    }

    // ---- statistics ----

    static double mean(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return x.length == 0 ? Double.NaN : sum / x.length;
    }

    /** Sample standard deviation (n - 1). */
    static double stdev(double[] x) {
        return Math.sqrt(covariance(x, x));
    }

    static double covariance(double[] x, double[] y) {
        double mx = mean(x);
        double my = mean(y);
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += (x[i] - mx) * (y[i] - my);
        }
        return sum / (x.length - 1);
    }

    /** sqrt(mean(min(r - rf, 0)^2)) over all returns. */
    private double downside(double[] r) {
        double sum = 0;
        for (double v : r) {
            double d = Math.min(v - riskFreeDaily, 0);
            sum += d * d;
        }
        return Math.sqrt(sum / r.length);
    }

    private static Metric ratio(double value, String window, String unit) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return none(window, unit, "not defined for this history");
        }
        return new Metric(round(value), window, unit, null);
    }

    static double round(double value) {
        return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_EVEN).doubleValue();
    }

    private static Metric none(String window, String unit, String reason) {
        return new Metric(null, window, unit, reason);
    }
}
