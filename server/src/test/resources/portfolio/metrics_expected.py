#!/usr/bin/env python3
"""Independent worked example of docs/portfolio.md's metric formulas (not the Java code under test).

Writes metrics-fixture.csv (the snapshots: a fixed sequence with a deposit and BTC prices) and
metrics-expected.csv (each metric's expected value), which MetricsTableTest holds Metrics to.
Run: python3 metrics_expected.py   (plain Python 3, standard library only; exact fractions where it matters)
"""
import math
from fractions import Fraction as F

DAY = 86_400_000
HOUR = 3_600_000
M15 = 900_000
NOW = 1_769_817_600_000  # 2026-01-31T00:00:00Z

# (at, value, invested, btc) -- daily closes for 30 days, a deposit of 1000 on day 12, then 15-minute points
values = [9000, 9090, 8950, 9100, 9300, 9200, 9050, 9400, 9500, 9380, 9600, 9550,
          10700, 10500, 10650, 10400, 10300, 10550, 10800, 10750, 10600, 10900, 11000, 10850,
          10700, 10950, 11100, 10980, 11200, 10900]
btc = [40000, 40400, 39800, 40500, 41200, 40900, 40300, 41500, 41900, 41400, 42200, 42000,
       42500, 41800, 42300, 41600, 41100, 42000, 42800, 42600, 42000, 43000, 43400, 42900,
       42300, 43100, 43600, 43200, 44000, 43000]
rows = []
for day, (v, b) in enumerate(zip(values, btc)):
    invested = 9000 if day < 12 else 10000
    rows.append((NOW - (30 - day) * DAY, F(v), F(invested), F(b)))
# the last day, every 15 minutes from 23:00 (after the day-29 close at NOW - 1 day)
for at, v in ((NOW - 60 * 60_000, 10950), (NOW - 45 * 60_000, 11020), (NOW - 30 * 60_000, 10980),
              (NOW - 15 * 60_000, 11050)):
    rows.append((at, F(v), F(10000), F(43500)))
now = (NOW, F(11000), F(10000), F(43600))
positions = [("BTC", F(6000), "store_of_value", 0.2), ("ETH", F(3000), "smart_contract_platform", -0.1),
             ("SOL", F(500), "smart_contract_platform", 0.05), ("USD", F(1500), "fiat", None)]
RF = 0.0  # risk-free rate, annual

series = rows + [now]


def ret(a, b):  # flow-adjusted return between two snapshots
    return (b[1] - a[1] - (b[2] - a[2])) / a[1]


def rets(points):
    return [float(ret(points[i - 1], points[i])) for i in range(1, len(points))]


def sample(since, step):
    return [s for s in series if s[0] >= since and s[0] % step == 0]


def mean(x):
    return sum(x) / len(x)


def sd(x):  # sample standard deviation
    m = mean(x)
    return math.sqrt(sum((v - m) ** 2 for v in x) / (len(x) - 1))


out = {}
# performance: P&L change since the latest snapshot at or before now - period
for name, period in (("daily", DAY), ("weekly", 7 * DAY), ("monthly", 30 * DAY)):
    base = [s for s in series if s[0] <= NOW - period][-1]
    change = (now[1] - now[2]) - (base[1] - base[2])
    out[name + "_change"] = float(change)
    out[name + "_change_percentage"] = float(change / base[1] * 100)
out["all_time_high"] = float(max(s[1] for s in series))
out["all_time_low"] = float(min(s[1] for s in series))
out["roi"] = float((now[1] - now[2]) / now[2] * 100)
twr = 1.0
for r in rets(series):
    twr *= 1 + r
twr -= 1
out["time_weighted_return"] = twr * 100
span = NOW - series[0][0]
ann = (1 + twr) ** (365 * DAY / span) - 1
out["annualized_return"] = ann * 100
# IRR: -V0 at t0, -(I_i - I_{i-1}) at each snapshot, +V_now now; bisection
t0 = series[0][0]
flows = [(0.0, -float(series[0][1]))]
for i in range(1, len(series) - 1):
    d = float(series[i][2] - series[i - 1][2])
    if d:
        flows.append(((series[i][0] - t0) / (365 * DAY), -d))
d = float(now[2] - series[-2][2])
if d:
    flows.append(((NOW - t0) / (365 * DAY), -d))
flows.append(((NOW - t0) / (365 * DAY), float(now[1])))
npv = lambda r: sum(a / (1 + r) ** t for t, a in flows)
lo, hi = -0.99, 100.0
for _ in range(200):
    mid = (lo + hi) / 2
    if (npv(mid) > 0) == (npv(lo) > 0):
        lo = mid
    else:
        hi = mid
out["money_weighted_return"] = (lo + hi) / 2 * 100
# risk
out["volatility_24h"] = sd(rets(sample(NOW - DAY, M15))) * 100
out["volatility_7d"] = sd(rets(sample(NOW - 7 * DAY, HOUR))) * 100
out["volatility_30d"] = sd(rets(sample(NOW - 30 * DAY, DAY))) * 100
daily = sample(NOW - 365 * DAY, DAY)
r = rets(daily)
rfd = RF / 365
dd = math.sqrt(sum(min(v - rfd, 0) ** 2 for v in r) / len(r))
out["sharpe_ratio"] = (mean(r) - rfd) / sd(r) * math.sqrt(365)
out["sortino_ratio"] = (mean(r) - rfd) / dd * math.sqrt(365)
out["downside_deviation"] = dd * 100
idx, peak, mdd = 1.0, 1.0, 0.0
for v in rets(sample(NOW - 365 * DAY, 1)):
    idx *= 1 + v
    peak = max(peak, idx)
    mdd = max(mdd, (peak - idx) / peak)
out["max_drawdown"] = mdd * 100
out["calmar_ratio"] = ann / mdd
rb = [float(daily[i][3] / daily[i - 1][3] - 1) for i in range(1, len(daily))]
mb, mp = mean(rb), mean(r)
cov = sum((a - mp) * (b - mb) for a, b in zip(r, rb)) / (len(r) - 1)
var = sum((b - mb) ** 2 for b in rb) / (len(rb) - 1)
beta = cov / var
out["beta"] = beta
out["alpha"] = (mp - rfd - beta * (mb - rfd)) * 365 * 100
s = sorted(r)
k = math.ceil(0.05 * len(s))
out["value_at_risk_95"] = -s[k - 1] * 100
out["conditional_var_95"] = -sum(s[:k]) / k * 100
# diversification
total = sum(p[1] for p in positions)
w = sorted((float(p[1] / total) for p in positions), reverse=True)
hhi = sum(x * x for x in w)
n = len(w)
out["herfindahl_index"] = hhi
out["concentration_index"] = (hhi - 1 / n) / (1 - 1 / n)
out["effective_holdings"] = 1 / hhi
out["largest_position_percentage"] = w[0] * 100
out["top_3_concentration"] = sum(w[:3]) * 100

with open("metrics-fixture.csv", "w") as f:
    f.write("# at_ms,value,invested,btc_price  (the last row is 'now')\n")
    for s_ in series:
        f.write("%d,%s,%s,%s\n" % (s_[0], s_[1], s_[2], s_[3]))
with open("metrics-expected.csv", "w") as f:
    f.write("# metric,expected  (from metrics_expected.py, an independent reading of docs/portfolio.md)\n")
    for k_, v in out.items():
        f.write("%s,%.10f\n" % (k_, v))
