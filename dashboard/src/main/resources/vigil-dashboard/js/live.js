// The live connection: one EventSource on /api/stream, a visible state, and a manual reconnect with backoff when
// the browser gives up (it does so on any non-200 answer).
import { api, ApiError } from './api.js';

const BACKOFF_START_MS = 1000;
const BACKOFF_MAX_MS = 30000;
const LABELS = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', stopped: 'Not connected' };

export class LiveStream {
  constructor(indicator, handlers) {
    this.indicator = indicator;
    this.handlers = handlers;
    this.source = null;
    this.timer = null;
    this.backoff = BACKOFF_START_MS;
    this.hadError = false;
    this.state = null;
  }

  start() {
    this.stopped = false;
    this.setState('connecting');
    this.open();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.source) this.source.close();
    this.source = null;
    this.setState('stopped');
  }

  open() {
    const source = new EventSource('api/stream');
    this.source = source;
    source.onopen = () => {
      this.backoff = BACKOFF_START_MS;
      this.setState('live');
      if (this.hadError) this.handlers.onResync();
      this.hadError = false;
    };
    source.onerror = () => this.failed(source);
    for (const name of ['site', 'event', 'alert', 'command']) {
      source.addEventListener(name, (e) => this.deliver(name, e.data));
    }
  }

  deliver(name, data) {
    let payload;
    try { payload = JSON.parse(data); } catch (e) { return; }
    const handler = { site: this.handlers.onSite, event: this.handlers.onEvent, alert: this.handlers.onAlert,
      command: this.handlers.onCommand }[name];
    handler(payload);
  }

  async failed(source) {
    if (this.stopped || source !== this.source) return;
    this.hadError = true;
    this.setState('reconnecting');
    try {
      await api('api/me');
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return; // api() already told the app; it stops us
    }
    if (this.stopped || source !== this.source || source.readyState !== EventSource.CLOSED) return;
    const delay = this.backoff * (0.75 + Math.random() * 0.5);
    this.backoff = Math.min(this.backoff * 2, BACKOFF_MAX_MS);
    this.timer = setTimeout(() => { if (!this.stopped) this.open(); }, delay);
  }

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.indicator.dataset.state = state;
    this.indicator.querySelector('.live-text').textContent = LABELS[state];
  }
}
