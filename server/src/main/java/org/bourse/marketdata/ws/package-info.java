/**
 * The WebSocket {@code /ws}: public market data (book, trades, ticker, candles) and a user's private streams
 * (orders, fills, balances) pushed from the engine's event stream, one bounded outbox per socket. The
 * protocol is described in {@code docs/websocket.md}.
 */
package org.bourse.marketdata.ws;
