// The site page's commands panel: buttons for operators and admins, recent commands with their live status and
// result, and the outcome of the last failover drill.
import { api, describeError } from './api.js';
import { html, render } from './html.js';
import { clock, ago, duration } from './format.js';

const LABELS = {
  failover_drill: 'Failover drill', pause_repairs: 'Pause repairs', resume_repairs: 'Resume repairs',
  probe_now: 'Probe now', refresh_state: 'Refresh state', backup_config: 'Backup config',
};
const STATUS_WORDS = { sent: 'Sent', completed: 'Completed', failed: 'Failed', rejected: 'Rejected', expired: 'Expired' };
const LIST_LOAD = 'Could not load the commands';
const DEFAULT_PAUSE_MS = 3600e3;

/** The panel's markup; the buttons only for those who may send (the collector refuses viewers anyway). */
export function commandsPanel(canSend) {
  return html`<section class="panel wide commands-panel" aria-labelledby="cmd-title">
    <div class="panel-head"><h2 id="cmd-title">Commands</h2><p id="cmd-drill" class="drill-line muted">No failover drill yet.</p></div>
    ${canSend ? html`<form id="cmd-form" class="cmd-form" novalidate>
      <div class="cmd-group"><label for="cmd-hold">Hold (s)</label><input id="cmd-hold" type="number" min="1" max="600" value="10">
        <button type="submit" data-action="failover_drill">${LABELS.failover_drill}</button></div>
      <div class="cmd-group"><label for="cmd-until">Pause until</label><input id="cmd-until" type="datetime-local">
        <button type="submit" data-action="pause_repairs">${LABELS.pause_repairs}</button></div>
      <div class="cmd-group">
        ${['resume_repairs', 'probe_now', 'refresh_state', 'backup_config'].map((a) => html`<button type="submit" class="secondary" data-action="${a}">${LABELS[a]}</button>`)}
      </div>
    </form>` : html`<p class="note">You are signed in as a viewer: commands are read-only.</p>`}
    <div id="cmd-error" class="inline-error" role="alert" hidden></div>
    <div class="table-scroll"><table class="vrrp commands">
      <caption class="sr-only">Recent commands</caption>
      <thead><tr><th scope="col">Sent</th><th scope="col">Action</th><th scope="col">By</th><th scope="col">Status</th><th scope="col">Result</th></tr></thead>
      <tbody id="cmd-rows" aria-live="polite"></tbody>
    </table></div>
  </section>`;
}

function args(c) {
  if (c.action === 'failover_drill') return ` · hold ${c.args.hold_s} s`;
  if (c.action === 'pause_repairs') return ` · until ${clock(c.args.until)}`;
  if (c.action === 'backup_config' && c.args.router) return ` · ${c.args.router}`;
  return '';
}

function drillText(d) {
  const took = d.takeover_ms != null ? duration(d.takeover_ms) : 'no takeover time';
  return `${took}, ${d.passed ? 'passed' : 'did not pass'}`;
}

function outcome(c) {
  if (c.drill) return `Drill: ${drillText(c.drill)}${c.reason ? ` (${c.reason})` : ''}`;
  if (c.status === 'completed') {
    const r = c.result || {};
    const parts = Object.entries(r).filter(([, v]) => v === null || typeof v !== 'object').map(([k, v]) => `${k}: ${v}`);
    return parts.length ? parts.join(', ') : 'Done';
  }
  if (c.status === 'failed' || c.status === 'rejected') return [c.reason, c.detail].filter(Boolean).join(': ') || '—';
  if (c.status === 'expired') return `No answer before ${clock(c.expires_at)}`;
  return 'Waiting for the agent…';
}

function row(c) {
  return html`<tr data-command="${c.id}" data-status="${c.status}">
    <td><time datetime="${c.issued_at}" title="${c.issued_at}">${clock(c.issued_at)}</time> <span class="muted">${ago(c.issued_at)}</span></td>
    <td>${LABELS[c.action] || c.action}<span class="muted">${args(c)}</span></td>
    <td>${c.issuer}</td>
    <td><span class="cmd-status cmd-${c.status}">${STATUS_WORDS[c.status] || c.status}</span></td>
    <td class="cmd-result">${outcome(c)}</td>
  </tr>`;
}

function localInput(ms) {
  const d = new Date(ms);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Binds the panel inside el; returns the view hooks the site page forwards. */
export function mountCommands(el, site) {
  const $ = (sel) => el.querySelector(sel);
  const errorEl = $('#cmd-error');
  let commands = new Map();
  let lastDrill = null;
  let alive = true;

  function showError(message) {
    errorEl.textContent = message || '';
    errorEl.hidden = !message;
  }

  function renderAll() {
    const list = [...commands.values()].sort((a, b) => (a.id < b.id ? 1 : -1));
    render($('#cmd-rows'), list.length ? html`${list.map(row)}` : html`<tr><td colspan="5" class="muted">No command sent to this site yet.</td></tr>`);
    const drill = $('#cmd-drill');
    drill.textContent = lastDrill ? `Last drill: ${drillText(lastDrill)} (${ago(lastDrill.issued_at)})` : 'No failover drill yet.';
    drill.classList.toggle('muted', !lastDrill);
    drill.dataset.passed = lastDrill ? String(Boolean(lastDrill.passed)) : '';
  }

  async function load() {
    try {
      const r = await api(`api/sites/${encodeURIComponent(site)}/commands`);
      if (!alive) return;
      commands = new Map(r.commands.map((c) => [c.id, c]));
      lastDrill = r.last_drill;
      renderAll();
    } catch (e) {
      if (alive && e.status !== 401) showError(describeError(LIST_LOAD, e));
    }
  }

  function body(action) {
    if (action === 'failover_drill') return { action, args: { hold_s: Number($('#cmd-hold').value) } };
    if (action === 'pause_repairs') {
      const until = new Date($('#cmd-until').value);
      if (Number.isNaN(until.getTime())) throw new Error('Choose the time until which repairs pause.');
      return { action, args: { until: until.toISOString() } };
    }
    return { action };
  }

  const form = $('#cmd-form');
  if (form) {
    $('#cmd-until').value = localInput(Date.now() + DEFAULT_PAUSE_MS);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const button = e.submitter;
      if (!button || !button.dataset.action) return;
      const action = button.dataset.action;
      showError('');
      button.disabled = true;
      try {
        const sent = await api(`api/sites/${encodeURIComponent(site)}/commands`, { method: 'POST', body: body(action) });
        if (!commands.has(sent.id)) commands.set(sent.id, sent);
        renderAll();
      } catch (err) {
        if (err.status !== 401) showError(describeError(`Could not send ${LABELS[action]}`, err));
      } finally {
        button.disabled = false;
      }
    });
  }

  load();
  return {
    onCommand(c) {
      if (c.site !== site) return;
      const known = commands.get(c.id);
      if (known && known.updated_at > c.updated_at) return;
      commands.set(c.id, c);
      if (c.drill && (!lastDrill || c.id >= lastDrill.command_id)) {
        lastDrill = { ...c.drill, command_id: c.id, issued_at: c.issued_at, issuer: c.issuer };
      }
      renderAll();
    },
    refresh: load,
    unmount() { alive = false; },
  };
}
