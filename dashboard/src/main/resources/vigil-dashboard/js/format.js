// Wording and ordering shared by every view.
export const STATUSES = ['offline', 'down', 'degraded', 'failed_over', 'ok', 'unknown'];

const STATUS_LABELS = {
  offline: 'Offline', down: 'Down', degraded: 'Degraded', failed_over: 'Failed over', ok: 'OK', unknown: 'Unknown',
};

export function statusLabel(status) { return STATUS_LABELS[status] || String(status || 'Unknown'); }
export function statusClass(status) { return STATUS_LABELS[status] ? status : 'unknown'; }
export function statusRank(status) {
  const i = STATUSES.indexOf(status);
  return i < 0 ? STATUSES.length : i;
}

const SEVERITY_RANK = { critical: 0, warning: 1, info: 2 };
export function severityRank(severity) { return SEVERITY_RANK[severity] ?? 3; }
export function severityClass(severity) { return severity in SEVERITY_RANK ? severity : 'info'; }

/** Worst first, then name: the collector's order, kept for live updates. */
export function compareSites(a, b) {
  return statusRank(a.status) - statusRank(b.status) || (a.site < b.site ? -1 : a.site > b.site ? 1 : 0);
}

export function parseTime(t) {
  if (!t) return NaN;
  return Date.parse(t);
}

export function ago(t, now = Date.now()) {
  const ms = now - parseTime(t);
  if (Number.isNaN(ms)) return 'never';
  const s = Math.round(ms / 1000);
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min ago`;
  return `${Math.floor(s / 86400)} d ago`;
}

export function clock(t) {
  const ms = parseTime(t);
  if (Number.isNaN(ms)) return '—';
  const d = new Date(ms);
  const pad = (n) => String(n).padStart(2, '0');
  const today = new Date();
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  if (d.toDateString() === today.toDateString()) return time;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
}

export function duration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(Number(ms))) return '';
  const v = Number(ms);
  if (v < 1000) return `${Math.round(v)} ms`;
  if (v < 60000) return `${(v / 1000).toFixed(v < 10000 ? 1 : 0)} s`;
  if (v < 3600000) return `${Math.floor(v / 60000)} min ${Math.round((v % 60000) / 1000)} s`;
  return `${Math.floor(v / 3600000)} h ${Math.round((v % 3600000) / 60000)} min`;
}

export function number(v, digits = 0) {
  if (v === null || v === undefined || Number.isNaN(Number(v))) return '—';
  return Number(v).toFixed(digits);
}

export function wanLabel(state) {
  return { up: 'up', degraded: 'degraded', down: 'down', unknown: 'unknown' }[state] || 'unknown';
}
