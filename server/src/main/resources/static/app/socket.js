// One WebSocket to /ws for the whole page (docs/websocket.md). It reconnects with exponential backoff and
// jitter, tells listeners its state, resubscribes every channel after a reconnect, and authenticates for
// the private channels (orders, fills, balances) with the session's current access token.

const PRIVATE = new Set(['orders', 'fills', 'balances']);
const MAX_DELAY_MS = 15000;

export class Socket extends EventTarget {
  constructor(session, url = defaultUrl()) {
    super();
    this.session = session;
    this.url = url;
    this.ws = null;
    this.state = 'connecting';
    this.retryAt = 0;
    this.attempt = 0;
    this.handlers = new Map(); // channel -> Set of functions(message)
    this.timer = null;
    this.userId = null;
    this.opened = false;
    session.addEventListener('change', () => this.onSessionChange());
    session.addEventListener('token', () => this.authenticate());
    window.addEventListener('online', () => this.reconnectNow());
  }

  start() {
    this.userId = this.session.loggedIn ? this.session.user.id : null;
    this.open();
  }

  /** Calls handler with every message of the channel; returns the function that ends it. */
  subscribe(channel, handler) {
    let set = this.handlers.get(channel);
    const fresh = !set;
    if (fresh) {
      set = new Set();
      this.handlers.set(channel, set);
    }
    set.add(handler);
    if (fresh) this.sendSubscribe([channel]);
    return () => {
      set.delete(handler);
      if (set.size === 0 && this.handlers.get(channel) === set) {
        this.handlers.delete(channel);
        if (this.ready() && this.canSubscribe(channel)) this.send({ op: 'unsubscribe', channels: [channel] });
      }
    };
  }

  /** Subscribing again restarts the channel with a fresh snapshot: how a book recovers from a gap. */
  resubscribe(channel) {
    if (this.handlers.has(channel)) this.sendSubscribe([channel]);
  }

  open() {
    clearTimeout(this.timer);
    this.setState('connecting');
    let ws;
    try {
      ws = new WebSocket(this.url);
    } catch (e) {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    ws.addEventListener('open', () => {
      if (this.ws !== ws) return;
      this.attempt = 0;
      if (!this.opened) performance.mark('bourse:socket-open');
      this.setState('live');
      this.authenticate(false);
      this.sendSubscribe([...this.handlers.keys()]);
      // what has no snapshot (trades, orders, fills, finished candles) may have moved while away: re-read it
      if (this.opened) this.dispatchEvent(new Event('reconnected'));
      this.opened = true;
    });
    ws.addEventListener('message', (event) => {
      if (this.ws === ws) this.dispatch(event.data);
    });
    ws.addEventListener('close', () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.scheduleReconnect();
    });
  }

  scheduleReconnect() {
    const base = Math.min(MAX_DELAY_MS, 500 * 2 ** this.attempt);
    const delay = Math.round(base * (0.5 + Math.random() / 2));
    this.attempt++;
    this.retryAt = Date.now() + delay;
    this.setState('reconnecting');
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.open(), delay);
  }

  reconnectNow() {
    if (this.state === 'reconnecting') this.open();
  }

  /**
   * Logging in authenticates the socket as it is; logging out or in as someone else takes a fresh socket,
   * so no private event of the previous user can arrive.
   */
  onSessionChange() {
    const userId = this.session.loggedIn ? this.session.user.id : null;
    if (userId === this.userId) return;
    const previous = this.userId;
    this.userId = userId;
    if (previous === null) {
      this.authenticate();
      return;
    }
    const old = this.ws;
    this.ws = null;
    if (old) old.close(1000, 'session changed');
    this.open();
  }

  authenticate(resubscribe = true) {
    if (!this.ready() || !this.session.accessToken) return;
    this.send({ op: 'auth', token: this.session.accessToken });
    if (resubscribe) {
      const priv = [...this.handlers.keys()].filter((c) => PRIVATE.has(c));
      if (priv.length) this.send({ op: 'subscribe', channels: priv });
    }
  }

  sendSubscribe(channels) {
    const allowed = channels.filter((c) => this.canSubscribe(c));
    if (allowed.length && this.ready()) this.send({ op: 'subscribe', channels: allowed });
  }

  canSubscribe(channel) {
    return !PRIVATE.has(channel) || this.session.loggedIn;
  }

  dispatch(text) {
    let message;
    try {
      message = JSON.parse(text);
    } catch (e) {
      return;
    }
    if (message.type === 'error' && message.code === 'UNAUTHORIZED' && PRIVATE.has(message.channel)) {
      // the token expired while subscribed: a fresh one re-authenticates and resubscribes ('token' event)
      this.session.refresh();
      return;
    }
    if (!message.channel) return;
    const set = this.handlers.get(message.channel);
    if (set) for (const handler of [...set]) handler(message);
  }

  ready() {
    return this.ws !== null && this.ws.readyState === WebSocket.OPEN;
  }

  send(message) {
    this.ws.send(JSON.stringify(message));
  }

  setState(state) {
    this.state = state;
    this.dispatchEvent(new Event('state'));
  }
}

function defaultUrl() {
  return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws';
}
