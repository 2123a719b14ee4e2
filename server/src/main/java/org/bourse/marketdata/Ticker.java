package org.bourse.marketdata;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code GET /markets/{symbol}/ticker} and the WebSocket ticker payload. The 24 h figures cover the trades of
 * the current UTC minute and the 1,439 before it; they are null when the window holds no trade (volumes "0").
 */
@Schema(description = "Rolling 24 h statistics. Decimal strings; null when there is nothing to report (no trade "
        + "in the window, an empty book side). sequence: the engine sequence of the last command that changed "
        + "this market's trades or top of book; a ticker read after an acknowledged command always reflects it. "
        + "timestamp: the time the figures are for.")
// ALWAYS: null fields are part of the contract; the names: snake_case would write open24h, the contract open_24h
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Ticker(String symbol, String lastPrice, String bestBid, String bestAsk,
              @JsonProperty("open_24h") String open24h, @JsonProperty("high_24h") String high24h,
              @JsonProperty("low_24h") String low24h, @JsonProperty("volume_24h") String volume24h,
              @JsonProperty("quote_volume_24h") String quoteVolume24h, @JsonProperty("change_24h") String change24h,
              @JsonProperty("change_percent_24h") String changePercent24h, long sequence, Instant timestamp) {

    /** The same figures, as of {@code time}. */
    Ticker at(Instant time) {
        return time.equals(timestamp) ? this : new Ticker(symbol, lastPrice, bestBid, bestAsk, open24h, high24h, low24h,
                volume24h, quoteVolume24h, change24h, changePercent24h, sequence, time);
    }
}
