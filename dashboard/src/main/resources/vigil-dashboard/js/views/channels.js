// Notification channels: add (admin), list with masked URLs and health, test (operator), delete (admin).
import { api, describeError } from '../api.js';
import { html, render } from '../html.js';
import { refreshChannelHealth } from '../channel-health.js';

const EXAMPLES = 'ntfys://tk_…@ntfy.example.net/acme-oncall · gotifys://push.example.net/APPTOKEN · '
  + 'pover://USERKEY@APPTOKEN · tgram://BOTTOKEN/CHATID · mailtos://user:pass@example.com/oncall@example.com · '
  + 'jsons://hooks.slack.com/services/…';

function quietText(q) {
  if (!q) return 'any hour';
  return `quiet ${q.from}–${q.to} ${q.zone}${q.critical_overrides ? ', critical still sent' : ''}`;
}

function channelRow(c, { isAdmin, canTest, result }) {
  const h = c.health || {};
  return html`<tr data-channel="${c.id}">
    <td class="c-name">${c.name}</td>
    <td class="c-url"><code>${c.url}</code></td>
    <td>${quietText(c.quiet_hours)}</td>
    <td><span class="health health-${h.state}" data-health="${h.state}">${h.state}</span>
      ${h.last_detail ? html`<div class="muted small">${h.last_detail}</div>` : ''}</td>
    <td class="c-actions">
      ${canTest ? html`<button type="button" class="secondary" data-test="${c.id}">Test</button>` : ''}
      ${isAdmin ? html`<button type="button" class="secondary" data-delete="${c.id}">Delete</button>` : ''}
      <a href="#/deliveries?channel=${encodeURIComponent(c.id)}">Deliveries</a>
      <div class="test-result" role="status" data-result="${c.id}"
        data-delivered="${result ? String(result.delivered) : ''}">${result ? result.text : ''}</div>
    </td>
  </tr>`;
}

export function mountChannels(main, ctx) {
  const isAdmin = ctx.me.role === 'admin';
  const canTest = ctx.canAck();
  render(main, html`<section class="channels-page" aria-labelledby="channels-title">
    <div class="page-head"><h1 id="channels-title">Channels</h1>
      <p class="summary">Where notifications go. Secrets in a URL are never shown again after it is added.</p></div>
    ${isAdmin ? html`<form id="channel-form" class="channel-form" novalidate>
      <div class="field"><label for="channel-name">Name</label>
        <input id="channel-name" required maxlength="100" placeholder="oncall-phone"></div>
      <div class="field grow"><label for="channel-url">URL</label>
        <input id="channel-url" required autocomplete="off" spellcheck="false" placeholder="ntfys://…"></div>
      <fieldset class="quiet"><legend>Quiet hours (optional)</legend>
        <div class="field"><label for="quiet-from">From</label><input id="quiet-from" type="time"></div>
        <div class="field"><label for="quiet-to">To</label><input id="quiet-to" type="time"></div>
        <div class="field"><label for="quiet-zone">Time zone</label>
          <input id="quiet-zone" placeholder="Europe/Paris"></div>
        <div class="field check"><input id="quiet-critical" type="checkbox" checked>
          <label for="quiet-critical">Critical alerts still sent</label></div>
      </fieldset>
      <button id="channel-add" class="primary" type="submit">Add channel</button>
      <p class="muted small">Forms: ${EXAMPLES}. See docs/alerts.md.</p>
      <div id="channel-form-error" class="inline-error" role="alert" hidden></div>
    </form>` : html`<p class="note">Only an admin can add or delete channels.</p>`}
    <div id="channels-error" class="inline-error" role="alert" hidden></div>
    <div class="table-scroll"><table class="channel-table"><thead><tr><th>Name</th><th>URL</th><th>Hours</th><th>Health</th><th></th></tr></thead>
      <tbody id="channel-list"><tr><td colspan="5" class="loading">Loading channels…</td></tr></tbody></table></div>
  </section>`);
  const $ = (s) => main.querySelector(s);
  let alive = true;
  const results = new Map(); // channel id -> the last test's outcome, kept across reloads of the list

  async function load() {
    try {
      const { channels } = await api('api/channels');
      if (!alive) return;
      $('#channels-error').hidden = true;
      render($('#channel-list'), channels.length
        ? html`${channels.map((c) => channelRow(c, { isAdmin, canTest, result: results.get(c.id) }))}`
        : html`<tr><td colspan="5" class="empty">No channel yet.</td></tr>`);
    } catch (e) {
      if (!alive || e.status === 401) return;
      $('#channels-error').textContent = describeError('Could not load the channels', e);
      $('#channels-error').hidden = false;
    }
  }

  $('#channel-form')?.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = { name: $('#channel-name').value.trim(), url: $('#channel-url').value.trim() };
    const from = $('#quiet-from').value;
    const to = $('#quiet-to').value;
    const zone = $('#quiet-zone').value.trim();
    if (from || to || zone) {
      body.quiet_hours = { from, to, zone, critical_overrides: $('#quiet-critical').checked };
    }
    const button = $('#channel-add');
    button.disabled = true;
    try {
      await api('api/channels', { method: 'POST', body });
      $('#channel-form').reset();
      $('#channel-form-error').hidden = true;
      await load();
    } catch (err) {
      $('#channel-form-error').textContent = describeError('The channel was not added', err);
      $('#channel-form-error').hidden = false;
    } finally {
      button.disabled = false;
    }
  });

  $('#channel-list').addEventListener('click', async (e) => {
    const test = e.target.closest('[data-test]');
    const del = e.target.closest('[data-delete]');
    if (test) {
      const id = test.dataset.test;
      const out = main.querySelector(`[data-result="${CSS.escape(id)}"]`);
      test.disabled = true;
      out.textContent = 'Sending…';
      try {
        const r = await api(`api/channels/${encodeURIComponent(id)}/test`, { method: 'POST' });
        results.set(id, { delivered: r.delivered, text: `${r.delivered ? 'Delivered' : 'Not delivered'}: ${r.detail}` });
      } catch (err) {
        results.set(id, { delivered: false, text: describeError('Test failed', err) });
      }
      await load(); // the row's health changed too
      refreshChannelHealth();
    } else if (del) {
      const row = del.closest('tr');
      const name = row.querySelector('.c-name').textContent;
      if (!window.confirm(`Delete channel ${name}?`)) return;
      try {
        await api(`api/channels/${encodeURIComponent(del.dataset.delete)}`, { method: 'DELETE' });
        await load();
        refreshChannelHealth();
      } catch (err) {
        $('#channels-error').textContent = describeError('The channel was not deleted', err);
        $('#channels-error').hidden = false;
      }
    }
  });

  load();
  return { refresh: load, unmount() { alive = false; } };
}
