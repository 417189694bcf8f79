// Horizontal bar charts in plain SVG (no library, no inline styles): one bar per row, value labels as SVG text.
const NS = 'http://www.w3.org/2000/svg';

function el(name, attrs, text) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * rows: [{label, value, text, cls}] with value in [0, max]. Returns an <svg> that scales with its container and
 * prints as vectors.
 */
export function barChart(rows, { max = 100, title = '' } = {}) {
  const rowH = 28;
  const labelW = 170;
  const barW = 380;
  const width = labelW + barW + 90;
  const height = rows.length * rowH + 8;
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': title });
  svg.appendChild(el('title', {}, title));
  rows.forEach((r, i) => {
    const y = i * rowH + 4;
    svg.appendChild(el('text', { x: 0, y: y + 17, class: 'chart-label' }, r.label));
    svg.appendChild(el('rect', { x: labelW, y, width: barW, height: rowH - 8, class: 'chart-track' }));
    const w = Math.max(0, Math.min(1, (r.value ?? 0) / max)) * barW;
    svg.appendChild(el('rect', { x: labelW, y, width: w.toFixed(1), height: rowH - 8, class: `chart-bar ${r.cls || ''}` }));
    svg.appendChild(el('text', { x: labelW + barW + 8, y: y + 17, class: 'chart-value' }, r.text));
  });
  return svg;
}
