// Notification policy: routing rules (admin edits), maintenance windows and snoozes (operator edits), the
// maintenance log and the alerts that were recorded but not sent. See docs/alerts.md.
import { api, describeError } from '../api.js';
import { html, render } from '../html.js';

const KINDS = ['', 'site_offline', 'wan_down', 'wan_degraded', 'failover', 'master_lost', 'split_brain',
  'action_failed', 'router_unreachable', 'config_mismatch', 'flapping', 'preferred_not_master'];
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const list = (text) => text.split(',').map((s) => s.trim()).filter(Boolean);
const orNull = (text) => (text.trim() ? text.trim() : null);
const minutes = (text) => (text.trim() ? Number(text.trim()) : null);
// <input type="datetime-local"> gives local wall time without a zone; the API wants RFC 3339
const isoOf = (local) => (local ? new Date(local).toISOString() : null);

function scopeOf(w) {
  if (w.all) return 'all sites';
  const parts = [];
  if (w.sites?.length) parts.push(`sites ${w.sites.join(', ')}`);
  if (w.tags?.length) parts.push(`tags ${w.tags.join(', ')}`);
  if (w.alert) parts.push(`alert ${w.alert}`);
  return parts.join('; ');
}

function whenOf(w) {
  if (w.weekly) return `weekly ${w.weekly.days.join(', ')} ${w.weekly.start} for ${w.weekly.minutes} min (${w.weekly.zone})`;
  return `${new Date(w.from).toLocaleString()} – ${new Date(w.to).toLocaleString()}`;
}

export function mountNotify(main, ctx) {
  // routing rules and the maintenance log are the MSP's (403 for a customer's users): not shown to them
  const staff = !ctx.me.customer;
  const isAdmin = staff && ctx.me.role === 'admin';
  const canEdit = ctx.canAck();
  render(main, html`<section class="notify-page" aria-labelledby="notify-title">
    <div class="page-head"><h1 id="notify-title">Notifications</h1>
      <p class="summary">Who is told what: routing rules, maintenance and snoozes.</p></div>
    <div id="notify-error" class="inline-error" role="alert" hidden></div>
    <section class="panel" aria-labelledby="rules-title">
      <h2 id="rules-title">Routing rules</h2>
      <p id="rules-default" class="note" hidden>No rule: every warning and critical alert goes to every channel.</p>
      <div class="scroll-x"><table class="vrrp" id="rules-table"><thead><tr><th>Scope</th><th>Kind</th>
        <th>Min severity</th><th>Channels</th><th>Repeat</th><th>Escalation</th><th></th></tr></thead>
        <tbody id="rules-rows"></tbody></table></div>
      ${isAdmin ? html`<form id="rule-form" class="toolbar">
        <div class="field"><label for="rule-tag">Site tag</label><input id="rule-tag" size="10"></div>
        <div class="field"><label for="rule-customer">Customer</label><input id="rule-customer" size="10"></div>
        <div class="field"><label for="rule-kind">Kind</label><select id="rule-kind">
          ${KINDS.map((k) => html`<option value="${k}">${k || 'any kind'}</option>`)}</select></div>
        <div class="field"><label for="rule-severity">Min severity</label><select id="rule-severity">
          <option value="warning">warning</option><option value="critical">critical</option>
          <option value="info">info</option></select></div>
        <div class="field grow"><label for="rule-channels">Channel ids (comma separated)</label>
          <input id="rule-channels" list="channel-ids"><datalist id="channel-ids"></datalist></div>
        <div class="field"><label for="rule-repeat">Repeat (min)</label><input id="rule-repeat" size="4"></div>
        <div class="field"><label for="rule-esc-after">Escalate after (min)</label><input id="rule-esc-after" size="4"></div>
        <div class="field"><label for="rule-esc-to">Escalate to</label><input id="rule-esc-to" size="10"></div>
        <button type="submit" class="primary" id="rule-add">Add rule</button>
        <p id="rule-error" class="form-error" role="alert"></p>
      </form>` : html`<p class="note">Only admins change routing rules.</p>`}
    </section>
    <section class="panel" aria-labelledby="maint-title">
      <h2 id="maint-title">Maintenance and snoozes</h2>
      <div class="scroll-x"><table class="vrrp"><thead><tr><th>Kind</th><th>Scope</th><th>When</th><th>Reason</th>
        <th>State</th><th></th></tr></thead><tbody id="window-rows"></tbody></table></div>
      ${canEdit ? html`<form id="window-form" class="toolbar">
        <div class="field"><label for="win-scope">Scope</label><select id="win-scope">
          <option value="sites">Sites</option><option value="tags">Tags</option><option value="all">All sites</option>
          </select></div>
        <div class="field"><label for="win-targets">Sites or tags (comma separated)</label><input id="win-targets"></div>
        <div class="field"><label for="win-repeat">Repeats</label><select id="win-repeat">
          <option value="once">Once</option><option value="weekly">Weekly</option></select></div>
        <div class="field" data-once><label for="win-from">From</label><input id="win-from" type="datetime-local"></div>
        <div class="field" data-once><label for="win-to">To</label><input id="win-to" type="datetime-local"></div>
        <fieldset class="field" data-weekly hidden><legend>Days</legend>
          ${DAYS.map((d) => html`<label><input type="checkbox" name="win-day" value="${d}"> ${d}</label>`)}</fieldset>
        <div class="field" data-weekly hidden><label for="win-start">Start</label><input id="win-start" type="time"></div>
        <div class="field" data-weekly hidden><label for="win-minutes">Minutes</label><input id="win-minutes" size="4"></div>
        <div class="field" data-weekly hidden><label for="win-zone">Time zone</label><input id="win-zone" size="14"></div>
        <div class="field grow"><label for="win-reason">Reason</label><input id="win-reason"></div>
        <button type="submit" class="primary" id="win-add">Add window</button>
        <p id="window-error" class="form-error" role="alert"></p>
      </form>
      <form id="snooze-form" class="toolbar">
        <div class="field"><label for="snooze-site">Snooze site</label><input id="snooze-site"></div>
        <div class="field"><label for="snooze-for">For</label><select id="snooze-for">
          <option value="1h">1 hour</option><option value="4h">4 hours</option><option value="24h">24 hours</option>
          </select></div>
        <button type="submit" id="snooze-add">Snooze</button>
        <p id="snooze-error" class="form-error" role="alert"></p>
      </form>` : html`<p class="note">Viewers cannot change maintenance.</p>`}
    </section>
    <section class="panel" aria-labelledby="muted-title">
      <h2 id="muted-title">Recorded, not sent</h2>
      <ul id="muted-list" class="alert-list"></ul>
    </section>
    <section class="panel" aria-labelledby="log-title">
      <h2 id="log-title">Maintenance log</h2>
      <ul id="maint-log" class="alert-list"></ul>
    </section>
  </section>`);
  const $ = (s) => main.querySelector(s);
  let alive = true;
  $('#rules-title').parentElement.hidden = !staff;
  $('#log-title').parentElement.hidden = !staff;

  const fail = (e, what) => {
    if (!alive || e.status === 401) return;
    $('#notify-error').textContent = describeError(what, e);
    $('#notify-error').hidden = false;
  };

  async function load() {
    try {
      const none = (key) => Promise.resolve({ [key]: [] });
      const [rules, windows, muted, log] = await Promise.all([staff ? api('api/notify/rules') : none('rules'),
        api('api/maintenance'), api('api/notify/muted'), staff ? api('api/maintenance/log?limit=20') : none('log')]);
      if (!alive) return;
      $('#rules-default').hidden = !rules.default_route;
      render($('#rules-rows'), html`${rules.rules.map((r) => html`<tr data-rule="${r.id}">
        <td>${r.tag ? `tag ${r.tag}` : r.customer ? `customer ${r.customer}` : 'all sites'}</td>
        <td>${r.kind || 'any'}</td><td>${r.min_severity}</td><td>${r.channels.join(', ')}</td>
        <td>${r.repeat_minutes ? `${r.repeat_minutes} min` : '—'}</td>
        <td>${r.escalate_after_minutes ? `${r.escalate_to.join(', ')} after ${r.escalate_after_minutes} min` : '—'}</td>
        <td>${isAdmin ? html`<button type="button" class="secondary" data-delete-rule="${r.id}">Delete</button>` : ''}</td>
      </tr>`)}`);
      render($('#window-rows'), html`${windows.windows.map((w) => html`<tr data-window="${w.id}">
        <td>${w.kind}</td><td>${scopeOf(w)}</td><td>${whenOf(w)}</td><td>${w.reason || ''}</td>
        <td>${w.active ? 'active' : ''}</td>
        <td>${canEdit ? html`<button type="button" class="secondary" data-delete-window="${w.id}">Delete</button>` : ''}</td>
      </tr>`)}`);
      render($('#muted-list'), muted.muted.length ? html`${muted.muted.map((m) => {
        const a = ctx.openAlerts.get(m.alert);
        return html`<li class="muted-alert" data-alert="${m.alert}"><strong>${a ? a.title : m.alert}</strong>
          <span class="tag">muted: ${m.muted_by}</span></li>`;
      })}` : html`<li class="empty">Every open alert was sent.</li>`);
      render($('#maint-log'), log.log.length ? html`${log.log.map((e) => html`<li>
        <span class="muted">${new Date(e.at).toLocaleString()}</span> ${e.kind} ${e.window} <strong>${e.event}</strong>
        — ${e.detail}</li>`)}` : html`<li class="empty">Nothing logged yet.</li>`);
      $('#notify-error').hidden = true;
    } catch (e) {
      fail(e, 'Could not load the notification settings');
    }
  }

  async function submit(form, errorSel, body, path) {
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      await api(path, { method: 'POST', body });
      $(errorSel).textContent = '';
      form.reset();
      form.dispatchEvent(new Event('change'));
      await load();
    } catch (e) {
      $(errorSel).textContent = describeError('Not saved', e);
    } finally {
      button.disabled = false;
    }
  }

  // on this view's own section, which the next view replaces: a listener on main would outlive the view
  $('.notify-page').addEventListener('click', async (e) => {
    const rule = e.target.closest('[data-delete-rule]');
    const win = e.target.closest('[data-delete-window]');
    if (!rule && !win) return;
    const path = rule ? `api/notify/rules/${encodeURIComponent(rule.dataset.deleteRule)}`
      : `api/maintenance/${encodeURIComponent(win.dataset.deleteWindow)}`;
    try {
      await api(path, { method: 'DELETE' });
      await load();
    } catch (err) {
      fail(err, 'Could not delete');
    }
  });

  $('#rule-form')?.addEventListener('submit', (e) => {
    e.preventDefault();
    const escAfter = minutes($('#rule-esc-after').value);
    submit(e.target, '#rule-error', {
      tag: orNull($('#rule-tag').value),
      customer: orNull($('#rule-customer').value),
      kind: orNull($('#rule-kind').value),
      min_severity: $('#rule-severity').value,
      channels: list($('#rule-channels').value),
      repeat_minutes: minutes($('#rule-repeat').value),
      escalate_after_minutes: escAfter,
      escalate_to: list($('#rule-esc-to').value),
    }, 'api/notify/rules');
  });

  const windowForm = $('#window-form');
  windowForm?.addEventListener('change', () => {
    const weekly = $('#win-repeat').value === 'weekly';
    windowForm.querySelectorAll('[data-weekly]').forEach((el) => { el.hidden = !weekly; });
    windowForm.querySelectorAll('[data-once]').forEach((el) => { el.hidden = weekly; });
    $('#win-targets').disabled = $('#win-scope').value === 'all';
  });
  windowForm?.addEventListener('submit', (e) => {
    e.preventDefault();
    const scope = $('#win-scope').value;
    const body = { reason: orNull($('#win-reason').value) };
    if (scope === 'all') body.all = true;
    else body[scope] = list($('#win-targets').value);
    if ($('#win-repeat').value === 'weekly') {
      body.weekly = {
        days: [...windowForm.querySelectorAll('input[name=win-day]:checked')].map((c) => c.value),
        start: $('#win-start').value,
        minutes: minutes($('#win-minutes').value),
        zone: orNull($('#win-zone').value) || Intl.DateTimeFormat().resolvedOptions().timeZone,
      };
    } else {
      body.from = isoOf($('#win-from').value);
      body.to = isoOf($('#win-to').value);
    }
    submit(e.target, '#window-error', body, 'api/maintenance');
  });

  $('#snooze-form')?.addEventListener('submit', (e) => {
    e.preventDefault();
    submit(e.target, '#snooze-error', { site: orNull($('#snooze-site').value), for: $('#snooze-for').value },
      'api/snooze');
  });

  // the channel ids, as a hint, once the channels API exists
  api('api/channels').then((r) => {
    if (!alive || !r?.channels) return;
    render($('#channel-ids') || document.createElement('datalist'),
      html`${r.channels.map((c) => html`<option value="${c.id}">${c.name}</option>`)}`);
  }).catch(() => {});

  load();
  return {
    onAlert() { load(); },
    refresh: load,
    unmount() { alive = false; },
  };
}
