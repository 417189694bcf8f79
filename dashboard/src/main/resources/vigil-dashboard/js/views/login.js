// The login form: the only thing an unauthenticated visitor sees.
import { api, ApiError } from '../api.js';
import { html, render } from '../html.js';

export function mountLogin(main, message, onLoggedIn) {
  render(main, html`<section class="login" aria-labelledby="login-title">
    <form id="login-form" class="login-card" novalidate>
      <div class="brand brand-large"><span class="brand-mark" aria-hidden="true"></span>Vigil</div>
      <h1 id="login-title">Sign in</h1>
      ${message ? html`<p class="login-note" role="status">${message}</p>` : ''}
      <label for="login-username">Username</label>
      <input id="login-username" name="username" autocomplete="username" required autofocus>
      <label for="login-password">Password</label>
      <input id="login-password" name="password" type="password" autocomplete="current-password" required>
      <div id="login-code-row" class="login-code" hidden>
        <label for="login-code">One-time code</label>
        <input id="login-code" name="code" autocomplete="one-time-code" inputmode="numeric"
          aria-describedby="login-code-help">
        <p id="login-code-help" class="note">From your authenticator app, or one of your recovery codes.</p>
      </div>
      <p id="login-error" class="form-error" role="alert"></p>
      <button id="login-submit" type="submit" class="primary">Sign in</button>
      <p id="sso-row" class="login-sso" hidden><a id="sso-login" class="button" href="api/sso/login"></a></p>
    </form>
  </section>`);
  const form = main.querySelector('#login-form');
  const error = main.querySelector('#login-error');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const username = form.username.value.trim();
    const password = form.password.value;
    if (!username || !password) {
      error.textContent = 'Enter your username and password.';
      return;
    }
    const button = form.querySelector('button');
    button.disabled = true;
    error.textContent = '';
    try {
      const codeRow = form.querySelector('#login-code-row');
      const body = { username, password };
      if (!codeRow.hidden && form.code.value.trim()) body.code = form.code.value.trim();
      const me = await api('api/login', { method: 'POST', body, quiet401: true });
      onLoggedIn(me);
    } catch (err) {
      button.disabled = false;
      if (err instanceof ApiError && err.body && err.body.totp_required) {
        const codeRow = form.querySelector('#login-code-row');
        const asked = !codeRow.hidden && form.code.value.trim();
        codeRow.hidden = false;
        error.textContent = asked ? 'Wrong or already used code. Enter the current one.' : 'Enter your one-time code.';
        form.code.value = '';
        form.code.focus();
        return;
      }
      error.textContent = err instanceof ApiError && err.status === 401
        ? 'Wrong username or password.'
        : `Sign-in failed: ${err.message}`;
      form.password.select();
    }
  });
  main.querySelector('#login-username').focus();
  showSingleSignOn(main);
}

// The "Sign in with …" link, when the collector has single sign-on.
async function showSingleSignOn(main) {
  try {
    const sso = await api('api/sso', { quiet401: true });
    const link = main.querySelector('#sso-login');
    if (!sso || !sso.enabled || !link) return;
    link.textContent = `Sign in with ${sso.label}`;
    main.querySelector('#sso-row').hidden = false;
  } catch (err) {
    // no single sign-on on this collector
  }
}
