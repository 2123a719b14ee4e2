// Markets: every listed market with its last price, 24 h change and volume, live from ticker:SYMBOL.
import { h, replace, table } from '../dom.js';
import * as fmt from '../format.js';
import { Dec } from '../decimal.js';

export function marketsView(ctx) {
  const { el: tableEl, body } = table('Markets', [
    'Market', { label: 'Last price', num: true }, { label: '24 h change', num: true }, { label: '24 h high', num: true },
    { label: '24 h low', num: true }, { label: '24 h volume', num: true }, { label: '24 h quote volume', num: true }, 'Status',
  ], { className: 'grid markets-table' });
  const el = h('section', { class: 'page markets-page', 'aria-labelledby': 'markets-title' },
    h('h1', { id: 'markets-title' }, 'Markets'),
    h('div', { class: 'panel scroll-x' }, tableEl));
  const tickers = new Map();
  const stops = [];

  // one row per market, kept and updated in place, so a focused link keeps its focus while prices move
  const rows = new Map();

  function render() {
    const list = ctx.markets.list;
    for (const symbol of [...rows.keys()]) if (!ctx.markets.get(symbol)) rows.delete(symbol);
    replace(body, list.map((m) => {
      let row = rows.get(m.symbol);
      if (!row) {
        row = h('tr', { 'data-symbol': m.symbol },
          h('th', { scope: 'row' }, h('a', { href: '#/trade/' + m.symbol }, m.symbol)),
          ...Array.from({ length: 6 }, () => h('td', { class: 'num' })), h('td'));
        rows.set(m.symbol, row);
      }
      update(row, m, tickers.get(m.symbol) || {});
      return row;
    }));
  }

  function update(row, m, t) {
    const change = Dec.parse(t.change_percent_24h);
    const direction = change === null || change.signum() === 0 ? 'flat' : change.signum() > 0 ? 'up' : 'down';
    const cells = row.cells;
    cells[1].textContent = t.last_price ? fmt.price(t.last_price, m) : '–';
    cells[2].textContent = (direction === 'up' ? '▲ ' : direction === 'down' ? '▼ ' : '') + fmt.signedPercent(t.change_percent_24h);
    cells[2].className = 'num change ' + direction;
    cells[3].textContent = t.high_24h ? fmt.price(t.high_24h, m) : '–';
    cells[4].textContent = t.low_24h ? fmt.price(t.low_24h, m) : '–';
    cells[5].textContent = t.volume_24h ? fmt.quantity(t.volume_24h, m) + ' ' + m.base_asset : '–';
    cells[6].textContent = t.quote_volume_24h ? fmt.fixed(t.quote_volume_24h, 2) + ' ' + m.quote_asset : '–';
    replace(cells[7], h('span', { class: 'status ' + m.status }, m.status === 'halted' ? 'Halted' : 'Trading'));
  }

  function show(symbol, ticker) {
    tickers.set(symbol, ticker);
    const row = rows.get(symbol);
    const m = ctx.markets.get(symbol);
    if (row && m) update(row, m, ticker);
  }

  function follow() {
    for (const stop of stops.splice(0)) stop();
    for (const m of ctx.markets.list) {
      stops.push(ctx.socket.subscribe('ticker:' + m.symbol, (msg) => {
        if ((msg.type === 'snapshot' || msg.type === 'update') && msg.data) {
          show(m.symbol, msg.data);
        }
      }));
      ctx.api.request('GET', `/markets/${m.symbol}/ticker`, { auth: false }).then((t) => {
        if (!tickers.has(m.symbol)) show(m.symbol, t);
      }).catch(() => {});
    }
  }

  const onMarkets = () => {
    render();
    follow();
  };
  ctx.markets.addEventListener('change', onMarkets);
  onMarkets();
  return {
    el,
    title: 'Markets',
    destroy() {
      ctx.markets.removeEventListener('change', onMarkets);
      for (const stop of stops) stop();
    },
  };
}
