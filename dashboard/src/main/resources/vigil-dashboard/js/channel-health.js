// A banner on every page while a notification channel keeps failing: people must know alerts may not reach them.
import { api } from './api.js';
import { html, render } from './html.js';

const CHECK_MS = 60000;
let timer = 0;

export async function refreshChannelHealth() {
  const el = document.getElementById('channel-banner');
  try {
    const { channels } = await api('api/channels', { quiet401: true });
    const failing = channels.filter((c) => c.health && c.health.state === 'failing');
    if (!failing.length) {
      el.hidden = true;
      return;
    }
    render(el, html`<span class="banner-text">${failing.length === 1 ? 'A notification channel is failing'
      : `${failing.length} notification channels are failing`}: alerts may not reach people.
      ${failing.map((c) => html`<span class="failing-channel" data-failing="${c.id}"><b>${c.name}</b>
        (${c.health.consecutive_failures} failed attempts, last: ${c.health.last_detail})</span>`)}
      <a href="#/channels">Channels</a></span>`);
    el.hidden = false;
  } catch (e) { /* the next check tries again */ }
}

export function watchChannelHealth() {
  clearInterval(timer);
  refreshChannelHealth();
  timer = setInterval(refreshChannelHealth, CHECK_MS);
}

export function stopChannelHealth() {
  clearInterval(timer);
  document.getElementById('channel-banner').hidden = true;
}
