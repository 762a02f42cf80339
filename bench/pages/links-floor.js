// The floor of row 3: the least code that shows what <egov-web-links> shows — a filter box over
// 5,000 links that ignores case and Vietnamese diacritics, and a grouped list of the first 100
// matches with "N more" under it — written by hand with DOM calls, rebuilt on each keystroke.
// No framework, no ARIA bookkeeping beyond `aria-expanded`, no highlighting, no keyboard moves.
/* global document, fetch */
const MAX_ROWS = 100;
const host = document.getElementById('subject');

const fold = (text) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function build(links) {
  const entries = links.map((link) => ({ ...link, key: fold(link.label) }));
  const input = element('input', { type: 'text', role: 'combobox', 'aria-expanded': 'false', 'aria-label': 'Liên kết web' });
  const list = element('div', { role: 'listbox' });
  const more = element('p', {});
  const popup = element('div', {}, list, more);
  popup.hidden = true;

  const render = () => {
    const words = fold(input.value).split(/\s+/).filter(Boolean);
    const found = entries.filter((entry) => words.every((word) => entry.key.includes(word)));
    const blocks = [];
    let group;
    for (const entry of found.slice(0, MAX_ROWS)) {
      if (!group || group.dataset.name !== entry.group) {
        group = element('div', { role: 'group', 'data-name': entry.group }, element('div', {}, entry.group));
        blocks.push(group);
      }
      group.append(element('div', { role: 'option' }, entry.label));
    }
    list.replaceChildren(...blocks);
    more.textContent = found.length > MAX_ROWS ? `và ${found.length - MAX_ROWS} liên kết khác` : '';
  };
  const open = () => {
    popup.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  };

  input.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown') return;
    render();
    open();
  });
  input.addEventListener('input', () => {
    render();
    open();
  });
  host.append(input, popup);
}

fetch(host.dataset.src)
  .then((response) => response.json())
  .then(build);
