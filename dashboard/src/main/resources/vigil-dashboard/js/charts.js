// Hand-drawn SVG time series: one path per unbroken run of values, axis labels in HTML so text never stretches.
import { html } from './html.js';
import { clock, number } from './format.js';

const W = 600;
const H = 120;

function niceMax(v) {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function paths(points, key, from, to, max) {
  const span = Math.max(1, to - from);
  const runs = [];
  let run = [];
  for (const p of points) {
    const t = Date.parse(p.time);
    const v = p[key];
    if (v === null || v === undefined || Number.isNaN(t)) {
      if (run.length) runs.push(run);
      run = [];
      continue;
    }
    const x = ((t - from) / span) * W;
    const y = H - (Math.min(v, max) / max) * H;
    run.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  }
  if (run.length) runs.push(run);
  return runs.map((r) => (r.length === 1 ? `M${r[0]}h2` : `M${r.join('L')}`)).join(' ');
}

function stats(points, key) {
  const values = points.map((p) => p[key]).filter((v) => v !== null && v !== undefined);
  if (!values.length) return null;
  const sum = values.reduce((a, b) => a + b, 0);
  return { min: Math.min(...values), max: Math.max(...values), avg: sum / values.length, last: values[values.length - 1] };
}

/** A labelled chart of points[key] between from and to (epoch ms); fixedMax pins the scale (loss: 100). */
export function timeChart({ points, key, title, unit, from, to, fixedMax, tone }) {
  const s = stats(points, key);
  const max = fixedMax ?? niceMax(s ? s.max * 1.1 : 1);
  const summary = s
    ? `${title}: latest ${number(s.last, 1)} ${unit}, min ${number(s.min, 1)}, average ${number(s.avg, 1)}, max ${number(s.max, 1)} ${unit}`
    : `${title}: no data in this range`;
  const d = paths(points, key, from, to, max);
  return html`<figure class="chart chart-${tone}">
    <figcaption><span>${title}</span><span class="chart-now">${s ? `${number(s.last, 1)} ${unit}` : 'no data'}</span></figcaption>
    <div class="chart-plot">
      <span class="chart-max">${number(max, max < 10 ? 1 : 0)} ${unit}</span>
      <svg viewBox="0 0 ${W} ${H}" preserveAspectRatio="none" role="img" aria-label="${summary}">
        <line class="grid" x1="0" y1="${H / 2}" x2="${W}" y2="${H / 2}" vector-effect="non-scaling-stroke"/>
        <line class="grid" x1="0" y1="${H}" x2="${W}" y2="${H}" vector-effect="non-scaling-stroke"/>
        ${d ? html`<path d="${d}" vector-effect="non-scaling-stroke"/>` : ''}
      </svg>
      ${s ? '' : html`<span class="chart-empty">No data in this range</span>`}
    </div>
    <div class="chart-axis"><span>${clock(new Date(from).toISOString())}</span><span>${clock(new Date(to).toISOString())}</span></div>
  </figure>`;
}
