// The wallet: balances (available / held) live from the `balances` channel, a deposit through the sandbox
// faucet, transfers to another user, and the ledger with every entry's trace id.
import { h, replace, field, uid } from '../dom.js';
import { showProblem, clearProblem } from '../api.js';
import * as fmt from '../format.js';

const TYPES = ['deposit', 'withdrawal', 'transfer_in', 'transfer_out', 'trade', 'fee'];

export function walletView(ctx) {
  const assets = ctx.markets.assets();
  const balancesBody = h('tbody');
  const balances = h('section', { class: 'panel', 'aria-labelledby': 'balances-title' },
    h('h2', { id: 'balances-title' }, 'Balances'),
    h('div', { class: 'scroll-x' }, h('table', { class: 'grid', id: 'balances' },
      h('caption', { class: 'visually-hidden' }, 'Your balances per asset'),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Asset'), h('th', { scope: 'col', class: 'num' }, 'Available'),
        h('th', { scope: 'col', class: 'num' }, 'Held by open orders'), h('th', { scope: 'col', class: 'num' }, 'Total'))),
      balancesBody)));

  function renderBalances() {
    const rows = assets.map((a) => ctx.balances.get(a) || null).filter(Boolean);
    replace(balancesBody, rows.length ? rows.map((b) => h('tr', { 'data-asset': b.asset },
      h('th', { scope: 'row' }, b.asset), h('td', { class: 'num available' }, fmt.amount(b.available)),
      h('td', { class: 'num held' }, fmt.amount(b.held)), h('td', { class: 'num total' }, fmt.amount(b.total))))
      : h('tr', null, h('td', { colspan: '4', class: 'empty' }, 'Loading balances…')));
  }

  const assetSelect = (id) => h('select', { name: 'asset', id }, assets.map((a) => h('option', { value: a, selected: a === 'USD' }, a)));

  // deposit through the faucet: one transaction id per deposit the user means, so a retry cannot credit twice
  let depositId = null;
  const depositAsset = assetSelect('deposit-asset');
  const depositAmount = h('input', { name: 'amount', id: 'deposit-amount', type: 'text', inputmode: 'decimal', autocomplete: 'off' });
  const depositResult = h('p', { class: 'result', role: 'status', id: 'deposit-result' });
  const deposit = h('form', { class: 'panel stack', id: 'deposit-form', novalidate: true, 'aria-labelledby': 'deposit-title' },
    h('h2', { id: 'deposit-title' }, 'Deposit (sandbox faucet)'),
    field('Asset', depositAsset), field('Amount', depositAmount),
    h('p', { class: 'form-error', 'data-form-error': '', role: 'alert', hidden: true }),
    h('button', { type: 'submit', class: 'primary' }, 'Deposit'), depositResult);
  deposit.addEventListener('input', () => {
    depositId = null;
  });
  deposit.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearProblem(deposit);
    depositResult.textContent = '';
    depositId = depositId || 'web-dep-' + uid();
    try {
      const t = await ctx.api.post('/deposits', { asset: depositAsset.value, amount: depositAmount.value.trim() || null, transaction_id: depositId });
      depositResult.textContent = `Deposited ${fmt.amount(t.amount)} ${t.asset} (transaction ${t.transaction_id}, trace ${t.trace_id}).`;
      depositId = null;
      depositAmount.value = '';
      loadLedger(false);
    } catch (error) {
      showProblem(deposit, error);
    }
  });

  let transferId = null;
  const toUser = h('input', { name: 'to_username', id: 'transfer-to', type: 'text', autocomplete: 'off' });
  const transferAsset = assetSelect('transfer-asset');
  const transferAmount = h('input', { name: 'amount', id: 'transfer-amount', type: 'text', inputmode: 'decimal', autocomplete: 'off' });
  const memo = h('input', { name: 'memo', id: 'transfer-memo', type: 'text', maxlength: '200' });
  const transferResult = h('p', { class: 'result', role: 'status', id: 'transfer-result' });
  const transfer = h('form', { class: 'panel stack', id: 'transfer-form', novalidate: true, 'aria-labelledby': 'transfer-title' },
    h('h2', { id: 'transfer-title' }, 'Transfer to another user'),
    field('To username', toUser), field('Asset', transferAsset), field('Amount', transferAmount), field('Memo (optional)', memo),
    h('p', { class: 'form-error', 'data-form-error': '', role: 'alert', hidden: true }),
    h('button', { type: 'submit', class: 'primary' }, 'Send'), transferResult);
  transfer.addEventListener('input', () => {
    transferId = null;
  });
  transfer.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearProblem(transfer);
    transferResult.textContent = '';
    transferId = transferId || 'web-tr-' + uid();
    try {
      const t = await ctx.api.post('/transfers', {
        transaction_id: transferId, to_username: toUser.value.trim() || null, asset: transferAsset.value,
        amount: transferAmount.value.trim() || null, memo: memo.value.trim() || undefined,
      });
      transferResult.textContent = `Sent ${fmt.amount(t.amount)} ${t.asset} to ${toUser.value.trim()} (trace ${t.trace_id}).`;
      transferId = null;
      transferAmount.value = '';
      memo.value = '';
      loadLedger(false);
    } catch (error) {
      showProblem(transfer, error);
    }
  });

  // the ledger, newest first, with filters and paging
  const ledgerAsset = h('select', { id: 'ledger-asset', name: 'asset' }, h('option', { value: '' }, 'All assets'), assets.map((a) => h('option', { value: a }, a)));
  const ledgerType = h('select', { id: 'ledger-type', name: 'type' }, h('option', { value: '' }, 'All types'), TYPES.map((t) => h('option', { value: t }, t.replace('_', ' '))));
  const ledgerFilters = h('form', { class: 'filters', id: 'ledger-filters' },
    h('label', { for: 'ledger-asset' }, 'Asset '), ledgerAsset, h('label', { for: 'ledger-type' }, 'Type '), ledgerType,
    h('button', { type: 'submit', class: 'secondary small' }, 'Apply'),
    h('p', { class: 'form-error', 'data-form-error': '', role: 'alert', hidden: true }));
  const ledgerBody = h('tbody');
  const more = h('button', { type: 'button', class: 'secondary small', hidden: true, onclick: () => loadLedger(true) }, 'Load more');
  const ledger = h('section', { class: 'panel ledger', 'aria-labelledby': 'ledger-title' },
    h('h2', { id: 'ledger-title' }, 'Ledger'), ledgerFilters,
    h('div', { class: 'scroll-x' }, h('table', { class: 'grid compact', id: 'ledger' },
      h('caption', { class: 'visually-hidden' }, 'Ledger entries, newest first'),
      h('thead', null, h('tr', null, ['Time', 'Asset', 'Type', 'Amount', 'Balance after', 'Reference', 'Trace id'].map((c, i) =>
        h('th', { scope: 'col', class: i === 3 || i === 4 ? 'num' : null }, c)))),
      ledgerBody)), more);
  let entries = [];
  let cursor = null;
  ledgerFilters.addEventListener('submit', (e) => {
    e.preventDefault();
    loadLedger(false);
  });

  async function loadLedger(next) {
    try {
      const page = await ctx.api.get('/ledger', { asset: ledgerAsset.value, type: ledgerType.value, limit: 50, cursor: next ? cursor : undefined });
      entries = next ? entries.concat(page.items) : page.items;
      cursor = page.next_cursor;
      more.hidden = !cursor;
      replace(ledgerBody, entries.length ? entries.map((l) => h('tr', { 'data-ledger-id': l.id, 'data-type': l.type },
        h('td', null, fmt.dateTime(l.created_at)), h('td', null, l.asset), h('td', null, l.type.replace('_', ' ')),
        h('td', { class: 'num ' + (l.amount.startsWith('-') ? 'negative' : 'positive') }, fmt.amount(l.amount)),
        h('td', { class: 'num' }, fmt.amount(l.balance_after)),
        h('td', null, l.order_id ? `order ${l.order_id}` : '', l.trade_id ? ` trade ${l.trade_id}` : '', l.transaction_id ? `tx ${l.transaction_id}` : ''),
        h('td', { class: 'trace' }, l.trace_id || '–')))
        : h('tr', null, h('td', { colspan: '7', class: 'empty' }, 'No ledger entries')));
    } catch (error) {
      showProblem(ledgerFilters, error);
    }
  }

  const el = h('section', { class: 'page wallet-page', 'aria-labelledby': 'wallet-title' },
    h('h1', { id: 'wallet-title' }, 'Wallet'),
    h('div', { class: 'wallet-grid' }, balances, deposit, transfer), ledger);
  const onBalances = () => {
    renderBalances();
  };
  ctx.balances.addEventListener('change', onBalances);
  renderBalances();
  loadLedger(false);
  return {
    el,
    title: 'Wallet',
    destroy() {
      ctx.balances.removeEventListener('change', onBalances);
    },
  };
}
