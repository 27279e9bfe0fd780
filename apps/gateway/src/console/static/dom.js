// Small DOM helpers. Every value from the API goes in as text, never as HTML.

/** An element with attributes (`class`, `href`, `data-*`, `on*` handlers) and children (nodes or text). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of `element`. */
export function show(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

/** `2026-12-06 14:03:07` in the browser's time zone; `—` for none. */
export function formatTime(value) {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const pad = (n) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

/** `12 s ago`, `3 min ago`, `2 h ago`. */
export function formatAge(value, now = Date.now()) {
  const seconds = Math.max(0, Math.round((now - new Date(value).getTime()) / 1000));
  if (!Number.isFinite(seconds)) return '';
  if (seconds < 90) return `${seconds} s ago`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} d ago`;
}

export function formatCount(value) {
  return Number(value ?? 0).toLocaleString('en-US');
}

/** A state as a coloured badge: READY, SUCCEEDED green; FAILED red; the rest neutral. */
export function badge(state) {
  const tone = /^(READY|SUCCEEDED|DEPLOYED|done)$/.test(state)
    ? 'good'
    : /FAIL|ERROR|CANCEL/.test(state)
      ? 'bad'
      : 'busy';
  return h('span', { class: `badge ${tone}` }, state || 'UNKNOWN');
}

/** A definition list of label → value rows; rows with an empty value are left out. */
export function facts(rows) {
  return h(
    'dl',
    { class: 'facts' },
    rows
      .filter(([, value]) => value !== undefined && value !== null && value !== '')
      .map(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]),
  );
}

/** A table of `columns` ({title, cell(row)}) over `rows`, or `empty` when there are none. */
export function table(columns, rows, empty, attributes = {}) {
  if (rows.length === 0) return h('p', { class: 'empty' }, empty);
  return h(
    'table',
    attributes,
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        columns.map((column) => h('th', {}, column.title)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((row) =>
        h(
          'tr',
          {},
          columns.map((column) => h('td', {}, column.cell(row))),
        ),
      ),
    ),
  );
}

/** The last segment of a resource name: `projects/p/models/m` → `m`. */
export function shortName(name) {
  return String(name ?? '')
    .split('/')
    .pop();
}
