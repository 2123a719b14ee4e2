// The HTTP API client: JSON in and out, the access token from the session, one silent refresh and retry on
// a 401, and every problem+json answer turned into an ApiError the forms can show field by field.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || 'HTTP ' + status);
    this.status = status;
    this.code = problem.code || 'HTTP_' + status;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
    this.traceId = problem.trace_id || null;
  }
}

export class Api {
  constructor(base = '/api/v1') {
    this.base = base;
    this.session = null; // set by the session once it exists
  }

  get(path, query) {
    return this.request('GET', path, { query });
  }

  post(path, body) {
    return this.request('POST', path, { body });
  }

  patch(path, body) {
    return this.request('PATCH', path, { body });
  }

  async request(method, path, { body, query, auth = true, retried = false } = {}) {
    let url = this.base + path;
    if (query) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) {
        if (v !== null && v !== undefined && v !== '') params.append(k, v);
      }
      const text = params.toString();
      if (text) url += '?' + text;
    }
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const token = auth && this.session ? this.session.accessToken : null;
    if (token) headers.Authorization = 'Bearer ' + token;
    let response;
    try {
      response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
      throw new ApiError(0, { code: 'NETWORK_ERROR', detail: 'The exchange cannot be reached; check the connection and try again' });
    }
    if (response.status === 401 && token && !retried && this.session) {
      if (await this.session.refresh()) {
        return this.request(method, path, { body, query, auth, retried: true });
      }
    }
    const text = await response.text();
    let json = null;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch (e) {
        json = null;
      }
    }
    if (!response.ok) {
      throw new ApiError(response.status, json && typeof json === 'object' ? json : { detail: 'HTTP ' + response.status });
    }
    return json;
  }
}

/**
 * Shows an error on a form: every errors[].field message next to the control of that name (its
 * [data-error-for] slot), the rest in the form's [data-form-error] box with the code and trace id.
 */
export function showProblem(form, error) {
  clearProblem(form);
  const general = form.querySelector('[data-form-error]');
  let unplaced = [];
  if (error instanceof ApiError) {
    for (const e of error.errors) {
      const slot = e.field ? form.querySelector(`[data-error-for="${CSS.escape(e.field)}"]`) : null;
      if (slot) {
        slot.textContent = `${label(form, e.field)} ${e.message}`;
        slot.hidden = false;
        const control = form.querySelector(`[name="${CSS.escape(e.field)}"]`);
        if (control) control.setAttribute('aria-invalid', 'true');
      } else {
        unplaced.push(`${e.field}: ${e.message}`);
      }
    }
    if (error.errors.length === 0 || unplaced.length) {
      const parts = [error.message, ...unplaced];
      general.textContent = parts.join(' · ') + ` (${error.code}${error.traceId ? ', trace ' + error.traceId : ''})`;
      general.hidden = false;
    }
    const first = form.querySelector('[aria-invalid="true"]');
    if (first) first.focus();
  } else {
    general.textContent = String(error && error.message ? error.message : error);
    general.hidden = false;
  }
}

function label(form, fieldName) {
  const control = form.querySelector(`[name="${CSS.escape(fieldName)}"]`);
  const el = control && control.id ? form.querySelector(`label[for="${CSS.escape(control.id)}"]`) : null;
  return el ? el.textContent.replace(/\s*\(.*\)$/, '') : fieldName;
}

export function clearProblem(form) {
  for (const slot of form.querySelectorAll('[data-error-for]')) {
    slot.textContent = '';
    slot.hidden = true;
  }
  for (const control of form.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
  const general = form.querySelector('[data-form-error]');
  if (general) {
    general.textContent = '';
    general.hidden = true;
  }
}
