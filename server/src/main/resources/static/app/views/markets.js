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

  function render() {
    replace(body, ctx.markets.list.map((m) => {
      const t = tickers.get(m.symbol) || {};
      const change = Dec.parse(t.change_percent_24h);
      const direction = change === null || change.signum() === 0 ? 'flat' : change.signum() > 0 ? 'up' : 'down';
      return h('tr', { 'data-symbol': m.symbol },
        h('th', { scope: 'row' }, h('a', { href: '#/trade/' + m.symbol }, m.symbol)),
        h('td', { class: 'num' }, t.last_price ? fmt.price(t.last_price, m) : '–'),
        h('td', { class: 'num change ' + direction }, direction === 'up' ? '▲ ' : direction === 'down' ? '▼ ' : '',
          fmt.signedPercent(t.change_percent_24h)),
        h('td', { class: 'num' }, t.high_24h ? fmt.price(t.high_24h, m) : '–'),
        h('td', { class: 'num' }, t.low_24h ? fmt.price(t.low_24h, m) : '–'),
        h('td', { class: 'num' }, t.volume_24h ? fmt.quantity(t.volume_24h, m) + ' ' + m.base_asset : '–'),
        h('td', { class: 'num' }, t.quote_volume_24h ? fmt.fixed(t.quote_volume_24h, 2) + ' ' + m.quote_asset : '–'),
        h('td', null, h('span', { class: 'status ' + m.status }, m.status === 'halted' ? 'Halted' : 'Trading')));
    }));
  }

  function follow() {
    for (const stop of stops.splice(0)) stop();
    for (const m of ctx.markets.list) {
      stops.push(ctx.socket.subscribe('ticker:' + m.symbol, (msg) => {
        if ((msg.type === 'snapshot' || msg.type === 'update') && msg.data) {
          tickers.set(m.symbol, msg.data);
          render();
        }
      }));
      ctx.api.request('GET', `/markets/${m.symbol}/ticker`, { auth: false }).then((t) => {
        if (!tickers.has(m.symbol)) {
          tickers.set(m.symbol, t);
          render();
        }
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
