// Open and recent alerts across every site: filter by state, severity and site; acknowledge in place.
import { api, describeError, query } from '../api.js';
import { html, render } from '../html.js';
import { severityRank, parseTime } from '../format.js';
import { alertItem, bindAck } from '../alert-list.js';

const STATE_CHOICES = [['active', 'Open and acknowledged'], ['open', 'Open'], ['acknowledged', 'Acknowledged'],
  ['resolved', 'Resolved'], ['all', 'All']];
const filters = { state: 'active', severity: '', site: '' };

function statesOf(choice) {
  if (choice === 'active') return ['open', 'acknowledged'];
  if (choice === 'all') return ['open', 'acknowledged', 'resolved'];
  return [choice];
}

const STATE_ORDER = { open: 0, acknowledged: 1, resolved: 2 };

function compare(a, b) {
  return (STATE_ORDER[a.state] ?? 3) - (STATE_ORDER[b.state] ?? 3) || severityRank(a.severity) - severityRank(b.severity)
    || parseTime(b.updated_at) - parseTime(a.updated_at);
}

export function mountAlerts(main, ctx) {
  render(main, html`<section class="alerts-page" aria-labelledby="alerts-page-title">
    <div class="page-head"><h1 id="alerts-page-title">Alerts</h1><p id="alert-summary" class="summary"></p></div>
    <form class="toolbar" id="alert-filters">
      <div class="field"><label for="alert-state">State</label><select id="alert-state">
        ${STATE_CHOICES.map(([v, l]) => html`<option value="${v}">${l}</option>`)}</select></div>
      <div class="field"><label for="alert-severity">Severity</label><select id="alert-severity">
        <option value="">All severities</option><option value="critical">Critical</option>
        <option value="warning">Warning</option><option value="info">Info</option></select></div>
      <div class="field grow"><label for="alert-site">Site</label>
        <input id="alert-site" type="search" placeholder="Site name contains…" value="${filters.site}"></div>
    </form>
    ${ctx.canAck() ? '' : html`<p class="note">You are signed in as a viewer: alerts are read-only.</p>`}
    <div id="alerts-error" class="inline-error" role="alert" hidden></div>
    <ul id="alert-list" class="alert-list"><li class="loading">Loading alerts…</li></ul>
  </section>`);
  const $ = (s) => main.querySelector(s);
  $('#alert-state').value = filters.state;
  $('#alert-severity').value = filters.severity;
  const errorEl = $('#alerts-error');
  let alerts = new Map();
  let alive = true;
  let timer = 0;

  function visible(a) {
    return statesOf(filters.state).includes(a.state) && (!filters.severity || a.severity === filters.severity)
      && (!filters.site || String(a.site).toLowerCase().includes(filters.site.toLowerCase()));
  }

  function draw() {
    const list = [...alerts.values()].filter(visible).sort(compare);
    render($('#alert-list'), list.length
      ? html`${list.map((a) => alertItem(a, { canAck: ctx.canAck(), showSite: true }))}`
      : html`<li class="empty">No alert matches these filters.</li>`);
    const open = list.filter((a) => a.state === 'open').length;
    $('#alert-summary').textContent = `${list.length} shown · ${open} open`;
  }

  async function load() {
    try {
      const states = statesOf(filters.state);
      const replies = await Promise.all(states.map((state) =>
        api(`api/alerts${query({ state, severity: filters.severity })}`)));
      if (!alive) return;
      alerts = new Map(replies.flatMap((r) => r.alerts || []).map((a) => [a.id, a]));
      errorEl.hidden = true;
      draw();
    } catch (e) {
      if (!alive || e.status === 401) return;
      errorEl.textContent = describeError('Could not load the alerts', e);
      errorEl.hidden = false;
      render($('#alert-list'), html`<li class="empty">Alerts are not available right now.</li>`);
    }
  }

  $('#alert-filters').addEventListener('submit', (e) => e.preventDefault());
  $('#alert-state').addEventListener('change', (e) => { filters.state = e.target.value; load(); });
  $('#alert-severity').addEventListener('change', (e) => { filters.severity = e.target.value; load(); });
  $('#alert-site').addEventListener('input', (e) => {
    clearTimeout(timer);
    timer = setTimeout(() => { filters.site = e.target.value.trim(); draw(); }, 120);
  });
  bindAck($('#alert-list'), (a) => { alerts.set(a.id, a); draw(); });
  load();
  return {
    onAlert(a) { alerts.set(a.id, a); draw(); },
    refresh: load,
    unmount() { alive = false; clearTimeout(timer); },
  };
}
