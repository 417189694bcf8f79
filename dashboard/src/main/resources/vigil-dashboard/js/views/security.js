// Two-factor sign-in for the signed-in user: turn it on (secret and otpauth URI to type or paste into an
// authenticator app, a first code to confirm, recovery codes shown once) or see that it is on. Users whose role
// requires it land here until it is on.
import { api, describeError } from '../api.js';
import { html, render } from '../html.js';

export function mountSecurity(main, ctx, onEnabled) {
  const required = Boolean(ctx.me.totp_setup_required);
  render(main, html`<section class="security-page" aria-labelledby="security-title">
    <div class="page-head"><h1 id="security-title">Two-factor sign-in</h1></div>
    ${required ? html`<p class="inline-error" id="totp-required-note">Your role requires two-factor sign-in.
      Set it up to continue.</p>` : ''}
    <div id="security-error" class="inline-error" role="alert" hidden></div>
    <div id="security-body">${ctx.me.totp
      ? html`<p id="totp-state">Two-factor sign-in is on.</p>`
      : html`<p id="totp-state">Two-factor sign-in is off.</p>
        <button type="button" class="primary" id="totp-begin">Set up two-factor sign-in</button>`}</div>
  </section>`);
  const $ = (s) => main.querySelector(s);
  const errorEl = $('#security-error');
  let alive = true;

  function fail(what, e) {
    if (!alive || e.status === 401) return;
    errorEl.textContent = describeError(what, e);
    errorEl.hidden = false;
  }

  function showCodes(codes) {
    render($('#security-body'), html`<p>Two-factor sign-in is on. Keep these recovery codes somewhere safe: each
      works once, instead of a code, if you lose your phone. They are shown only now.</p>
      <ol id="recovery-codes" class="recovery-codes">${codes.map((c) => html`<li><code>${c}</code></li>`)}</ol>
      <button type="button" class="primary" id="totp-done">Continue</button>`);
    $('#totp-done').addEventListener('click', () => onEnabled());
  }

  function showEnrolment(e) {
    render($('#security-body'), html`<p>Add this account to your authenticator app with the key below (or open
      the link on the phone), then enter the 6-digit code it shows.</p>
      <p>Key: <code id="totp-secret">${e.secret}</code></p>
      <p><a id="totp-uri" href="${e.uri}">Open in an authenticator app</a></p>
      <form class="toolbar" id="totp-confirm-form">
        <div class="field"><label for="totp-code">Code</label>
          <input id="totp-code" name="code" inputmode="numeric" autocomplete="one-time-code" required></div>
        <button type="submit" class="primary" id="totp-confirm">Turn on</button>
      </form>`);
    $('#totp-confirm-form').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        const r = await api('api/me/totp/confirm', { method: 'POST', body: { code: ev.target.code.value.trim() } });
        errorEl.hidden = true;
        showCodes(r.recovery_codes);
      } catch (err) {
        fail('Could not turn on two-factor sign-in', err);
      }
    });
  }

  $('#totp-begin')?.addEventListener('click', async () => {
    try {
      showEnrolment(await api('api/me/totp', { method: 'POST' }));
    } catch (err) {
      fail('Could not start the set-up', err);
    }
  });

  return { unmount() { alive = false; } };
}
