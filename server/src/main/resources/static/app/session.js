// Who is logged in. The access token lives only in memory; the refresh token in sessionStorage (this tab,
// until it closes), so a reload logs back in silently and no token is ever written into the page.
import { ApiError } from './api.js';

const REFRESH_KEY = 'bourse.refresh_token';

export class Session extends EventTarget {
  constructor(api) {
    super();
    this.api = api;
    api.session = this;
    this.user = null;
    this.accessToken = null;
    this.timer = null;
    this.refreshing = null;
  }

  get loggedIn() {
    return this.user !== null && this.accessToken !== null;
  }

  get isAdmin() {
    return this.loggedIn && this.user.role === 'admin';
  }

  /** At start-up: a refresh token kept by this tab logs in again without asking. */
  async restore() {
    if (!sessionStorage.getItem(REFRESH_KEY)) return false;
    if (!(await this.refresh())) return false;
    try {
      this.user = await this.api.get('/users/me');
    } catch (e) {
      this.forget();
      return false;
    }
    this.changed();
    return true;
  }

  async login(email, password) {
    const answer = await this.api.request('POST', '/auth/login', { body: { email, password }, auth: false });
    sessionStorage.setItem(REFRESH_KEY, answer.refresh_token);
    this.user = answer.user;
    this.grant(answer.access_token, answer.expires_in);
    this.changed();
  }

  register(username, email, password) {
    return this.api.request('POST', '/auth/register', { body: { username, email, password }, auth: false });
  }

  async logout() {
    const refreshToken = sessionStorage.getItem(REFRESH_KEY);
    this.forget();
    this.changed();
    if (refreshToken) {
      try {
        await this.api.request('POST', '/auth/logout', { body: { refresh_token: refreshToken }, auth: false });
      } catch (e) {
        // the token is forgotten here either way; it expires on its own
      }
    }
  }

  /** A new access token from the refresh token; one request at a time. @returns whether it worked */
  refresh() {
    if (!this.refreshing) {
      this.refreshing = this.doRefresh().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  async doRefresh() {
    const refreshToken = sessionStorage.getItem(REFRESH_KEY);
    if (!refreshToken) return false;
    try {
      const answer = await this.api.request('POST', '/auth/refresh', { body: { refresh_token: refreshToken }, auth: false });
      this.grant(answer.access_token, answer.expires_in);
      this.dispatchEvent(new Event('token'));
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        const had = this.user !== null;
        this.forget();
        if (had) this.changed();
      }
      return false;
    }
  }

  grant(accessToken, expiresIn) {
    this.accessToken = accessToken;
    clearTimeout(this.timer);
    // renew at four fifths of the token's life, so requests and the socket never hold an expired one
    const seconds = Math.max(10, Math.floor((Number(expiresIn) || 900) * 0.8));
    this.timer = setTimeout(() => this.refresh(), seconds * 1000);
  }

  forget() {
    sessionStorage.removeItem(REFRESH_KEY);
    clearTimeout(this.timer);
    this.user = null;
    this.accessToken = null;
  }

  changed() {
    this.dispatchEvent(new Event('change'));
  }
}
