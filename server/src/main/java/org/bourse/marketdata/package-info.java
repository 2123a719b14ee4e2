/**
 * Public market data (seeds 002 and 004, seed 000's prices): markets, ticker, depth, trades, candles,
 * indicators, prices, and their WebSocket streams. Owns the {@code trades} and {@code candles} read models.
 *
 * <p>Freshness: the ticker, the trade tape and the book's version are kept on the engine thread before a
 * command is acknowledged ({@link org.bourse.marketdata.LiveMarketData}), and cached reads are keyed by those
 * versions, so no read after an acknowledged command answers from state older than that command.
 */
package org.bourse.marketdata;
