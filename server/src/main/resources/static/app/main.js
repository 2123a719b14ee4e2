// The terminal's entry point: session, socket and stores, the header, and a hash router over the views.
import { Api } from './api.js';
import { Session } from './session.js';
import { Socket } from './socket.js';
import { Markets, Balances } from './stores.js';
import { h, replace } from './dom.js';
import { marketsView } from './views/markets.js';
import { tradeView } from './views/trade.js';
import { walletView } from './views/wallet.js';
import { accountView } from './views/account.js';
import { adminView } from './views/admin.js';
import { portfolioView } from './views/portfolio.js';
import { verifyEmailView, resetPasswordView } from './views/links.js';

const api = new Api();
const session = new Session(api);
const socket = new Socket(session);
const markets = new Markets(api);
const ctx = { api, session, socket, markets, balances: null, navigate };

const main = document.getElementById('main');
let current = null;

function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

function route() {
  const [path, query] = location.hash.split('?');
  const parts = path.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const links = { 'verify-email': verifyEmailView, 'reset-password': resetPasswordView };
  if (links[parts[0]]) { // the links of account mails: #/verify-email?token=...
    if (current) current.destroy();
    current = links[parts[0]](ctx, new URLSearchParams(query || '').get('token'));
    replace(main, current.el);
    document.title = current.title + ' · Bourse';
    return;
  }
  let [page, arg] = parts;
  if (!page) {
    page = 'trade';
  }
  if (((page === 'wallet' || page === 'portfolio') && !session.loggedIn) || (page === 'admin' && !session.isAdmin)) {
    page = 'account';
  }
  if (page === 'trade' && (!arg || !markets.get(arg.toUpperCase()))) {
    const first = markets.list[0];
    if (!first) {
      page = 'markets';
    } else {
      arg = first.symbol;
    }
  }
  const views = { markets: marketsView, trade: tradeView, wallet: walletView, account: accountView, admin: adminView,
    portfolio: portfolioView };
  const view = views[page] || marketsView;
  if (current) current.destroy();
  current = view(ctx, arg && arg.toUpperCase());
  replace(main, current.el);
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.dataset.page === page) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = (current.title ? current.title + ' · ' : '') + 'Bourse';
}

function renderHeader() {
  const nav = document.getElementById('nav');
  const links = [
    ['markets', 'Markets'],
    ['trade', 'Trade'],
    session.loggedIn ? ['wallet', 'Wallet'] : null,
    session.loggedIn ? ['portfolio', 'Portfolio'] : null,
    session.isAdmin ? ['admin', 'Admin'] : null,
    ['account', session.loggedIn ? session.user.username : 'Log in'],
  ].filter(Boolean);
  replace(nav, h('ul', null, links.map(([page, text]) =>
    h('li', null, h('a', { href: '#/' + page, 'data-page': page, id: 'nav-' + page }, text)))));
}

function renderConnection() {
  const el = document.getElementById('connection');
  const texts = {
    connecting: 'Connecting…',
    live: 'Live',
    reconnecting: 'Reconnecting',
  };
  let text = texts[socket.state] || socket.state;
  if (socket.state === 'reconnecting') {
    const seconds = Math.max(0, Math.ceil((socket.retryAt - Date.now()) / 1000));
    text = `Offline – retrying in ${seconds} s`;
  }
  el.dataset.state = socket.state;
  el.textContent = text;
  el.title = 'Market data connection: ' + text;
}

async function start() {
  ctx.balances = new Balances(session, socket);
  session.addEventListener('change', () => {
    renderHeader();
    route();
  });
  socket.addEventListener('state', renderConnection);
  setInterval(() => {
    if (socket.state === 'reconnecting') renderConnection();
  }, 1000);
  // the socket, the market list and a silent log-in all start at once: the first view waits for the slowest only
  socket.start();
  const restored = session.restore();
  try {
    await markets.load();
  } catch (e) {
    replace(main, h('p', { class: 'notice' }, 'The exchange cannot be reached: ' + e.message));
  }
  markets.startPolling();
  await restored;
  renderHeader();
  renderConnection();
  window.addEventListener('hashchange', route);
  route();
}

start();
