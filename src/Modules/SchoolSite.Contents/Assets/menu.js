// The menu editor for MenuPart: entries added from a chooser of the school's pages or as outside links, renamed,
// reordered by dragging or by the Move up / Move down buttons, and put one level under another. The entries go
// back as JSON in the stored shape (Text, Url or ContentItemId, Items); without the script the plain text box of
// "Text | /address" lines still works. Addresses are checked against the site as they are typed.
(function () {
  'use strict';
  const E = window.SchoolSiteEditor;
  if (!E) return;
  const { el } = E;
  let keys = 0;

  function enhance(container) {
    const json = container.querySelector('[data-menu-json]');
    const textarea = container.querySelector('textarea');
    const label = container.querySelector('label');
    const hint = container.querySelector('small');
    let entries = [];
    try { entries = JSON.parse(json.dataset.entries || '[]'); } catch { return; }
    const keyed = list => list.map(e => Object.assign({}, e, { key: ++keys, Items: e.Items ? keyed(e.Items) : undefined }));
    entries = keyed(entries);
    for (const node of [textarea, label, hint]) if (node) node.hidden = true;
    // Without its name the text box is not sent: the JSON stands for the menu.
    textarea.removeAttribute('name');

    const titles = new Map();
    const list = el('ol', { class: 'menu-entries', 'aria-label': 'Menu links, in order' });
    const warnings = el('ul', { class: 'link-warnings', 'aria-live': 'polite', hidden: true });
    const addPage = el('button', { type: 'button', class: 'secondary', onclick: () => choosePage() }, 'Add a page…');
    const addLink = el('button', { type: 'button', class: 'secondary', onclick: () => addOutside() }, 'Add an outside link');
    const fieldset = el('fieldset', { class: 'menu-editor' }, el('legend', {}, (label ? label.textContent.trim() : 'Links') + ' in the menu'),
      el('p', { class: 'busy' }, 'The site shows these links in this order. Put a link under another to make a drop-down (one level).'),
      list, el('p', { class: 'buttons' }, addPage, addLink), warnings);
    json.before(fieldset);
    E.pages().then(pages => { for (const p of pages) titles.set(p.id, p); render(); }, () => render());
    render();

    const siblingsOf = key => {
      for (const e of entries) {
        if (e.key === key) return { list: entries, parent: null };
        for (const c of e.Items || []) if (c.key === key) return { list: e.Items, parent: e };
      }
      return null;
    };

    function changed(focusKey, focusWhat, message) {
      render();
      if (message) E.announce(message);
      if (focusKey) {
        const li = list.querySelector('[data-key="' + focusKey + '"]');
        const target = li && (li.querySelector('[data-do="' + focusWhat + '"]:not(:disabled)') || li.querySelector('input'));
        if (target) target.focus();
      }
      scheduleCheck();
    }

    function move(key, by) {
      const { list: siblings } = siblingsOf(key);
      const at = siblings.findIndex(e => e.key === key);
      const to = at + by;
      if (to < 0 || to >= siblings.length) return;
      siblings.splice(to, 0, siblings.splice(at, 1)[0]);
      changed(key, by < 0 ? 'up' : 'down', 'Moved to place ' + (to + 1) + ' of ' + siblings.length + '.');
    }

    function indent(key) {
      const at = entries.findIndex(e => e.key === key);
      if (at <= 0 || (entries[at].Items || []).length > 0) return;
      const [entry] = entries.splice(at, 1);
      const parent = entries[at - 1];
      (parent.Items = parent.Items || []).push(entry);
      changed(key, 'outdent', 'Now under “' + parent.Text + '”.');
    }

    function outdent(key) {
      const { list: siblings, parent } = siblingsOf(key);
      if (!parent) return;
      const at = siblings.findIndex(e => e.key === key);
      const [entry] = siblings.splice(at, 1);
      if (siblings.length === 0) delete parent.Items;
      entries.splice(entries.indexOf(parent) + 1, 0, entry);
      changed(key, 'indent', 'Now a main link of the menu.');
    }

    function remove(key) {
      const { list: siblings, parent } = siblingsOf(key);
      const at = siblings.findIndex(e => e.key === key);
      const [entry] = siblings.splice(at, 1);
      if (parent && siblings.length === 0) delete parent.Items;
      // Links under a removed one stay in the menu, where it was.
      if (!parent && entry.Items) siblings.splice(at, 0, ...entry.Items);
      changed(null, null, '“' + entry.Text + '” removed from the menu.');
      addPage.focus();
    }

    function choosePage() {
      const d = E.dialog('Add a page to the menu');
      E.pageList(d.body, page => {
        const entry = { key: ++keys, Text: page.title, ContentItemId: page.id };
        titles.set(page.id, page);
        entries.push(entry);
        d.close();
        changed(entry.key, 'text', '“' + page.title + '” added at the end of the menu.');
      });
      d.open();
    }

    function addOutside() {
      const entry = { key: ++keys, Text: '', Url: 'https://' };
      entries.push(entry);
      changed(entry.key, 'text', 'A new link was added at the end of the menu: give it words and an address.');
    }

    function row(entry, at, siblings, parent) {
      const id = 'menu-' + entry.key;
      const text = el('input', { type: 'text', id: id + '-text', value: entry.Text || '', 'data-do': 'text' });
      text.addEventListener('input', () => { entry.Text = text.value; save(); });
      const hidden = () => el('span', { class: 'visually-hidden' }, ': ' + (entry.Text || 'new link'));
      let target;
      if (entry.ContentItemId) {
        const page = titles.get(entry.ContentItemId);
        target = el('p', { class: 'target' }, page ? 'Goes to the page “' + page.title + '” (' + page.url + ')' + (page.published ? '' : ', not published yet') : 'Goes to a page of this site');
      } else {
        const url = el('input', { type: 'text', id: id + '-url', value: entry.Url || '', inputmode: 'url' });
        url.addEventListener('input', () => { entry.Url = url.value.trim(); save(); scheduleCheck(); });
        target = el('p', {}, el('label', { for: url.id }, 'Address (https://…, or /page on this site)'), url);
      }
      const buttons = [
        el('button', { type: 'button', class: 'small secondary', 'data-do': 'up', disabled: at === 0, onclick: () => move(entry.key, -1) }, 'Move up', hidden()),
        el('button', { type: 'button', class: 'small secondary', 'data-do': 'down', disabled: at === siblings.length - 1, onclick: () => move(entry.key, 1) }, 'Move down', hidden()),
      ];
      if (parent) {
        buttons.push(el('button', { type: 'button', class: 'small secondary', 'data-do': 'outdent', onclick: () => outdent(entry.key) }, 'Make it a main link', hidden()));
      } else {
        buttons.push(el('button', { type: 'button', class: 'small secondary', 'data-do': 'indent', disabled: at === 0 || (entry.Items || []).length > 0,
          onclick: () => indent(entry.key) }, 'Put under the link above', hidden()));
      }
      buttons.push(el('button', { type: 'button', class: 'small danger', 'data-do': 'remove', onclick: () => remove(entry.key) }, 'Remove', hidden()));
      const li = el('li', { class: 'menu-entry', 'data-key': entry.key, draggable: 'true' },
        el('div', { class: 'row' }, el('p', {}, el('label', { for: text.id }, 'Words in the menu'), text), target),
        el('div', { class: 'moves' }, buttons));
      if (entry.Items && entry.Items.length > 0) {
        li.append(el('ol', { class: 'menu-entries', 'aria-label': 'Under “' + (entry.Text || 'this link') + '”' },
          entry.Items.map((child, i) => row(child, i, entry.Items, entry))));
      }
      return li;
    }

    function render() {
      list.replaceChildren(...entries.map((e, i) => row(e, i, entries, null)));
      if (entries.length === 0) list.append(el('li', { class: 'busy' }, 'The menu is empty: add a page.'));
      save();
    }

    function stored(list) {
      return list.map(e => {
        const out = { Text: e.Text };
        if (e.ContentItemId) out.ContentItemId = e.ContentItemId; else out.Url = e.Url;
        if (e.Items && e.Items.length > 0) out.Items = stored(e.Items);
        return out;
      });
    }

    function save() { json.value = JSON.stringify(stored(entries)); }

    let timer = null;
    function scheduleCheck() { clearTimeout(timer); timer = setTimeout(check, 700); }
    async function check() {
      let found = [];
      try { found = await E.checkLinks({ menu: stored(entries) }); } catch { found = []; }
      warnings.replaceChildren(...found.map(f => el('li', {}, f.message)));
      warnings.hidden = found.length === 0;
    }
    check();

    // Dragging an entry onto another puts it in that place, at that level (an entry with links under it stays a main link).
    let dragged = null;
    list.addEventListener('dragstart', event => {
      const li = event.target.closest('li[data-key]');
      if (!li) return;
      dragged = Number(li.dataset.key);
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', String(dragged));
      li.classList.add('dragging');
      event.stopPropagation();
    });
    list.addEventListener('dragover', event => { if (dragged) event.preventDefault(); });
    list.addEventListener('drop', event => {
      const li = event.target.closest('li[data-key]');
      if (!dragged || !li || Number(li.dataset.key) === dragged) return;
      event.preventDefault();
      const from = siblingsOf(dragged);
      const to = siblingsOf(Number(li.dataset.key));
      const entry = from.list.find(e => e.key === dragged);
      if (to.parent && (entry.Items || []).length > 0) return;
      from.list.splice(from.list.indexOf(entry), 1);
      if (from.parent && from.list.length === 0) delete from.parent.Items;
      to.list.splice(to.list.findIndex(e => e.key === Number(li.dataset.key)), 0, entry);
      dragged = null;
      changed(entry.key, 'text', 'Moved.');
    });
    list.addEventListener('dragend', () => { dragged = null; render(); });
  }

  document.querySelectorAll('[data-menu-editor]').forEach(enhance);
})();
