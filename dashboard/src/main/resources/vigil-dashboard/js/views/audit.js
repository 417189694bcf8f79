// The audit log: who did what, when, with what result, newest first; filters, older pages and a CSV download.
import { api, describeError, query } from '../api.js';
import { html, render } from '../html.js';

const KINDS = [
  ['', 'All kinds'], ['login.', 'Sign-ins'], ['logout', 'Sign-outs'], ['lockout.', 'Lockouts'],
  ['password.', 'Passwords'], ['totp.', 'Two-factor'], ['token.', 'API tokens'], ['user.', 'Users'],
  ['customer.', 'Customers'], ['site.', 'Sites'], ['alert.', 'Acknowledgements and snoozes'],
  ['maintenance.', 'Maintenance'], ['snooze.', 'Snoozes ended'], ['channel.', 'Channels'], ['rule.', 'Routing rules'],
  ['action.', 'Automatic repairs'], ['command.', 'Commands'], ['drill.', 'Failover drills'], ['repairs.', 'Repairs paused'],
];
const PAGE = 100;

function isoOrEmpty(local) {
  if (!local) return '';
  const t = new Date(local);
  return Number.isNaN(t.getTime()) ? '' : t.toISOString();
}

function row(e) {
  const details = JSON.stringify(e.details, null, 1);
  return html`<tr data-audit="${e.id}" data-kind="${e.kind}">
    <td>${new Date(e.time).toLocaleString()}</td><td>${e.kind}</td><td>${e.actor}</td><td>${e.site || ''}</td>
    <td><span class="outcome" data-outcome="${e.outcome}">${e.outcome}</span></td>
    <td class="detail">${e.summary}${details === '{}' ? ''
      : html`<details><summary>Details</summary><pre>${details}</pre></details>`}</td>
    <td>${e.source || ''}</td>
  </tr>`;
}

export function mountAudit(main) {
  render(main, html`<section class="audit-page" aria-labelledby="audit-title">
    <div class="page-head"><h1 id="audit-title">Audit log</h1>
      <p class="summary">Who did what, when, and with what result: people and every automatic repair.</p></div>
    <form class="toolbar" id="audit-filters">
      <div class="field"><label for="audit-kind">Kind</label>
        <select id="audit-kind">${KINDS.map(([v, l]) => html`<option value="${v}">${l}</option>`)}</select></div>
      <div class="field"><label for="audit-site">Site</label><input id="audit-site" spellcheck="false"></div>
      <div class="field"><label for="audit-actor">Actor</label><input id="audit-actor" spellcheck="false"></div>
      <div class="field"><label for="audit-from">From</label><input id="audit-from" type="datetime-local"></div>
      <div class="field"><label for="audit-to">To</label><input id="audit-to" type="datetime-local"></div>
      <button type="submit">Show</button>
      <a id="audit-csv" class="button secondary" href="api/audit.csv" download="vigil-audit.csv">Download CSV</a>
    </form>
    <div id="audit-error" class="inline-error" role="alert" hidden></div>
    <div class="table-scroll"><table class="audit-table"><thead><tr><th>Time</th><th>Kind</th><th>Actor</th>
      <th>Site</th><th>Outcome</th><th>What</th><th>Source</th></tr></thead>
      <tbody id="audit-list"><tr><td colspan="7" class="loading">Loading…</td></tr></tbody></table></div>
    <p><button type="button" id="audit-older" class="secondary" hidden>Older entries</button></p>
  </section>`);
  const $ = (s) => main.querySelector(s);
  let alive = true;
  let shown = [];
  let next = null;

  function filters() {
    return {
      kind: $('#audit-kind').value, site: $('#audit-site').value.trim(), actor: $('#audit-actor').value.trim(),
      from: isoOrEmpty($('#audit-from').value), to: isoOrEmpty($('#audit-to').value),
    };
  }

  async function load(before) {
    const f = filters();
    $('#audit-csv').href = `api/audit.csv${query(f)}`;
    try {
      const page = await api(`api/audit${query({ ...f, limit: PAGE, before: before || '' })}`);
      if (!alive) return;
      $('#audit-error').hidden = true;
      shown = before ? shown.concat(page.entries) : page.entries;
      next = page.next_before || null;
      $('#audit-older').hidden = !next;
      render($('#audit-list'), shown.length ? html`${shown.map(row)}`
        : html`<tr><td colspan="7" class="empty">No entries match.</td></tr>`);
    } catch (e) {
      if (!alive || e.status === 401) return;
      $('#audit-error').textContent = describeError('Could not load the audit log', e);
      $('#audit-error').hidden = false;
    }
  }

  $('#audit-filters').addEventListener('submit', (e) => { e.preventDefault(); load(); });
  $('#audit-kind').addEventListener('change', () => load());
  $('#audit-older').addEventListener('click', () => load(next));
  load();
  return { refresh: () => load(), unmount() { alive = false; } };
}
