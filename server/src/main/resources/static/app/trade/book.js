// The live order book of one market from book:SYMBOL, kept as docs/websocket.md says: a snapshot replaces
// the book, each update must carry the previous sequence + 1, and any other sequence means a lost message:
// the book is dropped and the channel subscribed again for a fresh snapshot. Changed levels flash.
import { markPainted, h } from '../dom.js';
import { Dec } from '../decimal.js';
import * as fmt from '../format.js';

const LEVELS = 12;

export class BookModel extends EventTarget {
  constructor() {
    super();
    this.bids = new Map(); // price text -> quantity text
    this.asks = new Map();
    this.sequence = null;
    this.synced = false;
    this.gaps = 0;
    this.changed = new Set(); // 'bid:PRICE' / 'ask:PRICE' changed since the last render
  }

  /** @returns false when the message showed a gap and a resubscribe is needed */
  apply(message) {
    if (message.type === 'snapshot') {
      this.bids = levels(message.data.bids);
      this.asks = levels(message.data.asks);
      this.sequence = message.sequence;
      this.synced = true;
      this.changed.clear();
      this.dispatchEvent(new Event('change'));
      return true;
    }
    if (message.type !== 'update' || !this.synced) return true; // before the snapshot: discarded
    if (message.sequence !== this.sequence + 1) {
      this.synced = false;
      this.gaps++;
      return false;
    }
    this.sequence = message.sequence;
    for (const [price, qty] of message.data.bids || []) this.set(this.bids, 'bid:', price, qty);
    for (const [price, qty] of message.data.asks || []) this.set(this.asks, 'ask:', price, qty);
    this.dispatchEvent(new Event('change'));
    return true;
  }

  set(side, prefix, price, qty) {
    const q = Dec.parse(qty);
    if (q === null || q.signum() === 0) side.delete(price);
    else side.set(price, qty);
    this.changed.add(prefix + price);
  }

  /** Best first: bids high to low, asks low to high; each [price, quantity, priceDec]. */
  sorted(side) {
    const rows = [...(side === 'bids' ? this.bids : this.asks)].map(([p, q]) => [p, q, Dec.parse(p)]);
    rows.sort((a, b) => (side === 'bids' ? b[2].cmp(a[2]) : a[2].cmp(b[2])));
    return rows;
  }

  best(side) {
    const rows = this.sorted(side);
    return rows.length ? rows[0][0] : null;
  }
}

function levels(list) {
  const map = new Map();
  for (const [price, qty] of list || []) map.set(price, qty);
  return map;
}

export function bookPanel(ctx, market, model, onPrice, onFirstPaint = () => {}) {
  const channel = 'book:' + market.symbol;
  const asksBody = h('tbody');
  const bidsBody = h('tbody');
  const spread = h('p', { class: 'spread' }, '–');
  const state = h('p', { class: 'book-state', role: 'status' });
  const head = () => h('thead', null, h('tr', null,
    h('th', { scope: 'col', class: 'num' }, `Price (${market.quote_asset})`),
    h('th', { scope: 'col', class: 'num' }, `Amount (${market.base_asset})`),
    h('th', { scope: 'col', class: 'num' }, 'Total')));
  const el = h('section', { class: 'panel book', 'aria-labelledby': 'book-title', 'data-synced': 'false' },
    h('h2', { id: 'book-title' }, 'Order book'),
    h('p', { class: 'side-label sell' }, '▼ Asks · sell orders'),
    h('table', { class: 'book-side asks', id: 'book-asks' }, h('caption', { class: 'visually-hidden' }, 'Asks: sell orders, best last'), head(), asksBody),
    spread,
    h('p', { class: 'side-label buy' }, '▲ Bids · buy orders'),
    h('table', { class: 'book-side bids', id: 'book-bids' }, h('caption', { class: 'visually-hidden' }, 'Bids: buy orders, best first'), head(), bidsBody),
    state);
  const rows = { asks: new Map(), bids: new Map() };
  let frame = 0;
  let painted = false;

  const stop = ctx.socket.subscribe(channel, (message) => {
    if (message.type === 'error') {
      if (message.code === 'SERVICE_UNAVAILABLE') setTimeout(() => ctx.socket.resubscribe(channel), 1000);
      return;
    }
    if (message.type === 'snapshot' && model.sequence === null) performance.mark('bourse:book-snapshot');
    if (!model.apply(message)) {
      el.dataset.gaps = String(model.gaps);
      ctx.socket.resubscribe(channel);
    }
  });
  const onChange = () => {
    if (!frame) frame = requestAnimationFrame(render);
  };
  model.addEventListener('change', onChange);
  // without the socket the book is no longer live: say so until the resubscription's snapshot
  const onSocket = () => {
    if (ctx.socket.state !== 'live' && model.synced) {
      model.synced = false;
      onChange();
    }
  };
  ctx.socket.addEventListener('state', onSocket);

  function render() {
    frame = 0;
    el.dataset.synced = String(model.synced);
    el.classList.toggle('stale', !model.synced);
    el.dataset.sequence = String(model.sequence);
    const asks = model.sorted('asks').slice(0, LEVELS);
    const bids = model.sorted('bids').slice(0, LEVELS);
    const cumulative = (list) => {
      let sum = Dec.zero();
      return list.map(([p, q]) => (sum = sum.add(Dec.parse(q))));
    };
    const askSums = cumulative(asks);
    const bidSums = cumulative(bids);
    const max = [askSums.at(-1), bidSums.at(-1)].filter(Boolean).reduce((a, b) => (a.cmp(b) >= 0 ? a : b), Dec.zero());
    const maxN = Number(max.toString()) || 1;
    fill(asksBody, rows.asks, 'ask:', asks, askSums, maxN, true);
    fill(bidsBody, rows.bids, 'bid:', bids, bidSums, maxN, false);
    model.changed.clear();
    if (asks.length && bids.length) {
      const gap = asks[0][2].sub(bids[0][2]);
      spread.textContent = `Spread ${fmt.price(gap.toString(), market)} ${market.quote_asset}`;
    } else {
      spread.textContent = asks.length || bids.length ? 'One-sided book' : 'The book is empty';
    }
    state.textContent = model.synced ? '' : ctx.socket.state === 'live' ? 'Resynchronising the book…'
      : 'Not live: the book shows its last state until the connection is back';
    if (model.synced && !painted) {
      painted = true;
      // User Timing: when the first live book reached the screen (BENCHMARKS.md, first paint of the trade view)
      markPainted('book-painted');
      requestAnimationFrame(() => setTimeout(onFirstPaint, 0));
    }
  }

  function fill(body, cache, prefix, list, sums, maxN, reversed) {
    const keep = new Set(list.map(([p]) => p));
    for (const price of [...cache.keys()]) if (!keep.has(price)) cache.delete(price);
    const ordered = list.map(([price, qty], i) => {
      let row = cache.get(price);
      const fresh = !row;
      if (fresh) {
        // a click copies the price into the form; not a tab stop, so the keyboard goes straight to the form
        row = h('tr', { 'data-price': price, title: 'Use this price in the order form' },
          h('td', { class: 'num price' }), h('td', { class: 'num qty' }), h('td', { class: 'num total' }));
        row.addEventListener('click', () => onPrice(price));
        cache.set(price, row);
      }
      row.cells[0].textContent = fmt.price(price, market);
      row.cells[1].textContent = fmt.quantity(qty, market);
      row.cells[2].textContent = fmt.quantity(sums[i].toString(), market);
      row.dataset.quantity = qty;
      row.style.setProperty('--depth', Math.min(100, (Number(sums[i].toString()) / maxN) * 100).toFixed(1) + '%');
      if (model.changed.has(prefix + price) && model.sequence !== null) flash(row);
      return row;
    });
    body.replaceChildren(...(reversed ? ordered.reverse() : ordered));
  }

  return {
    el,
    destroy() {
      stop();
      model.removeEventListener('change', onChange);
      ctx.socket.removeEventListener('state', onSocket);
      cancelAnimationFrame(frame);
    },
  };
}

function flash(row) {
  row.classList.remove('flash');
  void row.offsetWidth; // restarts the animation
  row.classList.add('flash');
  row.dataset.flashed = String(Date.now());
}
