// Recent trades of the market: GET /markets/{symbol}/trades, then trades:SYMBOL live, newest first.
import { h, replace } from '../dom.js';
import * as fmt from '../format.js';

const KEEP = 40;

export function tradesPanel(ctx, market, onTrade) {
  const body = h('tbody');
  const empty = h('p', { class: 'empty' }, 'No trades yet');
  const el = h('section', { class: 'panel trades', 'aria-labelledby': 'trades-title' },
    h('h2', { id: 'trades-title' }, 'Recent trades'),
    h('p', { class: 'hint' }, `Prices in ${market.quote_asset}, amounts in ${market.base_asset}`),
    h('table', { class: 'grid compact', id: 'market-trades' },
      h('caption', { class: 'visually-hidden' }, 'Recent trades, newest first'),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col', class: 'num' }, 'Price'),
        h('th', { scope: 'col', class: 'num' }, 'Amount'),
        h('th', { scope: 'col' }, 'Taker side'),
        h('th', { scope: 'col', class: 'num' }, 'Time'))),
      body),
    empty);
  let trades = [];

  function render() {
    empty.hidden = trades.length > 0;
    replace(body, trades.map((t) => h('tr', { 'data-trade-id': t.id, class: t.taker_side },
      h('td', { class: 'num price' }, fmt.price(t.price, market)),
      h('td', { class: 'num' }, fmt.quantity(t.quantity, market)),
      h('td', { class: 'side ' + t.taker_side }, t.taker_side === 'buy' ? '▲ Buy' : '▼ Sell'),
      h('td', { class: 'num' }, fmt.time(t.executed_at)))));
  }

  async function load() {
    try {
      const list = await ctx.api.request('GET', `/markets/${market.symbol}/trades`, { query: { limit: KEEP }, auth: false });
      const known = new Set(list.map((t) => t.id));
      trades = [...trades.filter((t) => !known.has(t.id)), ...list]
        .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : BigInt(b.id) < BigInt(a.id) ? -1 : 0))
        .slice(0, KEEP);
      render();
    } catch (e) {
      // the live channel still fills the list
    }
  }

  const stop = ctx.socket.subscribe('trades:' + market.symbol, (message) => {
    if (message.type === 'error' && message.code === 'EVENTS_LOST') {
      load();
      return;
    }
    if (message.type !== 'update' || !message.data) return;
    const trade = message.data;
    if (trades.some((t) => t.id === trade.id)) return;
    trades.unshift(trade);
    trades.length = Math.min(trades.length, KEEP);
    render();
    onTrade(trade);
  });
  ctx.socket.addEventListener('reconnected', load);
  load();
  render();
  return {
    el,
    destroy() {
      stop();
      ctx.socket.removeEventListener('reconnected', load);
    },
  };
}
