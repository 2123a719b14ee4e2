// The portfolio: value, invested and P&L, holdings with their FIFO lots, allocation, value history and the
// metrics. Reads only GET /portfolio, /portfolio/history and /portfolio/metrics (API.md's Portfolio section).
import { createChart, LineSeries }
  from '/vendor/lightweight-charts-5.3.0/lightweight-charts.standalone.production.mjs';
import { h, replace } from '../dom.js';
import * as fmt from '../format.js';

const GROUPS = ['performance', 'risk', 'diversification'];

function signed(value) {
  if (value === null || value === undefined) return '–';
  return (String(value).startsWith('-') ? '' : '+') + fmt.amount(value);
}

function percent(value) {
  return value === null || value === undefined ? '–' : (value > 0 ? '+' : '') + Number(value).toFixed(2) + ' %';
}

function metricText(m) {
  if (!m || m.value === null || m.value === undefined) return '–';
  const v = m.value;
  if (typeof v === 'object') {
    if (v.asset) return `${v.asset} (${percent(v.return_percentage)})`;
    return Object.entries(v).map(([k, p]) => `${k.replaceAll('_', ' ')} ${Number(p).toFixed(2)} %`).join(', ');
  }
  if (typeof v === 'string') return fmt.amount(v);
  return String(v) + (m.unit && m.unit.startsWith('percent') ? ' %' : '');
}

export function portfolioView(ctx) {
  const summary = h('dl', { class: 'preview portfolio-summary', id: 'portfolio-summary' });
  const notice = h('p', { class: 'notice', id: 'portfolio-note', hidden: true });
  const holdingsBody = h('tbody');
  const lotsBody = h('tbody');
  const allocation = h('ul', { class: 'allocation', id: 'allocation' });
  const metricsBox = h('div', { class: 'metrics', id: 'portfolio-metrics' });
  const historyBox = h('div', { class: 'chart-box portfolio-chart', role: 'img', 'aria-label': 'Portfolio value history' });
  const historyEmpty = h('p', { class: 'chart-empty', id: 'history-empty', hidden: true }, 'No snapshot yet: one is taken every 15 minutes');
  const error = h('p', { class: 'form-error', role: 'alert', id: 'portfolio-error', hidden: true });

  const holdingsTable = h('table', { class: 'grid', id: 'holdings' },
    h('caption', { class: 'visually-hidden' }, 'Your holdings'),
    h('thead', null, h('tr', null, ['Asset', 'Quantity', 'Avg buy price', 'Price', 'Value', 'Invested', 'P&L', 'P&L %', 'Share', 'Realized', 'Fills']
      .map((c, i) => h('th', { scope: 'col', class: i ? 'num' : null }, c)))),
    holdingsBody);
  const lotsTable = h('table', { class: 'grid compact', id: 'lots' },
    h('caption', { class: 'visually-hidden' }, 'Cost basis: FIFO lots, oldest first'),
    h('thead', null, h('tr', null, ['Asset', 'Quantity', 'Price', 'Acquired', 'Order'].map((c, i) =>
      h('th', { scope: 'col', class: i === 1 || i === 2 ? 'num' : null }, c)))),
    lotsBody);

  const el = h('section', { class: 'page portfolio-page', 'aria-labelledby': 'portfolio-title' },
    h('h1', { id: 'portfolio-title' }, 'Portfolio'), error,
    h('div', { class: 'wallet-grid' },
      h('section', { class: 'panel', 'aria-labelledby': 'summary-title' }, h('h2', { id: 'summary-title' }, 'Summary'), summary, notice),
      h('section', { class: 'panel', 'aria-labelledby': 'allocation-title' }, h('h2', { id: 'allocation-title' }, 'Allocation'), allocation),
      h('section', { class: 'panel', 'aria-labelledby': 'history-title' }, h('h2', { id: 'history-title' }, 'Value history (USD)'),
        h('div', { class: 'chart-wrap' }, historyBox, historyEmpty))),
    h('section', { class: 'panel', 'aria-labelledby': 'holdings-title' }, h('h2', { id: 'holdings-title' }, 'Holdings'),
      h('div', { class: 'scroll-x' }, holdingsTable)),
    h('section', { class: 'panel', 'aria-labelledby': 'lots-title' }, h('h2', { id: 'lots-title' }, 'Cost basis (FIFO lots)'),
      h('div', { class: 'scroll-x' }, lotsTable)),
    h('section', { class: 'panel', 'aria-labelledby': 'metrics-title' }, h('h2', { id: 'metrics-title' }, 'Metrics'), metricsBox));

  function renderPortfolio(p) {
    const row = (label, value, id) => [h('dt', null, label), h('dd', { id }, value)];
    replace(summary,
      row('Total value', fmt.amount(p.total_value) + ' ' + p.currency, 'total-value'),
      row('Net invested', fmt.amount(p.total_invested), 'total-invested'),
      row('Cash', fmt.amount(p.cash_balance), 'cash-balance'),
      row('Profit / loss', signed(p.profit_loss) + ' (' + percent(p.profit_loss_percentage) + ')', 'profit-loss'),
      row('Realized', signed(p.realized_profit_loss), 'realized'),
      row('Unrealized', signed(p.unrealized_profit_loss), 'unrealized'),
      row('Fees paid', fmt.amount(p.fees_paid), 'fees-paid'));
    notice.hidden = !p.metadata.note;
    notice.textContent = p.metadata.note || '';
    replace(holdingsBody, p.holdings.length ? p.holdings.map((x) => h('tr', { 'data-asset': x.symbol },
      h('th', { scope: 'row' }, x.symbol), h('td', { class: 'num quantity' }, x.quantity),
      h('td', { class: 'num' }, fmt.amount(x.average_buy_price)), h('td', { class: 'num' }, fmt.amount(x.current_price)),
      h('td', { class: 'num value' }, fmt.amount(x.current_value)), h('td', { class: 'num' }, fmt.amount(x.invested_amount)),
      h('td', { class: 'num pnl ' + (String(x.profit_loss).startsWith('-') ? 'negative' : 'positive') }, signed(x.profit_loss)),
      h('td', { class: 'num' }, percent(x.profit_loss_percentage)),
      h('td', { class: 'num' }, x.percentage_of_portfolio === null ? '–' : Number(x.percentage_of_portfolio).toFixed(2) + ' %'),
      h('td', { class: 'num realized' }, signed(x.realized_profit_loss)), h('td', { class: 'num' }, String(x.transactions_count))))
      : h('tr', null, h('td', { colspan: '11', class: 'empty', id: 'holdings-empty' }, 'No holdings yet: buy something on the Trade page')));
    const lots = p.holdings.flatMap((x) => x.cost_basis.map((l) => ({ ...l, symbol: x.symbol })));
    replace(lotsBody, lots.length ? lots.map((l) => h('tr', { 'data-asset': l.symbol },
      h('td', null, l.symbol), h('td', { class: 'num' }, l.quantity), h('td', { class: 'num' }, fmt.amount(l.price)),
      h('td', null, fmt.dateTime(l.acquired_at)), h('td', null, l.order_id || 'deposit')))
      : h('tr', null, h('td', { colspan: '5', class: 'empty' }, 'No lots')));
    const slices = [];
    if (Number(p.total_value) > 0) {
      slices.push({ label: p.metadata.book_currency + ' (cash)', share: Number(p.cash_balance) / Number(p.total_value) * 100 });
    }
    for (const x of p.holdings) {
      if (x.percentage_of_portfolio !== null) slices.push({ label: x.symbol, share: Number(x.percentage_of_portfolio) });
    }
    replace(allocation, slices.map((s) => h('li', { 'data-slice': s.label },
      h('span', null, s.label), h('progress', { max: '100', value: s.share.toFixed(2), 'aria-label': s.label + ' share' }),
      h('span', { class: 'num' }, s.share.toFixed(2) + ' %'))));
  }

  function renderMetrics(m) {
    replace(metricsBox, GROUPS.map((g) => h('section', { class: 'metric-group', 'data-group': g },
      h('h3', null, g[0].toUpperCase() + g.slice(1)),
      h('dl', { class: 'preview' }, Object.entries(m[g] || {}).flatMap(([name, metric]) => [
        h('dt', null, name.replaceAll('_', ' ')),
        h('dd', { 'data-metric': name, title: metric.reason || `window ${metric.window}, ${metric.unit}` },
          metricText(metric), metric.value === null ? h('span', { class: 'muted' }, ' (' + metric.reason + ')') : null),
      ])))));
  }

  let chart = null;
  function renderHistory(items) {
    historyEmpty.hidden = items.length > 0;
    if (!items.length) return;
    if (!chart) {
      chart = createChart(historyBox, { autoSize: true, layout: { background: { color: 'transparent' }, textColor: '#9aa4b2' } });
      chart.addSeries(LineSeries, { color: '#3b82f6' }).setData(items.map((s) => ({
        time: Math.floor(Date.parse(s.timestamp) / 1000), value: Number(s.total_value) })));
      chart.timeScale().fitContent();
    }
  }

  async function load() {
    try {
      const [p, m, history] = await Promise.all([ctx.api.get('/portfolio'), ctx.api.get('/portfolio/metrics'),
        ctx.api.get('/portfolio/history', { interval: '15m', limit: 1000 })]);
      error.hidden = true;
      renderPortfolio(p);
      renderMetrics(m);
      renderHistory(history.items);
      el.dataset.loaded = 'true';
    } catch (e) {
      error.hidden = false;
      error.textContent = 'The portfolio could not be loaded: ' + e.message;
    }
  }

  load();
  const timer = setInterval(load, 15000);
  return {
    el,
    title: 'Portfolio',
    destroy() {
      clearInterval(timer);
      if (chart) chart.remove();
    },
  };
}
