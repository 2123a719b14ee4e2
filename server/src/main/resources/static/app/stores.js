// Shared state of the page: the market list (with each market's trading status) and the user's balances.

const MARKETS_REFRESH_MS = 5000;

/** GET /markets, read again every few seconds so a halt or a new listing shows without a reload. */
export class Markets extends EventTarget {
  constructor(api) {
    super();
    this.api = api;
    this.list = [];
    this.timer = null;
  }

  async load() {
    const list = await this.api.request('GET', '/markets', { auth: false });
    const before = JSON.stringify(this.list);
    this.list = list;
    if (JSON.stringify(list) !== before) this.dispatchEvent(new Event('change'));
    return list;
  }

  startPolling() {
    clearInterval(this.timer);
    this.timer = setInterval(() => this.load().catch(() => {}), MARKETS_REFRESH_MS);
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden) this.load().catch(() => {});
    });
  }

  get(symbol) {
    return this.list.find((m) => m.symbol === symbol) || null;
  }

  assets() {
    return [...new Set(this.list.flatMap((m) => [m.base_asset, m.quote_asset]))].sort();
  }
}

/** The logged-in user's balances, live from the private channel `balances` (its snapshot, then one asset per update). */
export class Balances extends EventTarget {
  constructor(session, socket) {
    super();
    this.byAsset = new Map();
    this.stop = null;
    const follow = () => {
      if (this.stop) this.stop();
      this.stop = null;
      this.byAsset.clear();
      this.dispatchEvent(new Event('change'));
      if (session.loggedIn) this.stop = socket.subscribe('balances', (m) => this.apply(m));
    };
    session.addEventListener('change', follow);
    follow();
  }

  apply(message) {
    if (message.type === 'snapshot' && Array.isArray(message.data)) {
      this.byAsset.clear();
      for (const b of message.data) this.byAsset.set(b.asset, b);
    } else if (message.type === 'update' && message.data) {
      this.byAsset.set(message.data.asset, message.data);
    } else {
      return;
    }
    this.dispatchEvent(new Event('change'));
  }

  get(asset) {
    return this.byAsset.get(asset) || null;
  }
}
