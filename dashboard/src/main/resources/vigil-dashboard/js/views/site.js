// One site: the router pair, VRRP groups, WANs with RTT/loss charts, open alerts and the event timeline.
import { api, describeError, query } from '../api.js';
import { html, render } from '../html.js';
import { statusLabel, statusClass, ago, clock, duration, number, wanLabel, severityClass } from '../format.js';
import { describeEvent } from '../events.js';
import { timeChart } from '../charts.js';
import { routerPair } from '../pair.js';
import { alertItem, bindAck } from '../alert-list.js';
import { commandsPanel, mountCommands } from '../commands.js';

const RANGES = { '1h': 3600e3, '6h': 6 * 3600e3, '24h': 24 * 3600e3 };
const TYPE_FILTERS = [['', 'All events'], ['vrrp.*', 'VRRP and failovers'], ['wan.*', 'WANs'],
  ['action.*', 'Actions'], ['router.*', 'Routers'], ['check.*', 'Health checks']];
const PAGE = 50;
const SITE_LOAD = 'Could not load the site';
const CHARTS_LOAD = 'Could not load the WAN charts';
const EVENTS_LOAD = 'Could not load the timeline';
let range = '1h';

function eventItem(ev, fresh) {
  const d = describeEvent(ev);
  const sev = severityClass(ev.severity);
  return html`<li class="tl-item kind-${d.kind}${fresh ? ' fresh' : ''}" data-event="${ev.id}" data-type="${ev.type}">
    <div class="tl-when"><time datetime="${ev.time}" title="${ev.time}">${clock(ev.time)}</time><span class="muted">${ago(ev.time)}</span></div>
    <div class="tl-body">
      <div class="tl-head"><span class="badge sev-${sev}">${ev.severity}</span> <span class="tl-title">${d.title}</span></div>
      ${d.facts.some((f) => f) ? html`<dl class="facts">${d.facts}</dl>` : ''}
      <div class="tl-subject muted">${ev.type} · ${ev.subject}</div>
    </div>
  </li>`;
}

function head(s) {
  const st = statusClass(s.status);
  return html`<div class="site-head-line">
      <h1 id="site-title">${s.site}</h1>
      <span class="badge big st-${st}">${statusLabel(s.status)}</span>
    </div>
    <p class="site-meta">
      ${(s.tags || []).map((t) => html`<span class="tag">${t}</span> `)}
      <span>Agent ${s.online === false ? 'offline' : s.online ? 'online' : 'unknown'}</span> ·
      <span>Last seen <time datetime="${s.last_seen || ''}" title="${s.last_seen || ''}">${ago(s.last_seen)}</time></span> ·
      <span>Master ${s.master || 'none'}</span>
    </p>`;
}

function vrrpTable(groups) {
  if (!groups || !groups.length) return '';
  return html`<div class="scroll-x"><table class="vrrp">
    <caption class="sr-only">VRRP groups</caption>
    <thead><tr><th scope="col">Group</th><th scope="col">State</th><th scope="col">Master</th><th scope="col">Priority</th>
      <th scope="col">Interval</th><th scope="col">Virtual IPs</th><th scope="col">Since</th></tr></thead>
    <tbody>${groups.map((g) => html`<tr>
      <td>${g.iface}${g.vlan != null ? `.${g.vlan}` : ''} ${g.family} VRID ${g.vrid}</td>
      <td><span class="vstate vstate-${g.state === 'master' ? 'ok' : 'bad'}">${String(g.state || '').replace('_', ' ')}</span></td>
      <td>${g.master || '—'}</td><td>${g.master_priority ?? '—'}</td><td>${duration(g.interval_ms) || '—'}</td>
      <td>${(g.addresses || []).join(', ') || '—'}</td><td>${g.since ? ago(g.since) : '—'}</td></tr>`)}</tbody>
  </table></div>`;
}

function measure(v, unit) {
  return v === null || v === undefined ? 'n/a' : `${number(v, 1)} ${unit}`;
}

function wanCards(wans, metrics, from, to) {
  const names = [...new Set([...(wans || []).map((w) => w.name), ...metrics.map((m) => m.name)])];
  if (!names.length) return html`<p class="muted">No WAN has been reported for this site yet.</p>`;
  return names.map((name) => {
    const w = (wans || []).find((x) => x.name === name) || { name, state: 'unknown' };
    const points = (metrics.find((m) => m.name === name) || { points: [] }).points || [];
    const state = wanLabel(w.state);
    return html`<article class="wan-card wstate-${state}" aria-label="WAN ${name}">
      <header><h3>${name}</h3><span class="wan wan-${state}">${state}</span></header>
      <p class="wan-figures">RTT <strong>${measure(w.rtt_ms, 'ms')}</strong> · loss <strong>${measure(w.loss_pct, '%')}</strong>
        · jitter <strong>${measure(w.jitter_ms, 'ms')}</strong>${w.since ? html` · ${state} since ${ago(w.since)}` : ''}</p>
      <div class="charts">
        ${timeChart({ points, key: 'rtt_ms', title: 'RTT', unit: 'ms', from, to, tone: 'rtt' })}
        ${timeChart({ points, key: 'loss_pct', title: 'Loss', unit: '%', from, to, fixedMax: 100, tone: 'loss' })}
      </div>
    </article>`;
  });
}

export function mountSite(main, ctx, id) {
  render(main, html`<section class="site" aria-labelledby="site-title">
    <a class="back" href="#/sites">← All sites</a>
    ${ctx.canAck() ? html`<a class="back configs-link" href="${`configs.html?site=${encodeURIComponent(id)}`}">Configuration history</a>` : ''}
    <div id="site-head"><h1 id="site-title">${id}</h1><p class="loading">Loading…</p></div>
    <div id="site-error" class="inline-error" role="alert" hidden></div>
    <div class="site-grid">
      <section class="panel" aria-labelledby="pair-title"><h2 id="pair-title">Routers</h2><div id="site-pair"></div><div id="site-vrrp"></div></section>
      <section class="panel" aria-labelledby="alerts-title"><h2 id="alerts-title">Open alerts</h2><ul id="site-alerts" class="alert-list"></ul></section>
      ${commandsPanel(ctx.canAck())}
      <section class="panel wide" aria-labelledby="wans-title">
        <div class="panel-head"><h2 id="wans-title">WANs</h2>
          <div class="segmented" role="group" aria-label="Chart range">
            ${Object.keys(RANGES).map((r) => html`<button type="button" data-range="${r}" aria-pressed="${r === range}">${r.replace('h', ' h')}</button>`)}
          </div></div>
        <div id="site-wans" class="wan-grid"></div>
      </section>
      <section class="panel wide" aria-labelledby="tl-title">
        <div class="panel-head"><h2 id="tl-title">Timeline</h2>
          <div class="field inline"><label for="tl-type">Show</label><select id="tl-type">
            ${TYPE_FILTERS.map(([v, l]) => html`<option value="${v}">${l}</option>`)}</select></div></div>
        <ol id="site-timeline" class="timeline" aria-live="polite" aria-relevant="additions"></ol>
        <button type="button" id="tl-older" class="secondary" hidden>Older events</button>
      </section>
    </div>
  </section>`);
  const $ = (sel) => main.querySelector(sel);
  const errorEl = $('#site-error');
  let detail = null;
  let alerts = new Map();
  let metrics = [];
  let next = null;
  let alive = true;
  let detailTimer = 0;
  const metricsTimer = setInterval(() => loadMetrics(), 60000);

  // Errors of the three loads, shown together in a fixed order; for a site that does not exist only that one.
  const errors = new Map();
  let siteMissing = false;
  function fail(what, e) {
    if (!alive || e.status === 401) return;
    errors.set(what, describeError(what, e));
    const order = siteMissing ? [SITE_LOAD] : [SITE_LOAD, CHARTS_LOAD, EVENTS_LOAD];
    errorEl.textContent = order.map((k) => errors.get(k)).filter(Boolean).join('\n');
    errorEl.hidden = !errorEl.textContent;
  }

  function renderAlerts() {
    const open = [...alerts.values()].filter((a) => a.state === 'open' || a.state === 'acknowledged');
    render($('#site-alerts'), open.length
      ? html`${open.map((a) => alertItem(a, { canAck: ctx.canAck(), showSite: false }))}`
      : html`<li class="muted">No open alert.</li>`);
  }

  function renderWans() {
    const to = Date.now();
    render($('#site-wans'), html`${wanCards(detail ? detail.wans : [], metrics, to - RANGES[range], to)}`);
  }

  async function loadDetail() {
    try {
      detail = await api(`api/sites/${encodeURIComponent(id)}`);
      if (!alive) return;
      render($('#site-head'), head(detail));
      render($('#site-pair'), routerPair(detail));
      render($('#site-vrrp'), vrrpTable(detail.vrrp));
      alerts = new Map((detail.alerts || []).map((a) => [a.id, a]));
      renderAlerts();
      renderWans();
    } catch (e) {
      if (e.status === 404 && alive) {
        siteMissing = true;
        render($('#site-head'), html`<h1 id="site-title">${id}</h1><p>This site is not known to the collector.</p>`);
        $('.site-grid').hidden = true;
      }
      fail(SITE_LOAD, e);
    }
  }

  async function loadMetrics() {
    const to = Date.now();
    try {
      const r = await api(`api/sites/${encodeURIComponent(id)}/metrics${query({
        from: new Date(to - RANGES[range]).toISOString(), to: new Date(to).toISOString() })}`);
      if (!alive) return;
      metrics = r.wans || [];
      renderWans();
    } catch (e) { fail(CHARTS_LOAD, e); }
  }

  async function loadEvents(more) {
    const type = $('#tl-type').value;
    try {
      const r = await api(`api/sites/${encodeURIComponent(id)}/events${query({ limit: PAGE, type, before: more ? next : '' })}`);
      if (!alive) return;
      next = r.next || null;
      const items = html`${(r.events || []).map((ev) => eventItem(ev, false))}`;
      if (more) $('#site-timeline').insertAdjacentHTML('beforeend', items.text);
      else render($('#site-timeline'), (r.events || []).length ? items : html`<li class="muted">No event in this selection.</li>`);
      $('#tl-older').hidden = !next;
    } catch (e) { fail(EVENTS_LOAD, e); }
  }

  function typeMatches(type) {
    const f = $('#tl-type').value;
    return !f || (f.endsWith('.*') ? type.startsWith(f.slice(0, -1)) : type === f);
  }

  main.querySelector('.segmented').addEventListener('click', (e) => {
    const b = e.target.closest('button[data-range]');
    if (!b) return;
    range = b.dataset.range;
    for (const x of main.querySelectorAll('[data-range]')) x.setAttribute('aria-pressed', String(x === b));
    loadMetrics();
  });
  $('#tl-type').addEventListener('change', () => loadEvents(false));
  $('#tl-older').addEventListener('click', () => loadEvents(true));
  bindAck($('#site-alerts'), (a) => { alerts.set(a.id, a); renderAlerts(); });
  const commands = mountCommands($('.commands-panel'), id);

  const refresh = () => {
    errors.clear();
    errorEl.hidden = true;
    loadDetail();
    loadMetrics();
    loadEvents(false);
    commands.refresh();
  };
  loadDetail();
  loadMetrics();
  loadEvents(false);
  return {
    onSite(s) {
      if (s.site !== id) return;
      clearTimeout(detailTimer);
      detailTimer = setTimeout(loadDetail, 200);
    },
    onEvent(ev) {
      if (ev.site !== id || !typeMatches(ev.type)) return;
      const list = $('#site-timeline');
      if (list.querySelector(`[data-event="${CSS.escape(ev.id)}"]`)) return;
      const empty = list.querySelector('li.muted');
      if (empty) empty.remove();
      list.insertAdjacentHTML('afterbegin', eventItem(ev, true).text);
    },
    onAlert(a) {
      if (a.site !== id) return;
      if (a.state === 'resolved') alerts.delete(a.id); else alerts.set(a.id, a);
      renderAlerts();
    },
    onCommand: commands.onCommand,
    refresh,
    unmount() {
      alive = false;
      commands.unmount();
      clearInterval(metricsTimer);
      clearTimeout(detailTimer);
    },
  };
}
