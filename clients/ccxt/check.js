// Runs ccxt's own `binance` class, unchanged, against a Bourse server's Binance-compatible /api/v3 and fails on
// any answer that is not what the exchange did. Only the URLs and the options that switch off Binance's other
// product lines (futures, margin, the wallet's currency list) are set.
//
//   BOURSE_URL    the server (default http://localhost:8080)
//   BOURSE_SYMBOL the market in Bourse's spelling, e.g. BTC-USD (default). Its book should have no other
//                 orders at the prices used here (a fresh market, or BOURSE_DEMO=false), so fills are predictable.
//   BOURSE_ADMIN_TOKEN  unused; the traders below register themselves and fund their base asset from the faucet.
//
// Exit status 0 when every step matched, 1 on the first mismatch (with what was expected and what came).
'use strict';
const ccxt = require('ccxt');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');

const BASE_URL = (process.env.BOURSE_URL || 'http://localhost:8080').replace(/\/$/, '');
const SYMBOL = process.env.BOURSE_SYMBOL || 'BTC-USD';
const [BASE, QUOTE] = SYMBOL.split('-');
const CCXT_SYMBOL = `${BASE}/${QUOTE}`;

function log(step, detail) {
  console.log(`ccxt check: ${step}${detail === undefined ? '' : ': ' + detail}`);
}

/** Bourse's own API, for what a program does once by hand: an account and an API key. */
async function native(method, path, body, token) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(BASE_URL + '/api/v1' + path, { method, headers, body: body && JSON.stringify(body) });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function trader(name) {
  const unique = crypto.randomBytes(6).toString('hex');
  const username = `ccxt_${name}_${unique}`;
  const password = `ccxt check ${unique}`;
  await native('POST', '/auth/register', { username, email: `${username}@example.com`, password });
  const login = await native('POST', '/auth/login', { email: `${username}@example.com`, password });
  const key = await native('POST', '/api-keys', { label: `ccxt ${name}`, permissions: ['read', 'trade'] },
    login.access_token);
  const exchange = new ccxt.binance({
    apiKey: key.api_key,
    secret: key.secret,
    enableRateLimit: false,
    options: {
      fetchMarkets: { types: ['spot'] },
      fetchCurrencies: false,
      fetchMargins: false,
      defaultType: 'spot',
    },
  });
  exchange.urls.api.public = BASE_URL + '/api/v3';
  exchange.urls.api.private = BASE_URL + '/api/v3';
  return { name, token: login.access_token, exchange };
}

function near(actual, expected, what) {
  assert.ok(Math.abs(Number(actual) - Number(expected)) < 1e-9, `${what}: expected ${expected}, got ${actual}`);
}

async function main() {
  const maker = await trader('maker');
  const taker = await trader('taker');
  await native('POST', '/deposits', { asset: BASE, amount: '1', transaction_id: `ccxt-${crypto.randomUUID()}` },
    maker.token);

  const markets = await maker.exchange.fetchMarkets();
  const market = markets.find((m) => m.symbol === CCXT_SYMBOL);
  assert.ok(market, `fetchMarkets has no ${CCXT_SYMBOL} among ${markets.map((m) => m.symbol).join(', ')}`);
  assert.equal(market.id, BASE + QUOTE);
  assert.equal(market.spot, true);
  assert.equal(market.active, true);
  log('fetchMarkets', `${markets.length} markets, ${CCXT_SYMBOL} as ${market.id}, price step ${market.precision.price}, amount step ${market.precision.amount}`);
  await maker.exchange.loadMarkets();
  await taker.exchange.loadMarkets();

  const before = await maker.exchange.fetchOrderBook(CCXT_SYMBOL);
  log('fetchOrderBook', `${before.bids.length} bids, ${before.asks.length} asks`);

  // a resting sell, far above anything else in the book
  const price = 777.77;
  const amount = 0.01;
  const sell = await maker.exchange.createOrder(CCXT_SYMBOL, 'limit', 'sell', amount, price);
  assert.equal(sell.status, 'open', `limit sell status: ${JSON.stringify(sell)}`);
  near(sell.price, price, 'limit sell price');
  near(sell.amount, amount, 'limit sell amount');
  log('createOrder limit', `sell ${amount} at ${price}: order ${sell.id} ${sell.status}`);

  const book = await taker.exchange.fetchOrderBook(CCXT_SYMBOL);
  assert.ok(book.asks.some(([p, q]) => p === price && q >= amount), `the book lacks the ask: ${JSON.stringify(book.asks)}`);
  log('fetchOrderBook', `best ask ${book.asks[0][0]} x ${book.asks[0][1]}`);

  const open = await maker.exchange.fetchOpenOrders(CCXT_SYMBOL);
  assert.ok(open.some((o) => o.id === sell.id), `fetchOpenOrders lacks ${sell.id}: ${JSON.stringify(open)}`);
  log('fetchOpenOrders', `${open.length} open, ${sell.id} among them`);

  const buy = await taker.exchange.createOrder(CCXT_SYMBOL, 'market', 'buy', amount);
  assert.equal(buy.status, 'closed', `market buy status: ${JSON.stringify(buy)}`);
  near(buy.filled, amount, 'market buy filled');
  near(buy.average, price, 'market buy average price');
  log('createOrder market', `buy ${amount}: order ${buy.id} ${buy.status}, filled ${buy.filled} at ${buy.average}`);

  const trades = await taker.exchange.fetchMyTrades(CCXT_SYMBOL);
  const fill = trades.find((t) => t.order === buy.id);
  assert.ok(fill, `fetchMyTrades lacks a fill of ${buy.id}: ${JSON.stringify(trades)}`);
  assert.equal(fill.side, 'buy');
  assert.equal(fill.takerOrMaker, 'taker');
  near(fill.price, price, 'fill price');
  near(fill.amount, amount, 'fill amount');
  log('fetchMyTrades', `${trades.length} trades, ${fill.id}: ${fill.side} ${fill.amount} at ${fill.price}, fee ${fill.fee.cost} ${fill.fee.currency}`);

  const balance = await taker.exchange.fetchBalance();
  near(balance[BASE].free, amount, `taker's free ${BASE}`);
  const makerBalance = await maker.exchange.fetchBalance();
  near(makerBalance[BASE].total, 1 - amount, `maker's total ${BASE}`);
  log('fetchBalance', `taker ${BASE} free ${balance[BASE].free}, ${QUOTE} free ${balance[QUOTE].free}; maker ${BASE} total ${makerBalance[BASE].total}`);

  const candles = await taker.exchange.fetchOHLCV(CCXT_SYMBOL, '1m');
  assert.ok(candles.length >= 1, 'fetchOHLCV returned no candle after a trade');
  // the trade's minute is the last candle, or the one before when a new minute began since
  const traded = candles.slice(-2).find((c) => Math.abs(c[4] - price) < 1e-9 && c[5] >= amount);
  assert.ok(traded, `no candle closes at ${price} with volume ${amount}: ${JSON.stringify(candles.slice(-2))}`);
  log('fetchOHLCV', `${candles.length} candles, the trade's [${traded.join(', ')}]`);

  const bid = await maker.exchange.createOrder(CCXT_SYMBOL, 'limit', 'buy', amount, 123.45);
  assert.equal(bid.status, 'open');
  const cancelled = await maker.exchange.cancelOrder(bid.id, CCXT_SYMBOL);
  assert.equal(cancelled.id, bid.id);
  assert.equal(cancelled.status, 'canceled', `cancelOrder status: ${JSON.stringify(cancelled)}`);
  const stillOpen = await maker.exchange.fetchOpenOrders(CCXT_SYMBOL);
  assert.ok(!stillOpen.some((o) => o.id === bid.id), 'a cancelled order is still listed as open');
  log('cancelOrder', `order ${bid.id} ${cancelled.status}; ${stillOpen.length} open orders left`);

  let refused;
  try {
    await taker.exchange.createOrder(CCXT_SYMBOL, 'limit', 'buy', 1000, 999999);
  } catch (e) {
    refused = e;
  }
  assert.ok(refused instanceof ccxt.InsufficientFunds, `an unaffordable order: expected InsufficientFunds, got ${refused}`);
  log('createOrder beyond the balance', `refused with ${refused.constructor.name}`);

  log('all steps matched');
}

main().catch((e) => {
  console.error(`ccxt check FAILED: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
