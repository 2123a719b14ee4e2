/**
 * Issue 25's Binance-compatible subset under {@code /api/v3}: Binance's paths, field names, symbols
 * ({@code BTCUSD}), error bodies ({@code {"code": -1022, "msg": ...}}) and signing ({@code X-MBX-APIKEY} and a
 * {@code signature} parameter), so programs written for Binance, ccxt's {@code binance} class among them, trade
 * here unchanged. A translation only: market data comes from the market data module, orders go to the engine like
 * {@code POST /api/v1/orders}, keys are checked by the API keys module. docs/binance-compat.md lists what differs.
 */
package org.bourse.binance;
