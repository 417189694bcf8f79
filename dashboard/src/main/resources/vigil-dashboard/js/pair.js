// The router pair drawn as SVG: the virtual IP on top, a solid line to the master, a dashed one to the backup.
import { html } from './html.js';

const WIDE = 640;
const NARROW = 400; // phones: a narrower drawing keeps the text readable once scaled down
const H = 236;

function cut(text, n) {
  const s = String(text ?? '');
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function routersOf(detail) {
  const routers = Array.isArray(detail.routers) ? detail.routers.slice(0, 4) : [];
  if (routers.length) {
    return routers.map((r) => ({
      ...r,
      role: r.reachable === false ? 'unreachable'
        : r.role === 'master' || (r.address && r.address === detail.master) ? 'master'
          : r.role === 'backup' ? 'backup' : r.role || 'unknown',
    }));
  }
  if (detail.master) return [{ name: 'master', address: detail.master, role: 'master' }];
  return [];
}

function vipOf(detail) {
  for (const g of detail.vrrp || []) if (Array.isArray(g.addresses) && g.addresses.length) return g.addresses.join(', ');
  return null;
}

const ROLE_LABEL = { master: 'MASTER', backup: 'BACKUP', unreachable: 'UNREACHABLE', unknown: 'UNKNOWN' };

export function routerPair(detail) {
  const routers = routersOf(detail);
  const vip = vipOf(detail);
  if (!routers.length) return html`<p class="muted">No router has been reported for this site yet.</p>`;
  const W = window.matchMedia('(max-width: 760px)').matches ? NARROW : WIDE;
  const chars = W === NARROW ? 18 : 26;
  const slot = W / routers.length;
  const boxW = Math.min(250, slot - 16);
  const describe = routers.map((r) => `${r.name}${r.address ? ` (${r.address})` : ''} is ${ROLE_LABEL[r.role] ? r.role : 'unknown'}`
    + `${r.priority != null ? `, priority ${r.priority}` : ''}`).join('; ');
  const label = `Router pair: ${describe}. Virtual IP ${vip || 'unknown'}.`;
  return html`<svg class="pair" viewBox="0 0 ${W} ${H}" role="img" aria-label="${label}">
    <rect class="vip" x="${W / 2 - Math.min(140, W / 2 - 10)}" y="6" width="${Math.min(280, W - 20)}" height="46" rx="23"/>
    <text class="vip-text" x="${W / 2}" y="35" text-anchor="middle">VIP ${cut(vip || 'unknown', chars + 2)}</text>
    ${routers.map((r, i) => {
      const cx = slot * i + slot / 2;
      const role = ROLE_LABEL[r.role] ? r.role : 'unknown';
      return html`<g class="router role-${role}">
        <line class="link" x1="${W / 2}" y1="52" x2="${cx}" y2="116"/>
        <rect x="${cx - boxW / 2}" y="116" width="${boxW}" height="112" rx="10"/>
        <text class="role" x="${cx}" y="146" text-anchor="middle">${ROLE_LABEL[role]}</text>
        <text class="name" x="${cx}" y="172" text-anchor="middle">${cut(r.name, chars)}</text>
        <text class="addr" x="${cx}" y="194" text-anchor="middle">${cut(r.address || '', chars + 2)}</text>
        <text class="prio" x="${cx}" y="216" text-anchor="middle">${r.priority != null ? `priority ${r.priority}` : ''}${r.cpu_pct != null ? ` · cpu ${Math.round(r.cpu_pct)} %` : ''}</text>
      </g>`;
    })}
  </svg>`;
}
