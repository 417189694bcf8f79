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
      <p id="login-error" class="form-error" role="alert"></p>
      <button id="login-submit" type="submit" class="primary">Sign in</button>
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
      const me = await api('api/login', { method: 'POST', body: { username, password }, quiet401: true });
      onLoggedIn(me);
    } catch (err) {
      error.textContent = err instanceof ApiError && err.status === 401
        ? 'Wrong username or password.'
        : `Sign-in failed: ${err.message}`;
      button.disabled = false;
      form.password.select();
    }
  });
  main.querySelector('#login-username').focus();
}
