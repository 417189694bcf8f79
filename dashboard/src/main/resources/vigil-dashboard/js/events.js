// Turns a stored event into a timeline entry: a headline and the facts that matter for its type.
import { html } from './html.js';
import { duration } from './format.js';
import { EventTypes } from './event-types.js';

const CAUSES = {
  preemption: 'preemption (a higher-priority router took over)',
  resignation: 'resignation (the old master gave up, priority 0)',
  silence: 'silence (the old master stopped sending adverts)',
};

function fact(label, value) {
  if (value === undefined || value === null || value === '') return '';
  return html`<div class="fact"><dt>${label}</dt><dd>${typeof value === 'object' ? JSON.stringify(value) : value}</dd></div>`;
}

function list(values) {
  return Array.isArray(values) ? values.join(', ') : values;
}

const DESCRIBERS = {
  [EventTypes.VRRP_MASTER_CHANGED]: (d) => ({
    kind: 'failover',
    title: html`Failover: master ${d.previous ?? '?'} → ${d.master ?? '?'}${d.gap_ms != null
      ? html` in <strong class="gap">${duration(d.gap_ms)}</strong>` : ''}`,
    facts: [fact('Why', CAUSES[d.cause] || d.cause), fact('Took', duration(d.gap_ms)),
      fact('Priority', d.previous_priority != null ? `${d.previous_priority} → ${d.priority}` : d.priority)],
  }),
  [EventTypes.VRRP_MASTER_ELECTED]: (d) => ({
    kind: 'vrrp', title: html`Master elected: ${d.master ?? '?'}`,
    facts: [fact('Priority', d.priority), fact('Interval', duration(d.interval_ms)), fact('VIP', list(d.addresses))],
  }),
  [EventTypes.VRRP_MASTER_LOST]: (d) => ({
    kind: 'down', title: html`No master: ${d.previous ?? 'the master'} went silent`,
    facts: [fact('Silent for', duration(d.silence_ms)), fact('Master down interval', duration(d.master_down_ms))],
  }),
  [EventTypes.VRRP_SPLIT_BRAIN]: (d) => ({
    kind: 'down', title: html`Split brain: two masters at once`, facts: [fact('Masters', list(d.sources))],
  }),
  [EventTypes.VRRP_SPLIT_BRAIN_CLEARED]: (d) => ({
    kind: 'vrrp', title: html`Split brain cleared`,
    facts: [fact('Lasted', duration(d.duration_ms)), fact('Masters were', list(d.sources))],
  }),
  [EventTypes.VRRP_PRIORITY_CHANGED]: (d) => ({
    kind: 'vrrp', title: html`Priority of ${d.source ?? '?'}: ${d.previous_priority ?? '?'} → ${d.priority ?? '?'}`,
    facts: [],
  }),
  [EventTypes.VRRP_CONFIG_MISMATCH]: (d) => ({
    kind: 'warn', title: html`Settings differ between the routers: ${d.field ?? '?'}`,
    facts: [fact('Values', d.values)],
  }),
  [EventTypes.VRRP_FLAPPING]: (d) => ({
    kind: 'warn', title: html`Master flapping: ${d.changes ?? '?'} changes in ${d.window_s ?? '?'} s`, facts: [],
  }),
  [EventTypes.WAN_DOWN]: (d) => wan('down', d),
  [EventTypes.WAN_DEGRADED]: (d) => wan('degraded', d),
  [EventTypes.WAN_UP]: (d) => wan('up', d),
  [EventTypes.ACTION_EXECUTED]: (d) => action(d, d.dry_run ? 'Dry run' : 'Action'),
  [EventTypes.ACTION_FAILED]: (d) => action(d, 'Action failed'),
  [EventTypes.ACTION_SKIPPED]: (d) => ({
    kind: 'action', title: html`Action skipped: ${d.action ?? '?'} on ${d.router ?? '?'}`,
    facts: [fact('Rule', d.rule), fact('Reason', d.reason)],
  }),
  [EventTypes.ROUTER_UNREACHABLE]: (d) => ({
    kind: 'down', title: html`Router ${d.router ?? '?'} unreachable`, facts: [fact('Address', d.address), fact('Error', d.error)],
  }),
  [EventTypes.ROUTER_REACHABLE]: (d) => ({
    kind: 'up', title: html`Router ${d.router ?? '?'} reachable`, facts: [fact('Address', d.address), fact('Version', d.version)],
  }),
};

function wan(state, d) {
  return {
    kind: state === 'up' ? 'up' : state === 'down' ? 'down' : 'warn',
    title: html`WAN ${d.wan ?? '?'} ${state}${d.previous ? html` (was ${d.previous})` : ''}`,
    facts: [fact('Reason', d.reason), fact('Loss', d.loss_pct != null ? `${d.loss_pct} %` : ''),
      fact('RTT', d.rtt_ms != null ? `${d.rtt_ms} ms` : ''), fact('Down for', duration(d.down_for_ms))],
  };
}

function action(d, label) {
  return {
    kind: 'action',
    title: html`${label}: ${d.action ?? '?'} ${d.target ?? ''} on ${d.router ?? '?'}`,
    facts: [fact('Before → after', d.before != null || d.after != null
      ? `${fmt(d.before)} → ${fmt(d.after)}` : ''), fact('Rule', d.rule), fact('Error', d.error),
    fact('Rolled back', d.rolled_back == null ? '' : d.rolled_back ? 'yes' : 'no')],
  };
}

function fmt(v) {
  if (v === undefined || v === null) return '—';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export function describeEvent(event) {
  const d = event.data && typeof event.data === 'object' ? event.data : {};
  const describer = DESCRIBERS[event.type];
  if (describer) return describer(d);
  const facts = Object.entries(d).slice(0, 8).map(([k, v]) => fact(k, v));
  return { kind: 'other', title: html`${event.type}`, facts };
}
