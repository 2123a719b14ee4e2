package org.bourse.engine.command;

import org.bourse.engine.MarketStatus;

/** Halts or resumes a market. */
public record SetMarketStatus(String symbol, MarketStatus status, String traceId) implements Command {
}
