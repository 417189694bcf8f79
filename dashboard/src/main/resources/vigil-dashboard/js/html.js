// Safe HTML building: every interpolated value is escaped unless it is the result of html`` itself.
const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function esc(value) {
  if (value === null || value === undefined) return '';
  return String(value).replace(/[&<>"'`]/g, (c) => ESCAPES[c]);
}

class SafeHtml {
  constructor(text) { this.text = text; }
  toString() { return this.text; }
}

function part(value) {
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map(part).join('');
  if (value === false || value === null || value === undefined) return '';
  return esc(value);
}

/** Tagged template: html`<b>${name}</b>` escapes name; nested html`` fragments and arrays of them pass through. */
export function html(strings, ...values) {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += part(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Replaces the children of el with a fragment built by html``. */
export function render(el, fragment) {
  el.innerHTML = fragment instanceof SafeHtml ? fragment.text : esc(fragment);
}
