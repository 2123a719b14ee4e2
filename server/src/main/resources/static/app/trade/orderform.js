// Order entry for every kind the API has (limit, market, stop-market, stop-limit; time in force; post-only),
// sent in one step or as "review, then confirm": created pending (execute: false), shown, then executed
// with POST /orders/{id}/execute. A fee and total preview is computed exactly from the form before sending.
import { h, field, uid } from '../dom.js';
import { showProblem, clearProblem } from '../api.js';
import { Dec, placesOf } from '../decimal.js';
import * as fmt from '../format.js';

const KINDS = [
  ['limit', 'Limit'],
  ['market', 'Market'],
  ['stop_market', 'Stop market'],
  ['stop_limit', 'Stop limit'],
];
const REASONS = {
  INSUFFICIENT_FUNDS: 'the available balance does not cover it',
  NO_LIQUIDITY: 'there was nothing to trade against',
  POST_ONLY_WOULD_TAKE: 'post-only: it would have taken liquidity',
  SELF_TRADE_PREVENTED: 'it would have traded with your own order',
  MARKET_HALTED: 'trading is halted on this market',
};

/** Decimal places the text carries, trailing zeros included ("0.00" -> 2): the quote asset's scale. */
function scaleOf(text) {
  const dot = String(text).indexOf('.');
  return dot < 0 ? 0 : String(text).length - dot - 1;
}

export function orderForm(ctx, market, book) {
  const base = market.base_asset;
  const quote = market.quote_asset;
  const quoteScale = Math.max(scaleOf(market.min_notional), placesOf(market.tick_size));
  const input = (name, attrs = {}) => h('input', { name, id: 'order-' + name, type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false', ...attrs });

  const buyRadio = h('input', { type: 'radio', name: 'type', value: 'buy', id: 'order-side-buy', checked: true });
  const sellRadio = h('input', { type: 'radio', name: 'type', value: 'sell', id: 'order-side-sell' });
  const kind = h('select', { name: 'order_kind', id: 'order-kind' }, KINDS.map(([v, t]) => h('option', { value: v }, t)));
  const stopPrice = input('stop_price', { placeholder: `Trigger price in ${quote}` });
  const price = input('price', { placeholder: `Limit price in ${quote}` });
  const quantity = input('quantity', { placeholder: `Amount in ${base}` });
  const tif = h('select', { name: 'time_in_force', id: 'order-tif' });
  const postOnly = h('input', { type: 'checkbox', name: 'post_only', id: 'order-post-only' });
  const review = h('input', { type: 'checkbox', name: 'review', id: 'order-review' });
  const submit = h('button', { type: 'submit', class: 'submit buy', id: 'order-submit' });
  const formError = h('p', { class: 'form-error', 'data-form-error': '', role: 'alert', hidden: true });
  const result = h('p', { class: 'order-result', role: 'status', 'aria-live': 'polite', id: 'order-result' });
  const halted = h('p', { class: 'halted-banner', id: 'order-halted', role: 'alert', hidden: true });
  const loginNotice = h('p', { class: 'login-notice', hidden: true },
    h('a', { href: '#/account' }, 'Log in or register'), ' to trade.');
  const preview = h('dl', { class: 'preview', id: 'order-preview', 'aria-live': 'off' });
  const sideField = h('fieldset', { class: 'side-switch' },
    h('legend', null, 'Side'),
    h('label', { class: 'side-option buy', for: 'order-side-buy' }, buyRadio, h('span', null, '▲ Buy')),
    h('label', { class: 'side-option sell', for: 'order-side-sell' }, sellRadio, h('span', null, '▼ Sell')),
    h('p', { class: 'field-error', 'data-error-for': 'type', hidden: true }));

  const fields = {
    stop: field('Stop price', stopPrice, `Triggers when the last trade reaches it; tick ${market.tick_size}`),
    price: field(`Limit price (${quote})`, price, `Tick ${market.tick_size}`),
    quantity: field(`Amount (${base})`, quantity, `Lot ${market.lot_size}, at least ${market.min_quantity}`),
    tif: field('Time in force', tif),
  };
  const postOnlyField = h('div', { class: 'field check-field', 'data-field': 'post_only' },
    h('label', { for: 'order-post-only', class: 'check' }, postOnly, ' Post-only (maker only: refused if it would trade at once)'),
    h('p', { class: 'field-error', 'data-error-for': 'post_only', hidden: true }));
  const reviewField = h('div', { class: 'field check-field' },
    h('label', { for: 'order-review', class: 'check' }, review, ' Review, then confirm'),
    h('p', { class: 'hint' }, 'Creates the order pending and executes it only when you confirm.'));

  const fieldset = h('fieldset', { class: 'order-fields' }, h('legend', { class: 'visually-hidden' }, 'Order'),
    sideField, field('Order type', kind), fields.stop, fields.price, fields.quantity, fields.tif, postOnlyField, reviewField,
    preview, formError, submit);
  const form = h('form', { id: 'order-form', novalidate: true, 'aria-labelledby': 'order-title' }, fieldset);
  const reviewBox = h('section', { class: 'review-box', id: 'order-review-box', hidden: true, 'aria-labelledby': 'review-title', tabindex: '-1' });
  const el = h('section', { class: 'panel order-entry', 'aria-labelledby': 'order-title' },
    h('h2', { id: 'order-title' }, `Place an order · ${market.symbol}`), halted, loginNotice, form, reviewBox, result);

  let clientOrderId = null;

  const side = () => (sellRadio.checked ? 'sell' : 'buy');

  function layout() {
    const k = kind.value;
    fields.stop.hidden = !k.startsWith('stop');
    fields.price.hidden = !(k === 'limit' || k === 'stop_limit');
    postOnlyField.hidden = k !== 'limit';
    const options = k === 'limit' || k === 'stop_limit' ? [['gtc', 'Good till cancelled (GTC)'], ['ioc', 'Immediate or cancel (IOC)'], ['fok', 'Fill or kill (FOK)']]
      : [['ioc', 'Immediate or cancel (IOC)'], ['fok', 'Fill or kill (FOK)']];
    const previous = tif.value;
    tif.replaceChildren(...options.map(([v, t]) => h('option', { value: v }, t)));
    if (options.some(([v]) => v === previous)) tif.value = previous;
    const s = side();
    submit.className = 'submit ' + s;
    submit.textContent = `${s === 'buy' ? '▲ Buy' : '▼ Sell'} ${base}${review.checked ? ' (review)' : ''}`;
    updatePreview();
  }

  function referencePrice() {
    const k = kind.value;
    if (k === 'limit' || k === 'stop_limit') return { value: Dec.parse(price.value), approx: false };
    if (k === 'stop_market') return { value: Dec.parse(stopPrice.value), approx: true };
    const best = side() === 'buy' ? book.best('asks') : book.best('bids');
    return { value: Dec.parse(best), approx: true };
  }

  function updatePreview() {
    const rows = [];
    const q = Dec.parse(quantity.value);
    const { value: p, approx } = referencePrice();
    const about = approx ? '≈ ' : '';
    const rate = Dec.parse(kind.value === 'limit' && postOnly.checked ? market.maker_fee : market.taker_fee);
    if (q && p && q.signum() > 0 && p.signum() > 0) {
      const total = q.mul(p).round(quoteScale, 'half');
      const fee = total.mul(rate).round(quoteScale, 'up'); // the exchange rounds fees in its own favour
      rows.push(['Price', about + fmt.price(p.toString(), market) + ' ' + quote]);
      rows.push(['Total', about + fmt.amount(total.toString()) + ' ' + quote]);
      rows.push([`Fee (${fmt.percentRate(rate.toString())}${kind.value === 'limit' && !postOnly.checked ? ' at most' : ''})`, about + fmt.amount(fee.toString()) + ' ' + quote]);
      if (side() === 'buy') rows.push(['You pay', about + fmt.amount(total.add(fee).toString()) + ' ' + quote]);
      else rows.push(['You receive', about + fmt.amount(total.sub(fee).toString()) + ' ' + quote]);
    } else if (kind.value === 'market' && !p) {
      rows.push(['Price', 'no ' + (side() === 'buy' ? 'asks' : 'bids') + ' in the book']);
    }
    const balance = ctx.session.loggedIn ? ctx.balances.get(side() === 'buy' ? quote : base) : null;
    if (balance) rows.push(['Available', fmt.amount(balance.available) + ' ' + (side() === 'buy' ? quote : base)]);
    preview.replaceChildren(...rows.flatMap(([k, v]) => [h('dt', null, k), h('dd', { 'data-preview': k.split(' ')[0].toLowerCase() }, v)]));
  }

  function status() {
    const current = ctx.markets.get(market.symbol) || market;
    const isHalted = current.status === 'halted';
    halted.hidden = !isHalted;
    halted.textContent = isHalted ? `Trading is halted on ${market.symbol}: new orders are not accepted until it resumes.` : '';
    loginNotice.hidden = ctx.session.loggedIn;
    fieldset.disabled = isHalted || !ctx.session.loggedIn;
    el.dataset.halted = String(isHalted);
  }

  function body(execute) {
    const k = kind.value;
    const out = { type: side(), crypto_symbol: base, quote_symbol: quote, order_kind: k, execute };
    const text = (i) => (i.value.trim() === '' ? undefined : i.value.trim());
    out.quantity = text(quantity);
    if (k === 'limit' || k === 'stop_limit') out.price = text(price);
    if (k.startsWith('stop')) out.stop_price = text(stopPrice);
    out.time_in_force = tif.value;
    if (k === 'limit' && postOnly.checked) out.post_only = true;
    // one id per order the user means: a retry after a lost answer finds the same order instead of a second
    out.client_order_id = clientOrderId || (clientOrderId = 'web-' + uid().replace(/-/g, '').slice(0, 24));
    return out;
  }

  form.addEventListener('input', (e) => {
    if (e.target !== review) clientOrderId = null;
    layout();
  });
  form.addEventListener('change', layout);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearProblem(form);
    result.textContent = '';
    submit.disabled = true;
    try {
      const order = await ctx.api.post('/orders', body(!review.checked));
      clientOrderId = null;
      if (review.checked && order.status === 'pending') showReview(order);
      else done(order);
    } catch (error) {
      showProblem(form, error);
    } finally {
      submit.disabled = false;
    }
  });

  function showReview(order) {
    const rows = [
      ['Order', order.id],
      ['Side', order.type === 'buy' ? '▲ Buy' : '▼ Sell'],
      ['Type', KINDS.find(([v]) => v === order.order_kind)?.[1] || order.order_kind],
      ['Amount', fmt.quantity(order.quantity, market) + ' ' + base],
      order.price ? ['Limit price', fmt.price(order.price, market) + ' ' + quote] : null,
      order.stop_price ? ['Stop price', fmt.price(order.stop_price, market) + ' ' + quote] : null,
      ['Time in force', (order.time_in_force || '').toUpperCase()],
      ['Total', fmt.amount(order.total_amount) + ' ' + quote],
      ['Fee', fmt.amount(order.fee) + ' ' + quote],
      ['Status', order.status],
    ].filter(Boolean);
    const confirm = h('button', { type: 'button', class: 'submit ' + order.type, id: 'order-confirm' }, 'Confirm and execute');
    const discard = h('button', { type: 'button', class: 'secondary', id: 'order-discard' }, 'Discard');
    const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    reviewBox.replaceChildren(
      h('h3', { id: 'review-title' }, 'Review your order'),
      h('dl', { class: 'preview' }, rows.flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)])),
      h('div', { class: 'actions' }, confirm, discard), error);
    reviewBox.dataset.orderId = order.id;
    reviewBox.hidden = false;
    form.hidden = true;
    const close = () => {
      reviewBox.hidden = true;
      form.hidden = false;
      submit.focus();
    };
    confirm.addEventListener('click', async () => {
      confirm.disabled = true;
      discard.disabled = true;
      try {
        done(await ctx.api.post(`/orders/${order.id}/execute`));
        close();
      } catch (e) {
        error.textContent = `${e.message} (${e.code || 'ERROR'})`;
        error.hidden = false;
        confirm.disabled = false;
        discard.disabled = false;
      }
    });
    discard.addEventListener('click', async () => {
      try {
        await ctx.api.post(`/orders/${order.id}/cancel`);
        result.textContent = `Order ${order.id} discarded.`;
      } catch (e) {
        result.textContent = `Order ${order.id} could not be discarded: ${e.message}`;
      }
      close();
    });
    reviewBox.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') discard.click();
    });
    confirm.focus();
  }

  function done(order) {
    const what = `${order.type === 'buy' ? 'Buy' : 'Sell'} ${fmt.quantity(order.quantity, market)} ${base}`;
    let text;
    switch (order.status) {
      case 'executed':
        text = `Order ${order.id} executed: ${what} at an average ${fmt.price(order.average_price, market)} ${quote}.`;
        break;
      case 'open':
      case 'partially_filled':
        text = `Order ${order.id} is ${order.status === 'open' ? 'open' : 'partially filled'}: ${what}`
          + (order.price ? ` at ${fmt.price(order.price, market)} ${quote}` : '')
          + (order.stop_price && order.order_kind.startsWith('stop') ? `, stop ${fmt.price(order.stop_price, market)}` : '') + '.';
        break;
      case 'failed':
        text = `Order ${order.id} failed: ${REASONS[order.failure_reason] || order.failure_reason}.`;
        if (order.failure_reason === 'MARKET_HALTED') ctx.markets.load().catch(() => {});
        break;
      case 'cancelled':
        text = `Order ${order.id} cancelled after filling ${fmt.quantity(order.filled_quantity, market)} ${base}.`;
        break;
      default:
        text = `Order ${order.id}: ${order.status}.`;
    }
    result.textContent = text;
    result.dataset.status = order.status;
    el.dispatchEvent(new CustomEvent('order', { detail: order, bubbles: true }));
  }

  const onBalances = () => updatePreview();
  const onBook = () => {
    if (kind.value === 'market') updatePreview();
  };
  const onSession = () => status();
  ctx.balances.addEventListener('change', onBalances);
  ctx.markets.addEventListener('change', status);
  ctx.session.addEventListener('change', onSession);
  book.addEventListener('change', onBook);
  layout();
  status();

  return {
    el,
    setPrice(value) {
      if (kind.value === 'market' || kind.value === 'stop_market') kind.value = 'limit';
      price.value = value;
      clientOrderId = null;
      layout();
      price.focus();
    },
    destroy() {
      ctx.balances.removeEventListener('change', onBalances);
      ctx.markets.removeEventListener('change', status);
      ctx.session.removeEventListener('change', onSession);
      book.removeEventListener('change', onBook);
    },
  };
}
