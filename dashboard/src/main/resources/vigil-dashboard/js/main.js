// Boot, session and hash routing. Views get a context (who is logged in, the live site/alert caches) and are told
// about live changes while mounted.
import { api, onUnauthorized, describeError } from './api.js';
import { LiveStream } from './live.js';
import { showBanner, clearBanner } from './banner.js';
import { mountLogin } from './views/login.js';
import { mountOverview } from './views/overview.js';
import { mountSite } from './views/site.js';
import { mountAlerts } from './views/alerts.js';
import { mountChannels } from './views/channels.js';
import { mountDeliveries } from './views/deliveries.js';
import { watchChannelHealth, stopChannelHealth } from './channel-health.js';
import { mountNotify } from './views/notify.js';
import { mountAccounts } from './views/accounts.js';
import { mountSecurity } from './views/security.js';
import { mountAudit } from './views/audit.js';

const main = document.getElementById('main');
const topbar = document.getElementById('topbar');
const channel = 'BroadcastChannel' in window ? new BroadcastChannel('vigil-session') : null;

const ctx = {
  me: null,
  canAck: () => ctx.me && (ctx.me.role === 'operator' || ctx.me.role === 'admin'),
  openAlerts: new Map(),
  prefetched: new Map(), // path -> promise started at boot, used once
  fetchOnce(path) {
    const early = ctx.prefetched.get(path);
    ctx.prefetched.delete(path);
    return early || api(path);
  },
};

let live = null;
let view = null;

function setUser(me) {
  ctx.me = me;
  document.getElementById('user-name').textContent = me.username;
  document.getElementById('user-role').textContent = me.role;
  document.body.dataset.role = me.role;
  document.getElementById('nav-accounts').hidden = me.role !== 'admin';
  // channels and deliveries are the MSP's configuration: the API answers 403 to a customer's users
  for (const link of document.querySelectorAll('[data-staff]')) link.hidden = Boolean(me.customer);
}

function updateAlertCount() {
  const n = ctx.openAlerts.size;
  const badge = document.getElementById('nav-alert-count');
  badge.textContent = String(n);
  badge.hidden = n === 0;
  document.getElementById('nav-alert-words').textContent = n ? ' open' : '';
}

async function loadOpenAlerts() {
  try {
    const { alerts } = await api('api/alerts?state=open');
    ctx.openAlerts = new Map(alerts.map((a) => [a.id, a]));
    updateAlertCount();
  } catch (e) {
    if (e.status !== 401) showBanner(describeError('Could not load open alerts', e));
  }
}

function onAlert(alert) {
  if (alert.state === 'open') ctx.openAlerts.set(alert.id, alert);
  else ctx.openAlerts.delete(alert.id);
  updateAlertCount();
  view?.onAlert?.(alert);
}

const TITLES = { sites: 'Sites', alerts: 'Alerts', accounts: 'Accounts', security: 'Two-factor sign-in', channels: 'Channels', deliveries: 'Deliveries', notify: 'Notifications', audit: 'Audit log' };

async function totpEnabled() {
  try {
    const me = await api('api/me');
    setUser(me);
    location.hash = '#/sites';
    startLive();
    route();
  } catch (e) {
    if (e.status !== 401) showBanner(describeError('Could not reload your account', e));
  }
}

function route(e) {
  if (!ctx.me) return;
  view?.unmount?.();
  clearBanner();
  const hash = location.hash || '#/sites';
  const site = /^#\/sites\/(.+)$/.exec(hash);
  let name;
  if (ctx.me.totp_setup_required || hash.startsWith('#/security')) {
    name = 'security';
    view = mountSecurity(main, ctx, totpEnabled);
  } else if (site) {
    name = 'site';
    view = mountSite(main, ctx, decodeURIComponent(site[1]));
  } else if (hash.startsWith('#/accounts') && ctx.me.role === 'admin') {
    name = 'accounts';
    view = mountAccounts(main, ctx);
  } else if (hash.startsWith('#/alerts')) {
    name = 'alerts';
    view = mountAlerts(main, ctx);
  } else if (hash.startsWith('#/channels')) {
    name = 'channels';
    view = mountChannels(main, ctx);
  } else if (hash.startsWith('#/deliveries')) {
    name = 'deliveries';
    view = mountDeliveries(main, ctx);
  } else if (hash.startsWith('#/audit')) {
    name = 'audit';
    view = mountAudit(main, ctx);
  } else if (hash.startsWith('#/notify')) {
    name = 'notify';
    view = mountNotify(main, ctx);
  } else {
    name = 'sites';
    view = mountOverview(main, ctx);
  }
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.body.dataset.view = name;
  document.title = `${site ? decodeURIComponent(site[1]) : TITLES[name]} · Vigil`;
  if (e) main.focus({ preventScroll: true }); // a screen reader starts reading the new page
}

function startLive() {
  if (live || ctx.me.totp_setup_required) return; // the stream and alerts need the second factor first
  live = new LiveStream(document.getElementById('live'), {
    onSite: (s) => view?.onSite?.(s),
    onEvent: (e) => view?.onEvent?.(e),
    onAlert,
    onCommand: (c) => view?.onCommand?.(c),
    onResync: () => { loadOpenAlerts(); view?.refresh?.(); },
  });
  live.start();
  loadOpenAlerts();
  if (!ctx.me.customer) watchChannelHealth();
}

function startApp(me) {
  setUser(me);
  topbar.hidden = false;
  startLive();
  route();
}

function showLogin(message) {
  live?.stop();
  live = null;
  stopChannelHealth();
  view?.unmount?.();
  view = null;
  ctx.me = null;
  ctx.openAlerts = new Map();
  topbar.hidden = true;
  delete document.body.dataset.role;
  ctx.prefetched.clear();
  document.body.dataset.view = 'login';
  document.title = 'Sign in · Vigil';
  clearBanner();
  mountLogin(main, message, (me) => {
    channel?.postMessage({ type: 'login' });
    startApp(me);
  });
}

onUnauthorized(() => { if (ctx.me) showLogin('Your session has ended. Please log in again.'); });

channel?.addEventListener('message', (e) => {
  if (e.data?.type === 'logout' && ctx.me) showLogin('You were logged out in another tab.');
});

document.getElementById('logout').addEventListener('click', async () => {
  try { await api('api/logout', { method: 'POST', quiet401: true }); } catch (e) { /* already gone */ }
  channel?.postMessage({ type: 'logout' });
  showLogin('You are logged out.');
});

window.addEventListener('hashchange', route);

// A session can end while the page sits idle with the stream open: ask now and then, and when the tab comes back.
const SESSION_CHECK_MS = 60000;
const checkSession = () => { if (ctx.me) api('api/me').catch(() => {}); };
setInterval(checkSession, SESSION_CHECK_MS);
document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') checkSession(); });

async function boot() {
  if (!location.hash || location.hash === '#/sites') {
    // The overview is the usual first page: ask for the sites while the session is checked.
    const early = api('api/sites', { quiet401: true });
    early.catch(() => {});
    ctx.prefetched.set('api/sites', early);
  }
  try {
    const me = await api('api/me', { quiet401: true });
    startApp(me);
  } catch (e) {
    if (e.status === 401) showLogin();
    else {
      showLogin();
      showBanner(describeError('Could not reach the collector', e));
    }
  }
}

boot();
