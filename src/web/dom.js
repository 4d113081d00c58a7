/** Tiny DOM helpers: elements built from values (never from HTML strings), bilingual labels. */

/**
 * h('a', { href: '#', class: 'x', dataset: { code: '1' } }, 'text', child)
 * Attributes with null/undefined/false values are left out; children may be strings, nodes or arrays.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name === 'class') element.className = value;
    else if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces the children of `element`. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

/** A label as "中文" with the English beside it, smaller. */
export function bilingualNode(label) {
  if (!label) return '';
  if (label.zh === label.en) return label.zh;
  return h('span', { class: 'bi' }, h('span', { class: 'zh' }, label.zh), ' ', h('span', { class: 'en' }, label.en));
}

/**
 * Shows API errors in `box` with their extensions.code (hidden when there are none), so a user
 * can tell a refused query (TOO_COSTLY, VALIDATION_FAILED …) from a broken one.
 */
export function showErrorsIn(box, errors) {
  if (!errors.length) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  box.hidden = false;
  replace(box,
    h('strong', {}, '请求出错 · The request failed'),
    h('ul', {}, errors.map((e) => h('li', { dataset: { code: e.code ?? 'ERROR' } },
      h('code', { class: 'error-code' }, e.code ?? 'ERROR'), ' ', e.message,
      e.path ? h('span', { class: 'error-path' }, ` (${e.path.join('.')})`) : null))));
}
