// The delivery log: every attempt to every channel, newest first, filtered by channel or alert.
import { api, describeError, query } from '../api.js';
import { html, render } from '../html.js';

function params() {
  const q = new URLSearchParams(location.hash.split('?')[1] || '');
  return { channel: q.get('channel') || '', alert: q.get('alert') || '' };
}

function row(d) {
  return html`<tr data-delivery="${d.id}" class="outcome-${d.outcome}">
    <td>${new Date(d.at).toLocaleString()}</td><td>${d.channel}</td><td>${d.site || ''}</td>
    <td>${d.alert_id || ''}</td><td>${d.kind}</td><td>${d.attempt}</td>
    <td><span class="outcome" data-outcome="${d.outcome}">${d.outcome}</span></td><td class="detail">${d.detail}</td>
  </tr>`;
}

export function mountDeliveries(main) {
  const filters = params();
  render(main, html`<section class="deliveries-page" aria-labelledby="deliveries-title">
    <div class="page-head"><h1 id="deliveries-title">Deliveries</h1>
      <p class="summary">Who was told what, when, and what their service answered.</p></div>
    <form class="toolbar" id="delivery-filters">
      <div class="field"><label for="delivery-channel">Channel</label>
        <select id="delivery-channel"><option value="">All channels</option></select></div>
      <div class="field grow"><label for="delivery-alert">Alert id</label>
        <input id="delivery-alert" value="${filters.alert}" spellcheck="false"></div>
    </form>
    <div id="deliveries-error" class="inline-error" role="alert" hidden></div>
    <div class="table-scroll"><table class="delivery-table"><thead><tr><th>Time</th><th>Channel</th><th>Site</th><th>Alert</th><th>Kind</th>
      <th>Attempt</th><th>Outcome</th><th>Answer</th></tr></thead>
      <tbody id="delivery-list"><tr><td colspan="8" class="loading">Loading…</td></tr></tbody></table></div>
  </section>`);
  const $ = (s) => main.querySelector(s);
  let alive = true;

  async function loadChannels() {
    try {
      const { channels } = await api('api/channels');
      if (!alive) return;
      render($('#delivery-channel'), html`<option value="">All channels</option>
        ${channels.map((c) => html`<option value="${c.id}">${c.name}</option>`)}`);
      $('#delivery-channel').value = filters.channel;
    } catch (e) { /* the log still loads; the error shows there if the collector is down */ }
  }

  async function load() {
    try {
      const { deliveries } = await api(`api/deliveries${query({ channel: filters.channel, alert: filters.alert,
        limit: 200 })}`);
      if (!alive) return;
      $('#deliveries-error').hidden = true;
      render($('#delivery-list'), deliveries.length ? html`${deliveries.map(row)}`
        : html`<tr><td colspan="8" class="empty">Nothing delivered yet.</td></tr>`);
    } catch (e) {
      if (!alive || e.status === 401) return;
      $('#deliveries-error').textContent = describeError('Could not load the delivery log', e);
      $('#deliveries-error').hidden = false;
    }
  }

  $('#delivery-filters').addEventListener('submit', (e) => { e.preventDefault(); load(); });
  $('#delivery-channel').addEventListener('change', (e) => { filters.channel = e.target.value; load(); });
  $('#delivery-alert').addEventListener('change', (e) => { filters.alert = e.target.value.trim(); load(); });
  loadChannels();
  load();
  return { refresh: load, unmount() { alive = false; } };
}
