// The trade view of one market: ticker, candles with overlays, the live book and its depth, recent trades,
// order entry, and the user's orders and fills.
import { markPainted, h } from '../dom.js';
import * as fmt from '../format.js';
import { Dec } from '../decimal.js';
import { BookModel, bookPanel } from '../trade/book.js';
import { depthPanel } from '../trade/depth.js';
import { tradesPanel } from '../trade/trades.js';
import { orderForm } from '../trade/orderform.js';
import { myOrdersPanel } from '../trade/myorders.js';

export function tradeView(ctx, symbol) {
  const market = ctx.markets.get(symbol);
  const model = new BookModel();
  const form = orderForm(ctx, market, model);
  const book = bookPanel(ctx, market, model, (price) => form.setPrice(price), () => loadChart());
  const depth = depthPanel(market, model);
  const ticker = tickerBar(ctx, market);
  const trades = tradesPanel(ctx, market, () => {});
  // the chart library is the biggest script and its start the longest task: it starts once the live book is
  // on screen (or after 1.5 s without one), so the book and the order form come first
  const chartSlot = h('section', { class: 'panel chart', 'aria-labelledby': 'chart-title' },
    h('h2', { id: 'chart-title' }, 'Chart'), h('div', { class: 'chart-box' }));
  const chart = { el: chartSlot, destroy() {}, gone: false, started: false };
  const chartTimer = setTimeout(() => loadChart(), 1500);
  function loadChart() {
    clearTimeout(chartTimer);
    if (chart.started) return;
    chart.started = true;
    import('../trade/chart.js').then(({ chartPanel }) => {
      if (chart.gone) return;
      const panel = chartPanel(ctx, market);
      chartSlot.replaceWith(panel.el);
      chart.destroy = panel.destroy;
    });
  }
  const mine = myOrdersPanel(ctx, market);
  const el = h('section', { class: 'page trade-page', 'aria-label': `Trade ${market.symbol}`, 'data-symbol': market.symbol },
    ticker.el, chart.el, book.el, trades.el, form.el, depth.el, mine.el);
  el.addEventListener('order', mine.onOrder);
  markPainted('trade-view-painted');
  const parts = [form, book, depth, ticker, trades, chart, mine];
  return {
    el,
    title: market.symbol,
    destroy() {
      chart.gone = true;
      clearTimeout(chartTimer);
      for (const p of parts) p.destroy();
    },
  };
}

function tickerBar(ctx, market) {
  const select = h('select', { id: 'market-select', 'aria-label': 'Market' },
    ctx.markets.list.map((m) => h('option', { value: m.symbol, selected: m.symbol === market.symbol }, m.symbol)));
  select.addEventListener('change', () => ctx.navigate('#/trade/' + select.value));
  const stat = (label, id) => h('div', { class: 'stat' }, h('span', { class: 'label' }, label), h('span', { class: 'value', id }, '–'));
  const last = h('span', { class: 'last', id: 'ticker-last' }, '–');
  const status = h('span', { class: 'status', id: 'ticker-status' });
  const el = h('section', { class: 'panel ticker', 'aria-label': `${market.symbol} ticker` },
    h('h1', { class: 'visually-hidden' }, `Trade ${market.symbol}`), select, last, status,
    stat('24 h change', 'ticker-change'), stat('24 h high', 'ticker-high'), stat('24 h low', 'ticker-low'),
    stat(`24 h volume (${market.base_asset})`, 'ticker-volume'),
    stat('Fees maker / taker', 'ticker-fees'));
  const set = (id, text, cls) => {
    const node = el.querySelector('#' + id);
    node.textContent = text;
    if (cls !== undefined) node.className = 'value ' + cls;
  };
  set('ticker-fees', `${fmt.percentRate(market.maker_fee)} / ${fmt.percentRate(market.taker_fee)}`);

  function show(t) {
    last.textContent = t.last_price ? fmt.price(t.last_price, market) + ' ' + market.quote_asset : 'No trades yet';
    const change = Dec.parse(t.change_percent_24h);
    const dir = change === null || change.signum() === 0 ? 'flat' : change.signum() > 0 ? 'up' : 'down';
    set('ticker-change', (dir === 'up' ? '▲ ' : dir === 'down' ? '▼ ' : '') + fmt.signedPercent(t.change_percent_24h), 'change ' + dir);
    set('ticker-high', t.high_24h ? fmt.price(t.high_24h, market) : '–');
    set('ticker-low', t.low_24h ? fmt.price(t.low_24h, market) : '–');
    set('ticker-volume', t.volume_24h ? fmt.quantity(t.volume_24h, market) : '–');
  }

  function showStatus() {
    const m = ctx.markets.get(market.symbol) || market;
    status.textContent = m.status === 'halted' ? 'Halted' : 'Trading';
    status.className = 'status ' + m.status;
  }

  let seen = false;
  const stop = ctx.socket.subscribe('ticker:' + market.symbol, (m) => {
    if ((m.type === 'snapshot' || m.type === 'update') && m.data) {
      seen = true;
      show(m.data);
    }
  });
  ctx.api.request('GET', `/markets/${market.symbol}/ticker`, { auth: false }).then((t) => {
    if (!seen) show(t);
  }).catch(() => {});
  ctx.markets.addEventListener('change', showStatus);
  showStatus();
  return {
    el,
    destroy() {
      stop();
      ctx.markets.removeEventListener('change', showStatus);
    },
  };
}
