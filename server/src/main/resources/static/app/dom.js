// Building DOM nodes without HTML strings: text always goes in as text, so data from the API cannot
// become markup, and nothing needs an inline script or style.

/** h('td', {class: 'num', 'aria-label': 'x'}, 'text', child, ...) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (key.startsWith('on') && typeof value === 'function') {
        el.addEventListener(key.slice(2), value);
      } else if (key === 'dataset') {
        Object.assign(el.dataset, value);
      } else if (value === true) {
        el.setAttribute(key, '');
      } else {
        el.setAttribute(key, String(value));
      }
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function replace(el, ...children) {
  clear(el);
  append(el, children);
  return el;
}

/** A label + control + error slot: the error slot is where a problem's errors[].field message goes. */
export function field(label, control, hint) {
  const id = control.id || (control.id = 'f-' + (control.name || 'x') + '-' + Math.random().toString(36).slice(2, 8));
  const error = h('p', { class: 'field-error', id: id + '-error', 'data-error-for': control.name, hidden: true });
  control.setAttribute('aria-describedby', [hint ? id + '-hint' : null, id + '-error'].filter(Boolean).join(' '));
  return h('div', { class: 'field', 'data-field': control.name },
    h('label', { for: id }, label),
    control,
    hint ? h('p', { class: 'hint', id: id + '-hint' }, hint) : null,
    error);
}

/** A table with a caption (visually hidden when asked) and column headers. */
export function table(caption, columns, { hideCaption = true, className = '' } = {}) {
  const body = h('tbody');
  const el = h('table', { class: className },
    h('caption', { class: hideCaption ? 'visually-hidden' : null }, caption),
    h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label ?? c)))),
    body);
  return { el, body };
}

export function uid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A User Timing mark "bourse:NAME" once what the page just changed has been painted: the frame's callback
 * runs before its paint, the task queued from it after. Used to measure the trade view's first paint.
 */
export function markPainted(name) {
  requestAnimationFrame(() => setTimeout(() => performance.mark('bourse:' + name), 0));
}
