package org.bourse.marketdata;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.bourse.exchange.MarketCatalog;
import org.bourse.exchange.MarketSpec;
import org.bourse.platform.ApiException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.num.DecimalNumFactory;
import org.ta4j.core.num.Num;

/**
 * {@code GET /markets/{symbol}/indicators}: technical indicators (ta4j) over the market's gap-filled candle
 * closes, each with its latest value and its series.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Market data")
class IndicatorController {

    static final int MAX_PERIOD = 500;
    /** Indicator values are not money: a fixed number of places keeps them readable and comparable. */
    static final int SCALE = 8;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record IndicatorsResponse(String symbol, String interval, Line sma, Line ema, Line rsi, Macd macd,
                              Bands bollinger) {
    }

    record Point(Instant time, String value) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Line(int period, String value, List<Point> series) {
    }

    record MacdPoint(Instant time, String macd, String signal, String histogram) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Macd(int fast, int slow, int signal, MacdPoint value, List<MacdPoint> series) {
    }

    record BandPoint(Instant time, String upper, String middle, String lower) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Bands(int period, String k, BandPoint value, List<BandPoint> series) {
    }

    private final MarketCatalog catalog;
    private final CandleQuery candleQuery;

    IndicatorController(MarketCatalog catalog, CandleQuery candleQuery) {
        this.catalog = catalog;
        this.candleQuery = candleQuery;
    }

    @GetMapping("/markets/{symbol}/indicators")
    @Operation(summary = "Technical indicators over candle closes",
            description = "interval: 1m, 5m, 15m, 1h, 4h or 1d (default 1h). Each indicator is computed only when "
                    + "asked for: sma=N, ema=N, rsi=N (N 1..500), macd=FAST,SLOW,SIGNAL (FAST < SLOW), "
                    + "bollinger=N,K (K > 0, the standard deviations of the bands). It is computed with ta4j over the "
                    + "same gap-filled candles GET /candles returns (up to 1000, the latest last), and answered as "
                    + "{period, value, series: [{time, value}]} (macd: {fast, slow, signal, value: {time, macd, "
                    + "signal, histogram}, series}; bollinger: {period, k, value: {time, upper, middle, lower}, "
                    + "series}). time is the candle's open time; value is the latest point, null before there are "
                    + "enough candles; series leaves out the first points, which do not yet have a full period "
                    + "behind them, and holds at most limit points (1..1000, default 100). Values are decimal "
                    + "strings rounded to 8 places. EMA(N) starts from the close of candle N+1 (ta4j leaves the first N out); RSI uses Wilder's smoothing.")
    @ApiResponse(responseCode = "200", description = "the requested indicators")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED naming the parameter")
    @ApiResponse(responseCode = "404", description = "MARKET_NOT_FOUND")
    IndicatorsResponse indicators(@PathVariable String symbol, @RequestParam(required = false) String interval,
                                  @RequestParam(required = false) String sma, @RequestParam(required = false) String ema,
                                  @RequestParam(required = false) String rsi, @RequestParam(required = false) String macd,
                                  @RequestParam(required = false) String bollinger,
                                  @RequestParam(required = false) String limit) {
        MarketSpec spec = MarketDataController.market(catalog, symbol);
        CandleInterval width = MarketDataController.interval(interval, "1h");
        Integer smaPeriod = period("sma", sma);
        Integer emaPeriod = period("ema", ema);
        Integer rsiPeriod = period("rsi", rsi);
        int[] macdParams = macd == null ? null : macd(macd);
        Object[] bandParams = bollinger == null ? null : bollinger(bollinger);
        int points = MarketDataController.intParam("limit", limit, 100, 1, 1000);

        List<CandleRow> candles = candleQuery.candles(spec, width, null, null, 1000);
        BarSeries series = series(candles, width);
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        int first = Math.max(0, candles.size() - points);

        Line smaLine = smaPeriod == null ? null : line(smaPeriod, new SMAIndicator(close, smaPeriod), candles, first);
        Line emaLine = emaPeriod == null ? null : line(emaPeriod, new EMAIndicator(close, emaPeriod), candles, first);
        Line rsiLine = rsiPeriod == null ? null : line(rsiPeriod, new RSIIndicator(close, rsiPeriod), candles, first);
        Macd macdLine = macdParams == null ? null : macd(macdParams, close, candles, first);
        Bands bands = bandParams == null ? null : bands((int) bandParams[0], (BigDecimal) bandParams[1], close, candles,
                first);
        return new IndicatorsResponse(spec.symbol(), width.code(), smaLine, emaLine, rsiLine, macdLine, bands);
    }

    private static BarSeries series(List<CandleRow> candles, CandleInterval width) {
        BarSeries series = new BaseBarSeriesBuilder().withNumFactory(DecimalNumFactory.getInstance()).build();
        for (CandleRow c : candles) {
            series.barBuilder().timePeriod(Duration.ofMillis(width.millis()))
                    .endTime(c.openTime().plusMillis(width.millis()))
                    .openPrice(c.open()).highPrice(c.high()).lowPrice(c.low()).closePrice(c.close())
                    .volume(c.volume()).amount(c.quoteVolume()).trades(c.trades())
                    .add();
        }
        return series;
    }

    private static Line line(int period, Indicator<Num> indicator, List<CandleRow> candles, int first) {
        // a full period behind the point: the first period-1 values are averages of fewer candles
        int stable = Math.max(period - 1, indicator.getCountOfUnstableBars());
        List<Point> out = new ArrayList<>();
        for (int i = Math.max(first, stable); i < candles.size(); i++) {
            String value = text(indicator.getValue(i));
            if (value != null) {
                out.add(new Point(candles.get(i).openTime(), value));
            }
        }
        return new Line(period, out.isEmpty() ? null : out.getLast().value(), out);
    }

    private static Macd macd(int[] p, ClosePriceIndicator close, List<CandleRow> candles, int first) {
        MACDIndicator macd = new MACDIndicator(close, p[0], p[1]);
        Indicator<Num> signal = macd.getSignalLine(p[2]);
        Indicator<Num> histogram = macd.getHistogram(p[2]);
        List<MacdPoint> out = new ArrayList<>();
        for (int i = Math.max(first, p[1] - 1 + p[2] - 1); i < candles.size(); i++) {
            String m = text(macd.getValue(i));
            String s = text(signal.getValue(i));
            String h = text(histogram.getValue(i));
            if (m != null && s != null && h != null) {
                out.add(new MacdPoint(candles.get(i).openTime(), m, s, h));
            }
        }
        return new Macd(p[0], p[1], p[2], out.isEmpty() ? null : out.getLast(), out);
    }

    private static Bands bands(int period, BigDecimal k, ClosePriceIndicator close, List<CandleRow> candles, int first) {
        BollingerBandsMiddleIndicator middle = new BollingerBandsMiddleIndicator(new SMAIndicator(close, period));
        StandardDeviationIndicator deviation = new StandardDeviationIndicator(close, period);
        Num kNum = close.getBarSeries().numFactory().numOf(k);
        BollingerBandsUpperIndicator upper = new BollingerBandsUpperIndicator(middle, deviation, kNum);
        BollingerBandsLowerIndicator lower = new BollingerBandsLowerIndicator(middle, deviation, kNum);
        List<BandPoint> out = new ArrayList<>();
        for (int i = Math.max(first, period - 1); i < candles.size(); i++) {
            String u = text(upper.getValue(i));
            String m = text(middle.getValue(i));
            String l = text(lower.getValue(i));
            if (u != null && m != null && l != null) {
                out.add(new BandPoint(candles.get(i).openTime(), u, m, l));
            }
        }
        return new Bands(period, k.toPlainString(), out.isEmpty() ? null : out.getLast(), out);
    }

    private static String text(Num value) {
        if (Num.isNaNOrNull(value)) {
            return null;
        }
        return value.bigDecimalValue().setScale(SCALE, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static Integer period(String field, String value) {
        return value == null ? null : MarketDataController.intParam(field, value, 0, 1, MAX_PERIOD);
    }

    private static int[] macd(String value) {
        String[] parts = value.split(",", -1);
        if (parts.length == 3) {
            try {
                int fast = Integer.parseInt(parts[0].trim());
                int slow = Integer.parseInt(parts[1].trim());
                int signal = Integer.parseInt(parts[2].trim());
                if (fast >= 1 && slow <= MAX_PERIOD && fast < slow && signal >= 1 && signal <= MAX_PERIOD) {
                    return new int[] {fast, slow, signal};
                }
            } catch (NumberFormatException e) {
                // answered below
            }
        }
        throw ApiException.invalidField("macd", "must be FAST,SLOW,SIGNAL: whole numbers, FAST < SLOW <= " + MAX_PERIOD);
    }

    private static Object[] bollinger(String value) {
        String[] parts = value.split(",", -1);
        if (parts.length == 2) {
            try {
                int period = Integer.parseInt(parts[0].trim());
                BigDecimal k = new BigDecimal(parts[1].trim());
                if (period >= 2 && period <= MAX_PERIOD && k.signum() > 0 && k.compareTo(BigDecimal.TEN) <= 0) {
                    return new Object[] {period, k};
                }
            } catch (NumberFormatException e) {
                // answered below
            }
        }
        throw ApiException.invalidField("bollinger", "must be PERIOD,K: PERIOD 2.." + MAX_PERIOD + ", K above 0 up to 10");
    }
}
