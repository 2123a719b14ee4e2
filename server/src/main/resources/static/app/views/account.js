// Account: register and log in (the refresh then happens silently), or the logged-in user and log out.
import { h, field } from '../dom.js';
import { showProblem, clearProblem } from '../api.js';
import * as fmt from '../format.js';

export function accountView(ctx) {
  const el = h('section', { class: 'page account-page', 'aria-labelledby': 'account-title' });
  if (ctx.session.loggedIn) {
    const u = ctx.session.user;
    const logout = h('button', { type: 'button', class: 'secondary', id: 'logout' }, 'Log out');
    logout.addEventListener('click', async () => {
      await ctx.session.logout();
      ctx.navigate('#/account');
    });
    el.append(h('h1', { id: 'account-title' }, 'Account'),
      h('div', { class: 'panel stack' },
        h('dl', { class: 'preview', id: 'account-details' },
          h('dt', null, 'Username'), h('dd', { id: 'account-username' }, u.username),
          h('dt', null, 'E-mail'), h('dd', null, u.email),
          h('dt', null, 'User id'), h('dd', null, u.id),
          h('dt', null, 'Role'), h('dd', null, u.role),
          h('dt', null, 'Member since'), h('dd', null, fmt.dateTime(u.created_at))),
        h('p', { class: 'hint' }, 'You stay logged in in this tab until you log out or close it.'),
        logout));
    return { el, title: 'Account', destroy() {} };
  }

  const loginEmail = h('input', { name: 'email', id: 'login-email', type: 'email', autocomplete: 'username', required: true });
  const loginPassword = h('input', { name: 'password', id: 'login-password', type: 'password', autocomplete: 'current-password', required: true });
  const login = h('form', { class: 'panel stack', id: 'login-form', novalidate: true, 'aria-labelledby': 'login-title' },
    h('h2', { id: 'login-title' }, 'Log in'), field('E-mail', loginEmail), field('Password', loginPassword),
    h('p', { class: 'form-error', 'data-form-error': '', role: 'alert', hidden: true }),
    h('button', { type: 'submit', class: 'primary', id: 'login-submit' }, 'Log in'));
  login.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearProblem(login);
    try {
      await ctx.session.login(loginEmail.value.trim(), loginPassword.value);
      ctx.navigate('#/trade');
    } catch (error) {
      showProblem(login, error);
    }
  });

  const username = h('input', { name: 'username', id: 'register-username', type: 'text', autocomplete: 'username', required: true });
  const email = h('input', { name: 'email', id: 'register-email', type: 'email', autocomplete: 'email', required: true });
  const password = h('input', { name: 'password', id: 'register-password', type: 'password', autocomplete: 'new-password', required: true });
  const register = h('form', { class: 'panel stack', id: 'register-form', novalidate: true, 'aria-labelledby': 'register-title' },
    h('h2', { id: 'register-title' }, 'Register'),
    field('Username', username, '3 to 50 letters, digits, _ . -'), field('E-mail', email), field('Password', password, '8 to 72 bytes'),
    h('p', { class: 'form-error', 'data-form-error': '', role: 'alert', hidden: true }),
    h('button', { type: 'submit', class: 'primary', id: 'register-submit' }, 'Register and log in'));
  register.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearProblem(register);
    try {
      await ctx.session.register(username.value.trim(), email.value.trim(), password.value);
      await ctx.session.login(email.value.trim(), password.value);
      ctx.navigate('#/wallet');
    } catch (error) {
      showProblem(register, error);
    }
  });

  el.append(h('h1', { id: 'account-title' }, 'Account'), h('div', { class: 'account-grid' }, login, register));
  return { el, title: 'Log in', destroy() {} };
}
