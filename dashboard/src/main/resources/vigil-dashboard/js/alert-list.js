// Alert rows shared by the alerts page and the site page, with one delegated acknowledge handler.
import { api, describeError } from './api.js';
import { html } from './html.js';
import { clock, ago, severityClass } from './format.js';
import { showBanner } from './banner.js';

const STATE_LABELS = { open: 'Open', acknowledged: 'Acknowledged', resolved: 'Resolved' };

export function alertItem(a, { canAck, showSite }) {
  const sev = severityClass(a.severity);
  return html`<li class="alert-item sev-${sev} state-${STATE_LABELS[a.state] ? a.state : 'open'}" data-alert="${a.id}">
    <div class="alert-main">
      <span class="badge sev-${sev}">${a.severity}</span>
      <span class="alert-state">${STATE_LABELS[a.state] || a.state}</span>
      ${showSite ? html`<a class="alert-site" href="#/sites/${encodeURIComponent(a.site)}">${a.site}</a>` : ''}
      <strong class="alert-title">${a.title}</strong>
    </div>
    ${a.body ? html`<p class="alert-body">${a.body}</p>` : ''}
    <div class="alert-meta">
      <span>Opened <time datetime="${a.opened_at}" title="${a.opened_at}">${clock(a.opened_at)}</time> (${ago(a.opened_at)})</span>
      ${a.updated_at && a.updated_at !== a.opened_at ? html`<span>Updated ${clock(a.updated_at)}</span>` : ''}
      ${a.acknowledged_by ? html`<span>Acknowledged by ${a.acknowledged_by}</span>` : ''}
      ${a.muted_by ? html`<span class="tag alert-muted">Not sent: ${a.muted_by}</span>` : ''}
      ${canAck && a.state === 'open'
        ? html`<button type="button" class="ack" data-ack="${a.id}">Acknowledge<span class="sr-only"> ${a.title} at ${a.site}</span></button>`
        : ''}
    </div>
  </li>`;
}

/** One click listener on container; onAcked(alert) gets the updated alert from the collector. */
export function bindAck(container, onAcked) {
  container.addEventListener('click', async (e) => {
    const button = e.target.closest('button[data-ack]');
    if (!button || !container.contains(button)) return;
    button.disabled = true;
    button.textContent = 'Acknowledging…';
    try {
      const alert = await api(`api/alerts/${encodeURIComponent(button.dataset.ack)}/ack`, { method: 'POST' });
      onAcked(alert);
    } catch (err) {
      if (err.status === 401) return;
      showBanner(describeError('Acknowledge refused', err));
      button.disabled = false;
      button.textContent = 'Acknowledge';
    }
  });
}
