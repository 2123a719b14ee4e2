/**
 * Public market data (seeds 002 and 004, seed 000's prices): markets, ticker, depth, trades, candles,
 * indicators, prices, and their WebSocket streams. Owns the {@code trades} read model.
 */
package org.bourse.marketdata;
