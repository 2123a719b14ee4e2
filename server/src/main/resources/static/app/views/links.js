// The pages the links in account mails open: confirming the e-mail address, and choosing a new password.
import { h, field } from '../dom.js';
import { showProblem, clearProblem } from '../api.js';

export function verifyEmailView(ctx, token) {
  const result = h('p', { id: 'verify-email-result', role: 'status' }, 'Confirming your e-mail address…');
  const el = h('section', { class: 'page account-page', 'aria-labelledby': 'verify-email-title' },
    h('h1', { id: 'verify-email-title' }, 'Confirm your e-mail address'), h('div', { class: 'panel stack' }, result));
  ctx.api.request('POST', '/auth/verify-email', { body: { token: token || '' }, auth: false })
    .then(() => { result.textContent = 'Your e-mail address is confirmed. Transfers and withdrawals are open to you.'; })
    .catch(() => { result.textContent = 'This link is not valid any more: it was used already, or it expired.'; });
  return { el, title: 'Confirm e-mail', destroy() {} };
}

export function resetPasswordView(ctx, token) {
  const password = h('input', { name: 'new_password', id: 'reset-password', type: 'password', autocomplete: 'new-password', required: true });
  const result = h('p', { id: 'reset-result', role: 'status' });
  const form = h('form', { class: 'panel stack', id: 'reset-form', novalidate: true, 'aria-labelledby': 'reset-title' },
    h('h1', { id: 'reset-title' }, 'Choose a new password'), field('New password', password, '8 to 72 bytes'),
    h('p', { class: 'form-error', 'data-form-error': '', role: 'alert', hidden: true }),
    h('button', { type: 'submit', class: 'primary', id: 'reset-submit' }, 'Set the new password'), result);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearProblem(form);
    try {
      await ctx.api.request('POST', '/auth/password-reset/confirm', { body: { token: token || '', new_password: password.value }, auth: false });
      result.textContent = 'Your password is changed. Log in with it now.';
    } catch (error) {
      showProblem(form, error);
    }
  });
  const el = h('section', { class: 'page account-page' }, form);
  return { el, title: 'New password', destroy() {} };
}
