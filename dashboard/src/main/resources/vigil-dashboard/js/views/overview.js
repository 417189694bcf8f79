// Sites overview: every site as one row, worst first. The list is rebuilt with one innerHTML assignment; a live
// change that keeps a row in place patches just that row. One delegated listener, none per row.
import { api, describeError } from '../api.js';
import { esc, html, render } from '../html.js';
import { STATUSES, statusLabel, statusClass, compareSites, ago, wanLabel, severityClass } from '../format.js';

const filters = { q: '', status: '', tag: '' };
const FULL_RENDER_IDLE_FACTOR = 2; // kept while the user visits other pages

// Plain string building with esc(): this runs 5,000 times per full render.
function wanCell(wans) {
  if (!wans || !wans.length) return '<span class="muted">—</span>';
  let out = '';
  for (const w of wans) {
    const st = wanLabel(w.state);
    out += `<span class="wan wan-${st}">${esc(w.name)} ${st}</span>`;
  }
  return out;
}

function row(s) {
  const st = statusClass(s.status);
  const id = esc(s.site);
  let tags = '';
  for (const t of s.tags || []) tags += ` <span class="tag">${esc(t)}</span>`;
  const alerts = s.open_alerts
    ? `<span class="alerts-n sev-${severityClass(s.worst_severity)}">${esc(s.open_alerts)} open</span>`
    : '<span class="muted">none</span>';
  return `<div class="site-row st-${st}" role="row" data-site="${id}">`
    + `<span role="cell" class="c-status"><span class="badge st-${st}">${statusLabel(st)}</span></span>`
    + `<span role="cell" class="c-site"><a href="#/sites/${esc(encodeURIComponent(s.site))}">${id}</a>${tags}</span>`
    + `<span role="cell" class="c-master">${esc(s.master || '—')}</span>`
    + `<span role="cell" class="c-wans">${wanCell(s.wans)}</span>`
    + `<span role="cell" class="c-seen"><time datetime="${esc(s.last_seen || '')}" data-rel>${ago(s.last_seen)}</time></span>`
    + `<span role="cell" class="c-alerts">${alerts}</span></div>`;
}

// Marks for tests and benchmarks: list laid out, and the frame after it painted (ms since navigation start).
function markFirstRender() {
  if (window.vigilOverviewRendered) return;
  document.body.offsetHeight; // eslint-disable-line no-unused-expressions -- forces layout before the mark
  window.vigilOverviewRendered = performance.now();
  requestAnimationFrame(() => setTimeout(() => { window.vigilPaintedAt = performance.now(); }, 0));
}

// Rows go into groups of CHUNK so that off-screen groups skip style and layout as a whole (content-visibility).
const CHUNK = 100;
function chunks(list) {
  let out = '';
  for (let i = 0; i < list.length; i += CHUNK) {
    const n = Math.min(CHUNK, list.length - i);
    out += '<div class="chunk" role="rowgroup">'; // no inline style: the page works under a strict CSP
    for (let j = i; j < i + n; j++) out += row(list[j]);
    out += '</div>';
  }
  return out;
}

function matches(s, q, status, tag) {
  if (status && s.status !== status) return false;
  if (tag && !(s.tags || []).includes(tag)) return false;
  if (!q) return true;
  if (s.site.toLowerCase().includes(q)) return true;
  if (s.master && String(s.master).toLowerCase().includes(q)) return true;
  return (s.tags || []).some((t) => String(t).toLowerCase().includes(q));
}

export function mountOverview(main, ctx) {
  render(main, html`<section class="overview" aria-labelledby="overview-title">
    <div class="page-head">
      <h1 id="overview-title">Sites</h1>
      <p id="site-summary" class="summary"></p>
    </div>
    <form class="toolbar" role="search">
      <div class="field grow"><label for="site-search">Search</label>
        <input id="site-search" type="search" placeholder="Site, tag or master address" value="${filters.q}"></div>
      <div class="field"><label for="status-filter">Status</label>
        <select id="status-filter"><option value="">All statuses</option>
          ${STATUSES.map((s) => html`<option value="${s}">${statusLabel(s)}</option>`)}</select></div>
      <div class="field"><label for="tag-filter">Customer / tag</label>
        <select id="tag-filter"><option value="">All tags</option></select></div>
    </form>
    <div id="overview-error" class="inline-error" role="alert" hidden></div>
    <div class="site-table" role="table" aria-label="Sites, worst status first" aria-busy="true">
      <div class="site-row site-head" role="row">
        <span role="columnheader">Status</span><span role="columnheader">Site</span><span role="columnheader">Master</span>
        <span role="columnheader">WANs</span><span role="columnheader">Last seen</span><span role="columnheader">Open alerts</span>
      </div>
      <div id="site-rows"><p class="loading">Loading sites…</p></div>
    </div>
  </section>`);

  const rowsEl = main.querySelector('#site-rows');
  const table = main.querySelector('.site-table');
  const search = main.querySelector('#site-search');
  const statusSel = main.querySelector('#status-filter');
  const tagSel = main.querySelector('#tag-filter');
  const summary = main.querySelector('#site-summary');
  const errorEl = main.querySelector('#overview-error');
  statusSel.value = filters.status;

  const sites = new Map();
  let tags = [];
  let rowIndex = null; // site -> row element, built lazily after a full render
  let shown = new Set();
  const pending = new Set();
  let frame = 0;
  let lastFull = -Infinity;
  let lastFullCost = 0;
  let fullTimer = 0;
  let searchTimer = 0;
  let clockTimer = 0;
  let alive = true;

  function refreshTags() {
    const all = new Set();
    for (const s of sites.values()) for (const t of s.tags || []) all.add(String(t));
    const next = [...all].sort();
    if (next.join('\u0000') === tags.join('\u0000')) return;
    tags = next;
    render(tagSel, html`<option value="">All tags</option>${tags.map((t) => html`<option value="${t}">${t}</option>`)}`);
    tagSel.value = tags.includes(filters.tag) ? filters.tag : '';
  }

  function fullRender() {
    lastFull = performance.now();
    try {
      build();
    } finally {
      lastFullCost = performance.now() - lastFull;
    }
  }

  function build() {
    const q = filters.q.trim().toLowerCase();
    const list = [];
    const counts = {};
    for (const s of sites.values()) {
      counts[s.status] = (counts[s.status] || 0) + 1;
      if (matches(s, q, filters.status, filters.tag)) list.push(s);
    }
    list.sort(compareSites);
    shown = new Set(list.map((s) => s.site));
    rowIndex = null;
    const built = list.length ? chunks(list) : null;
    if (list.length) rowsEl.innerHTML = built; // every value inside went through esc()
    else render(rowsEl, html`<p class="empty">${sites.size ? 'No site matches these filters.' : 'The collector knows no sites yet.'}</p>`);
    const parts = STATUSES.filter((s) => counts[s]).map((s) => `${counts[s]} ${statusLabel(s).toLowerCase()}`);
    summary.textContent = `${list.length === sites.size ? sites.size : `${list.length} of ${sites.size}`} sites`
      + (parts.length ? ` · ${parts.join(' · ')}` : '');
    table.setAttribute('aria-busy', 'false');
    main.dataset.rendered = String(list.length);
    markFirstRender();
  }

  function flush() {
    frame = 0;
    const q = filters.q.trim().toLowerCase();
    let needFull = false;
    for (const name of pending) {
      const s = sites.get(name);
      const visible = matches(s, q, filters.status, filters.tag);
      if (visible !== shown.has(name)) { needFull = true; break; }
      if (!visible) continue;
      if (!rowIndex) rowIndex = new Map([...rowsEl.querySelectorAll('[data-site]')].map((el) => [el.dataset.site, el]));
      const el = rowIndex.get(name);
      if (!el || !el.classList.contains(`st-${statusClass(s.status)}`)) { needFull = true; break; }
      const tpl = document.createElement('template');
      tpl.innerHTML = row(s);
      const fresh = tpl.content.firstElementChild;
      el.replaceWith(fresh);
      rowIndex.set(name, fresh);
    }
    pending.clear();
    if (!needFull) return;
    // A full rebuild of thousands of rows costs a few hundred ms: under a storm of changes leave the page at least
    // twice that long to breathe between rebuilds. Small lists rebuild at once.
    const wait = lastFull + FULL_RENDER_IDLE_FACTOR * lastFullCost - performance.now();
    if (wait <= 0) fullRender();
    else if (!fullTimer) fullTimer = setTimeout(() => { fullTimer = 0; fullRender(); }, wait);
  }

  async function load() {
    try {
      const { sites: list } = await ctx.fetchOnce('api/sites');
      if (!alive) return;
      sites.clear();
      for (const s of list) sites.set(s.site, s);
      errorEl.hidden = true;
      refreshTags();
      fullRender();
    } catch (e) {
      if (!alive || e.status === 401) return;
      errorEl.textContent = describeError('Could not load the sites', e);
      errorEl.hidden = false;
      render(rowsEl, html`<p class="empty">Sites are not available right now.</p>`);
      table.setAttribute('aria-busy', 'false');
    }
  }

  main.querySelector('.toolbar').addEventListener('submit', (e) => e.preventDefault());
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => { filters.q = search.value; fullRender(); }, 120);
  });
  statusSel.addEventListener('change', () => { filters.status = statusSel.value; fullRender(); });
  tagSel.addEventListener('change', () => { filters.tag = tagSel.value; fullRender(); });
  clockTimer = setInterval(() => {
    const now = Date.now();
    for (const t of rowsEl.querySelectorAll('time[data-rel]')) t.textContent = ago(t.getAttribute('datetime'), now);
  }, 30000);

  load();
  return {
    onSite(s) {
      if (!s || !s.site) return;
      const isNew = !sites.has(s.site);
      sites.set(s.site, s);
      if (isNew || (s.tags || []).some((t) => !tags.includes(String(t)))) refreshTags();
      pending.add(s.site);
      if (!frame) frame = requestAnimationFrame(flush);
    },
    refresh: load,
    unmount() {
      alive = false;
      clearTimeout(searchTimer);
      clearInterval(clockTimer);
      if (frame) cancelAnimationFrame(frame);
      clearTimeout(fullTimer);
    },
  };
}
