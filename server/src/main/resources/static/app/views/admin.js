// Admin (role admin): halt and resume markets, disable or enable users, and the reconciliation report.
import { h, replace, field } from '../dom.js';
import { showProblem, clearProblem } from '../api.js';
import * as fmt from '../format.js';

export function adminView(ctx) {
  const marketsBody = h('tbody');
  const marketsError = h('p', { class: 'form-error', role: 'alert', hidden: true, id: 'admin-markets-error' });
  const markets = h('section', { class: 'panel', 'aria-labelledby': 'admin-markets-title' },
    h('h2', { id: 'admin-markets-title' }, 'Markets'),
    h('div', { class: 'scroll-x' }, h('table', { class: 'grid', id: 'admin-markets' },
      h('caption', { class: 'visually-hidden' }, 'Listed markets'),
      h('thead', null, h('tr', null, ['Market', 'Status', 'Tick', 'Lot', 'Min amount', 'Maker / taker', ''].map((c) => h('th', { scope: 'col' }, c)))),
      marketsBody)), marketsError);

  function renderMarkets() {
    replace(marketsBody, ctx.markets.list.map((m) => {
      const halted = m.status === 'halted';
      const button = h('button', {
        type: 'button', class: halted ? 'primary small' : 'danger small', 'data-market-action': m.symbol,
        'aria-label': `${halted ? 'Resume' : 'Halt'} trading on ${m.symbol}`,
      }, halted ? 'Resume' : 'Halt');
      button.addEventListener('click', async () => {
        button.disabled = true;
        marketsError.hidden = true;
        try {
          await ctx.api.patch(`/admin/markets/${m.symbol}`, { status: halted ? 'trading' : 'halted' });
          await ctx.markets.load();
        } catch (e) {
          marketsError.textContent = `${m.symbol}: ${e.message} (${e.code})`;
          marketsError.hidden = false;
          button.disabled = false;
        }
      });
      return h('tr', { 'data-symbol': m.symbol, 'data-status': m.status },
        h('th', { scope: 'row' }, m.symbol), h('td', null, h('span', { class: 'status ' + m.status }, halted ? 'Halted' : 'Trading')),
        h('td', null, m.tick_size), h('td', null, m.lot_size), h('td', null, m.min_quantity),
        h('td', null, `${fmt.percentRate(m.maker_fee)} / ${fmt.percentRate(m.taker_fee)}`), h('td', null, button));
    }));
  }

  const userId = h('input', { name: 'id', id: 'admin-user-id', type: 'text', inputmode: 'numeric', autocomplete: 'off' });
  const userResult = h('p', { class: 'result', role: 'status', id: 'admin-user-result' });
  const disable = h('button', { type: 'submit', class: 'danger', value: 'disable' }, 'Disable');
  const enable = h('button', { type: 'submit', class: 'secondary', value: 'enable' }, 'Enable');
  const users = h('form', { class: 'panel stack', id: 'admin-users', novalidate: true, 'aria-labelledby': 'admin-users-title' },
    h('h2', { id: 'admin-users-title' }, 'Users'),
    field('User id', userId, 'A disabled user cannot log in; their refresh tokens are revoked.'),
    h('p', { class: 'field-error', 'data-error-for': 'is_active', hidden: true }),
    h('p', { class: 'form-error', 'data-form-error': '', role: 'alert', hidden: true }),
    h('div', { class: 'actions' }, disable, enable), userResult);
  users.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearProblem(users);
    userResult.textContent = '';
    const active = e.submitter === enable;
    try {
      const u = await ctx.api.patch(`/admin/users/${encodeURIComponent(userId.value.trim() || '-')}`, { is_active: active });
      userResult.textContent = `${u.username} (id ${u.id}) is now ${u.is_active ? 'enabled' : 'disabled'}.`;
    } catch (error) {
      showProblem(users, error);
    }
  });

  const reportBox = h('div', { id: 'reconciliation' });
  const runNow = h('button', { type: 'button', class: 'secondary small', id: 'reconcile-now' }, 'Run now');
  const reconciliation = h('section', { class: 'panel', 'aria-labelledby': 'admin-recon-title' },
    h('div', { class: 'panel-head' }, h('h2', { id: 'admin-recon-title' }, 'Reconciliation'), runNow), reportBox);

  function renderReport(r) {
    replace(reportBox,
      h('p', { class: 'health ' + (r.healthy ? 'ok' : 'bad'), id: 'reconciliation-health' },
        r.healthy ? '✔ Healthy: balances, ledger and deposits agree' : '✖ Mismatch found',
        ` · run ${fmt.dateTime(r.ran_at)} at sequence ${r.sequence} · negative balances ${r.negative_balances}, crossed books ${r.crossed_books}, hold mismatches ${r.hold_mismatches}`
        + (r.read_models_ahead ? ' · read models ahead of the engine' : '')),
      h('div', { class: 'scroll-x' }, h('table', { class: 'grid compact' },
        h('caption', { class: 'visually-hidden' }, 'Per asset'),
        h('thead', null, h('tr', null, ['Asset', 'Sum of balances', 'Held', 'Sum of ledger', 'Ledger, all accounts', 'Deposits − withdrawals', 'Fee account', 'Reserved by orders', 'Agrees'].map((c, i) =>
          h('th', { scope: 'col', class: i > 0 && i < 8 ? 'num' : null }, c)))),
        h('tbody', null, r.assets.map((a) => h('tr', { 'data-asset': a.asset },
          h('th', { scope: 'row' }, a.asset), ...[a.sum_of_balances, a.held, a.sum_of_ledger_entries, a.ledger_all_accounts,
            a.deposits_minus_withdrawals, a.fee_account, a.reserved_by_orders].map((v) => h('td', { class: 'num' }, v)),
          h('td', null, a.mismatch ? '✖ no' : '✔ yes')))))));
  }

  async function loadReport(run) {
    try {
      renderReport(run ? await ctx.api.post('/admin/reconciliation') : await ctx.api.get('/admin/reconciliation'));
    } catch (e) {
      replace(reportBox, h('p', { class: 'form-error', role: 'alert' }, `${e.message} (${e.code})`));
    }
  }
  runNow.addEventListener('click', () => loadReport(true));

  const el = h('section', { class: 'page admin-page', 'aria-labelledby': 'admin-title' },
    h('h1', { id: 'admin-title' }, 'Admin'), markets, h('div', { class: 'wallet-grid' }, users), reconciliation);
  ctx.markets.addEventListener('change', renderMarkets);
  renderMarkets();
  ctx.markets.load().catch(() => {});
  loadReport(false);
  return {
    el,
    title: 'Admin',
    destroy() {
      ctx.markets.removeEventListener('change', renderMarkets);
    },
  };
}
