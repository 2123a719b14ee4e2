// The user's own orders and fills: open orders with cancel, the order history searched with
// GET /orders/search (its filters, sorts, total and facets), and fills; kept current by the private channels `orders` and `fills` after a first read over REST.
import { h, replace } from '../dom.js';
import * as fmt from '../format.js';
import { showProblem } from '../api.js';

const OPEN = new Set(['pending', 'open', 'partially_filled']);
const STATUSES = ['pending', 'open', 'partially_filled', 'executed', 'cancelled', 'failed'];
const KIND_NAMES = { limit: 'Limit', market: 'Market', stop_market: 'Stop market', stop_limit: 'Stop limit' };

export function myOrdersPanel(ctx, market) {
  const tabs = [
    { key: 'open', label: 'Open orders' },
    { key: 'history', label: 'Order history' },
    { key: 'fills', label: 'Fills' },
  ];
  const tabButtons = tabs.map((t) => h('button', {
    type: 'button', role: 'tab', id: 'tab-' + t.key, 'aria-controls': 'tabpanel-' + t.key, 'aria-selected': 'false', tabindex: '-1',
    onclick: () => select(t.key),
  }, t.label));
  const tabList = h('div', { role: 'tablist', class: 'tabs', 'aria-label': 'Your orders' }, tabButtons);
  tabList.addEventListener('keydown', (e) => {
    const i = tabButtons.indexOf(document.activeElement);
    if (i < 0) return;
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      const next = tabButtons[(i + (e.key === 'ArrowRight' ? 1 : tabButtons.length - 1)) % tabButtons.length];
      next.focus();
      next.click();
    }
  });
  const onlyThis = h('input', { type: 'checkbox', id: 'only-this-market' });
  const panels = {
    open: h('div', { role: 'tabpanel', id: 'tabpanel-open', 'aria-labelledby': 'tab-open' }),
    history: h('div', { role: 'tabpanel', id: 'tabpanel-history', 'aria-labelledby': 'tab-history', hidden: true }),
    fills: h('div', { role: 'tabpanel', id: 'tabpanel-fills', 'aria-labelledby': 'tab-fills', hidden: true }),
  };
  const el = h('section', { class: 'panel my-orders', 'aria-labelledby': 'my-orders-title' },
    h('div', { class: 'panel-head' }, h('h2', { id: 'my-orders-title' }, 'Your orders'), tabList,
      h('label', { class: 'check', for: 'only-this-market' }, onlyThis, ` ${market.symbol} only`)),
    panels.open, panels.history, panels.fills);

  const markets = (symbol) => ctx.markets.get(symbol) || market;
  let open = new Map(); // id -> order
  let history = [];
  let historyCursor = null;
  let fills = [];
  const stops = [];
  const filter = { status: '', type: '', order_kind: '', min_price: '', max_price: '', q: '', sort: '-created_at', from: '', to: '' };
  let historyCounts = null; // { total, facets } of the whole search
  const SORTS = [['-created_at', 'Newest first'], ['created_at', 'Oldest first'], ['-executed_at', 'Last executed'],
    ['-price', 'Price, high to low'], ['price', 'Price, low to high'], ['-quantity', 'Largest amount'],
    ['-total_amount', 'Largest total']];
  const filtered = () => Object.entries(filter).some(([k, v]) => k !== 'sort' && v) || filter.sort !== '-created_at';

  function select(key) {
    for (const b of tabButtons) {
      const on = b.id === 'tab-' + key;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
    }
    for (const [k, p] of Object.entries(panels)) p.hidden = k !== key;
  }

  const symbolFilter = () => (onlyThis.checked ? market.symbol : undefined);

  function sideCell(o) {
    return h('td', { class: 'side ' + (o.type || o.side) }, (o.type || o.side) === 'buy' ? '▲ Buy' : '▼ Sell');
  }

  function renderOpen() {
    const list = [...open.values()].filter((o) => !onlyThis.checked || o.symbol === market.symbol)
      .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
    if (!ctx.session.loggedIn) {
      replace(panels.open, h('p', { class: 'empty' }, h('a', { href: '#/account' }, 'Log in'), ' to see your orders.'));
      return;
    }
    if (!list.length) {
      replace(panels.open, h('p', { class: 'empty', id: 'open-orders-empty' }, 'No open orders'));
      return;
    }
    replace(panels.open, h('div', { class: 'scroll-x' }, h('table', { class: 'grid compact', id: 'open-orders' },
      h('caption', { class: 'visually-hidden' }, 'Open orders'),
      h('thead', null, h('tr', null, ['Market', 'Side', 'Type', 'Price', 'Stop', 'Amount', 'Filled', 'Status', 'Created', ''].map((c, i) =>
        h('th', { scope: 'col', class: i >= 3 && i <= 6 ? 'num' : null }, c)))),
      h('tbody', null, list.map((o) => {
        const m = markets(o.symbol);
        const cancel = h('button', {
          type: 'button', class: 'secondary small', 'data-cancel': o.id,
          'aria-label': `Cancel order ${o.id}: ${o.type} ${o.quantity} ${m.base_asset}${o.price ? ' at ' + o.price : ''}`,
        }, 'Cancel');
        cancel.addEventListener('click', async () => {
          cancel.disabled = true;
          try {
            upsert(await ctx.api.post(`/orders/${o.id}/cancel`));
          } catch (e) {
            cancel.disabled = false;
            cancel.textContent = 'Cancel failed: ' + e.code;
          }
        });
        return h('tr', { 'data-order-id': o.id, 'data-status': o.status },
          h('td', null, o.symbol), sideCell(o), h('td', null, KIND_NAMES[o.order_kind] || o.order_kind),
          h('td', { class: 'num' }, o.price ? fmt.price(o.price, m) : 'market'),
          h('td', { class: 'num' }, o.stop_price ? fmt.price(o.stop_price, m) : '–'),
          h('td', { class: 'num' }, fmt.quantity(o.quantity, m)),
          h('td', { class: 'num' }, fmt.quantity(o.filled_quantity, m)),
          h('td', null, o.status.replace('_', ' ')), h('td', null, fmt.dateTime(o.created_at)), h('td', null, cancel));
      })))));
  }

  function historyFilters() {
    const select = (id, name, label, options) => [h('label', { for: id }, label + ' '),
      h('select', { id, name }, options.map(([v, text]) => h('option', { value: v, selected: filter[name] === v }, text)))];
    const input = (id, name, label, attrs) => [h('label', { for: id }, label + ' '),
      h('input', Object.assign({ id, name, value: filter[name] }, attrs))];
    const form = h('form', { class: 'filters', id: 'history-filters', role: 'search', 'aria-label': 'Search your orders' },
      input('history-q', 'q', 'Search', { type: 'search', placeholder: 'order id, client order id or trace id', size: 24 }),
      select('history-status', 'status', 'Status', [['', 'Any status']].concat(STATUSES.map((st) => [st, st.replace('_', ' ')]))),
      select('history-type', 'type', 'Side', [['', 'Both'], ['buy', 'Buy'], ['sell', 'Sell']]),
      select('history-kind', 'order_kind', 'Type', [['', 'Any type']].concat(Object.entries(KIND_NAMES))),
      input('history-min-price', 'min_price', 'Price from', { type: 'text', inputmode: 'decimal', size: 8 }),
      input('history-max-price', 'max_price', 'to', { type: 'text', inputmode: 'decimal', size: 8 }),
      input('history-from', 'from', 'From', { type: 'date' }),
      input('history-to', 'to', 'To', { type: 'date' }),
      select('history-sort', 'sort', 'Sort', SORTS),
      h('button', { type: 'submit', class: 'secondary small', id: 'history-apply' }, 'Apply'),
      h('p', { class: 'form-error', 'data-form-error': '', role: 'alert', hidden: true }));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      for (const key of Object.keys(filter)) {
        const field = form.elements.namedItem(key);
        if (field) filter[key] = field.value.trim();
      }
      loadHistory(false);
    });
    return form;
  }

  function historySummary() {
    if (!historyCounts) return null;
    const parts = Object.entries(historyCounts.facets.status || {}).map(([st, n]) => `${st.replace('_', ' ')} ${n}`);
    return h('p', { class: 'muted', id: 'history-total', 'data-total': String(historyCounts.total) },
      `${historyCounts.total} order${historyCounts.total === 1 ? '' : 's'}`, parts.length ? ' · ' + parts.join(' · ') : '');
  }

  let filtersForm = null;

  function renderHistory() {
    if (!ctx.session.loggedIn) {
      replace(panels.history, h('p', { class: 'empty' }, 'Log in to see your order history.'));
      return;
    }
    filtersForm = filtersForm || historyFilters();
    const more = historyCursor ? h('button', { type: 'button', class: 'secondary small', onclick: () => loadHistory(true) }, 'Load more') : null;
    const rows = history.filter((o) => !onlyThis.checked || o.symbol === market.symbol);
    replace(panels.history, filtersForm, historySummary(), rows.length ? h('div', { class: 'scroll-x' }, h('table', { class: 'grid compact', id: 'order-history' },
      h('caption', { class: 'visually-hidden' }, 'Order history, ' + (SORTS.find(([v]) => v === filter.sort) || SORTS[0])[1].toLowerCase()),
      h('thead', null, h('tr', null, ['Market', 'Side', 'Type', 'Price', 'Average', 'Amount', 'Filled', 'Fee', 'Status', 'Created', 'Trace id'].map((c, i) =>
        h('th', { scope: 'col', class: i >= 3 && i <= 7 ? 'num' : null }, c)))),
      h('tbody', null, rows.map((o) => {
        const m = markets(o.symbol);
        return h('tr', { 'data-order-id': o.id, 'data-status': o.status },
          h('td', null, o.symbol), sideCell(o), h('td', null, KIND_NAMES[o.order_kind] || o.order_kind),
          h('td', { class: 'num' }, o.price ? fmt.price(o.price, m) : '–'),
          h('td', { class: 'num' }, o.average_price ? fmt.price(o.average_price, m) : '–'),
          h('td', { class: 'num' }, fmt.quantity(o.quantity, m)),
          h('td', { class: 'num' }, fmt.quantity(o.filled_quantity, m)),
          h('td', { class: 'num' }, o.fee ? fmt.amount(o.fee) : '–'),
          h('td', null, o.status.replace('_', ' '), o.failure_reason ? ` (${o.failure_reason})` : ''),
          h('td', null, fmt.dateTime(o.created_at)), h('td', { class: 'trace' }, o.trace_id || '–'));
      })))) : h('p', { class: 'empty' }, 'No orders match'), more);
  }

  function renderFills() {
    if (!ctx.session.loggedIn) {
      replace(panels.fills, h('p', { class: 'empty' }, 'Log in to see your fills.'));
      return;
    }
    const rows = fills.filter((f) => !onlyThis.checked || f.symbol === market.symbol);
    replace(panels.fills, rows.length ? h('div', { class: 'scroll-x' }, h('table', { class: 'grid compact', id: 'fills' },
      h('caption', { class: 'visually-hidden' }, 'Your fills, newest first'),
      h('thead', null, h('tr', null, ['Market', 'Side', 'Price', 'Amount', 'Fee', 'Liquidity', 'Time', 'Order', 'Trace id'].map((c, i) =>
        h('th', { scope: 'col', class: i >= 2 && i <= 4 ? 'num' : null }, c)))),
      h('tbody', null, rows.map((f) => {
        const m = markets(f.symbol);
        return h('tr', { 'data-trade-id': f.trade_id },
          h('td', null, f.symbol), sideCell(f),
          h('td', { class: 'num' }, fmt.price(f.price, m)), h('td', { class: 'num' }, fmt.quantity(f.quantity, m)),
          h('td', { class: 'num' }, fmt.amount(f.fee) + ' ' + f.fee_asset), h('td', null, f.liquidity),
          h('td', null, fmt.dateTime(f.executed_at)), h('td', null, f.order_id), h('td', { class: 'trace' }, f.trace_id || '–'));
      })))) : h('p', { class: 'empty', id: 'fills-empty' }, 'No fills yet'));
  }

  function upsert(order) {
    if (OPEN.has(order.status)) open.set(order.id, order);
    else open.delete(order.id);
    const i = history.findIndex((o) => o.id === order.id);
    if (i >= 0) history[i] = order;
    else if (!filtered()) history.unshift(order);
    renderOpen();
    renderHistory();
  }

  async function loadOpen() {
    const lists = await Promise.all(['pending', 'open', 'partially_filled'].map((status) =>
      ctx.api.get('/orders', { status, limit: 200 }).then((p) => p.items).catch(() => [])));
    open = new Map(lists.flat().map((o) => [o.id, o]));
    renderOpen();
  }

  async function loadHistory(more) {
    const query = {
      status: filter.status || undefined,
      type: filter.type || undefined,
      order_kind: filter.order_kind || undefined,
      min_price: filter.min_price || undefined,
      max_price: filter.max_price || undefined,
      q: filter.q || undefined,
      sort: filter.sort,
      from: filter.from ? new Date(filter.from + 'T00:00:00').toISOString() : undefined,
      to: filter.to ? new Date(filter.to + 'T23:59:59.999').toISOString() : undefined,
      symbol: symbolFilter(),
      limit: 50,
      cursor: more ? historyCursor : undefined,
    };
    try {
      const page = await ctx.api.get('/orders/search', query);
      history = more ? history.concat(page.items) : page.items;
      historyCursor = page.next_cursor;
      historyCounts = { total: page.total, facets: page.facets };
      renderHistory();
    } catch (e) {
      renderHistory();
      showProblem(filtersForm, e);
    }
  }

  async function loadFills() {
    try {
      const page = await ctx.api.get('/fills', { limit: 50, symbol: symbolFilter() });
      fills = page.items;
    } catch (e) {
      fills = [];
    }
    renderFills();
  }

  function reload() {
    for (const stop of stops.splice(0)) stop();
    open = new Map();
    history = [];
    fills = [];
    historyCursor = null;
    if (ctx.session.loggedIn) {
      stops.push(ctx.socket.subscribe('orders', (m) => {
        if (m.type === 'error' && m.code === 'EVENTS_LOST') reload();
        else if (m.type === 'update' && m.data) upsert(m.data);
      }));
      stops.push(ctx.socket.subscribe('fills', (m) => {
        if (m.type === 'error' && m.code === 'EVENTS_LOST') loadFills();
        else if (m.type === 'update' && m.data && !fills.some((f) => f.trade_id === m.data.trade_id && f.order_id === m.data.order_id)) {
          fills.unshift(m.data);
          renderFills();
        }
      }));
      // the channels have no snapshot: read the current state after subscribing (docs/websocket.md)
      loadOpen();
      loadHistory(false);
      loadFills();
    }
    renderOpen();
    renderHistory();
    renderFills();
  }

  onlyThis.addEventListener('change', () => {
    renderOpen();
    loadHistory(false);
    loadFills();
  });
  const onOrder = (e) => upsert(e.detail);
  const onSession = () => reload();
  const onReconnect = () => {
    if (!ctx.session.loggedIn) return;
    loadOpen();
    loadHistory(false);
    loadFills();
  };
  ctx.session.addEventListener('change', onSession);
  ctx.socket.addEventListener('reconnected', onReconnect);
  select('open');
  reload();
  return {
    el,
    onOrder,
    destroy() {
      ctx.session.removeEventListener('change', onSession);
      ctx.socket.removeEventListener('reconnected', onReconnect);
      for (const stop of stops) stop();
    },
  };
}
