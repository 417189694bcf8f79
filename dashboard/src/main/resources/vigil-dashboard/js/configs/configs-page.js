// The configuration history of one site (docs/config-history.md): a router's versions, two of them compared as a
// line diff with added and removed lines marked. Built with DOM calls only (the CSP forbids inline code and styles).
const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const site = params.get('site') || '';
let router = params.get('router') || '';

function node(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

async function getJson(path) {
  const r = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  const body = await r.json().catch(() => null);
  if (r.status === 401) throw new Error('Not logged in: log in on the dashboard first, then come back.');
  if (r.status === 403) throw new Error('Configurations are shown to operators and admins only.');
  if (!r.ok) throw new Error(body && body.error ? body.error : `HTTP ${r.status}`);
  return body;
}

function showError(message) {
  $('error').textContent = message;
  $('error').hidden = false;
  document.body.dataset.ready = 'error';
}

const base = () => `api/sites/${encodeURIComponent(site)}/configs`;
const routerBase = () => `${base()}/${encodeURIComponent(router)}`;
const when = (iso) => iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');

function radio(name, id, checked) {
  const input = node('input', { type: 'radio', name, value: String(id), 'aria-label': `${name} version ${id}` });
  input.checked = checked;
  return input;
}

function renderVersions(versions) {
  const body = $('versions').querySelector('tbody');
  body.replaceChildren();
  versions.forEach((v, i) => {
    body.append(node('tr', { 'data-version': String(v.id) },
      node('td', {}, radio('from', v.id, i === Math.min(1, versions.length - 1))),
      node('td', {}, radio('to', v.id, i === 0)),
      node('td', {}, `v${v.id}`),
      node('td', {}, node('time', { datetime: v.created_at }, when(v.created_at))),
      node('td', {}, node('time', { datetime: v.last_confirmed_at }, when(v.last_confirmed_at))),
      node('td', {}, `${v.bytes.toLocaleString('en')} bytes`),
      node('td', { class: 'sha', title: v.sha256 }, v.sha256.slice(0, 12)),
      node('td', {}, node('a', { href: `${routerBase()}/${v.id}`, target: '_blank', rel: 'noopener' }, 'text'))));
  });
}

function picked(name) {
  const input = document.querySelector(`input[name="${name}"]:checked`);
  return input ? input.value : null;
}

function renderDiff(diff) {
  const pre = $('diff');
  pre.replaceChildren();
  if (!diff.hunks.length) {
    pre.append(node('span', { class: 'diff-empty' }, `Versions ${diff.from} and ${diff.to} are the same.`));
  }
  const cls = { '+': 'diff-add', '-': 'diff-del', ' ': 'diff-same' };
  const words = { '+': 'added', '-': 'removed' };
  for (const hunk of diff.hunks) {
    pre.append(node('span', { class: 'diff-line diff-hunk' }, hunk.header));
    for (const line of hunk.lines) {
      const attrs = { class: `diff-line ${cls[line.op] || 'diff-same'}` };
      if (words[line.op]) attrs.title = words[line.op];
      pre.append(node('span', attrs, `${line.op}${line.text}`));
    }
  }
  $('diff-summary').textContent = `v${diff.from} → v${diff.to}: ${diff.added} added, ${diff.removed} removed`;
}

async function compare() {
  const from = picked('from');
  const to = picked('to');
  if (!from || !to) return;
  $('error').hidden = true;
  const q = new URLSearchParams({ site, router, from, to });
  history.replaceState(null, '', `?${q}`);
  try {
    renderDiff(await getJson(`${routerBase()}/diff?from=${from}&to=${to}&format=json`));
    document.body.dataset.ready = 'true';
  } catch (e) {
    showError(e.message);
  }
}

async function showRouter() {
  $('error').hidden = true;
  $('diff').replaceChildren();
  $('diff-summary').textContent = '';
  const { versions } = await getJson(routerBase());
  renderVersions(versions);
  const from = params.get('from');
  const to = params.get('to');
  for (const [name, value] of [['from', from], ['to', to]]) {
    const input = value && document.querySelector(`input[name="${name}"][value="${CSS.escape(value)}"]`);
    if (input) input.checked = true;
  }
  await compare();
}

async function boot() {
  $('back').setAttribute('href', `./#/sites/${encodeURIComponent(site)}`);
  $('title').textContent = `Configuration history of ${site}`;
  document.title = `Configurations of ${site} · Vigil`;
  $('compare').addEventListener('click', compare);
  $('router').addEventListener('change', () => {
    router = $('router').value;
    params.delete('from');
    params.delete('to');
    showRouter().catch((e) => showError(e.message));
  });
  try {
    const { routers } = await getJson(base());
    if (!routers.length) {
      $('diff').append(node('span', { class: 'diff-empty' }, 'No configuration has been received from this site yet.'));
      document.body.dataset.ready = 'empty';
      return;
    }
    for (const r of routers) {
      $('router').append(node('option', { value: r.router }, `${r.router} (${r.versions} ${r.versions === 1 ? 'version' : 'versions'})`));
    }
    if (!routers.some((r) => r.router === router)) router = routers[0].router;
    $('router').value = router;
    await showRouter();
  } catch (e) {
    showError(e.message);
  }
}

boot();
