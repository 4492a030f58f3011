// The picture picker. SchoolSitePictures.choose() opens the media library as thumbnails (search, folder and year
// filters, upload in place by dropping files or with the file button), each showing its standing for the
// purpose before it is chosen. Each pictures field (<fieldset data-pictures>) becomes a list of the chosen
// pictures that can be reordered (drag, or the Move up / Move down buttons) and emptied; the form posts one
// value per picture, in order, as the plain form does. No ids are typed or shown anywhere.
(function () {
  'use strict';
  const E = window.SchoolSiteEditor;
  if (!E) return;
  const { el } = E;
  let uploads = 0;

  const purposeName = purpose => purpose.replace(/-/g, ' ');

  /** "Cleared for the website" or "Blocked: …", as a line of text with a class for its colour. */
  function statusLine(item, purpose) {
    if (item.cleared) {
      return el('p', { class: 'status cleared' }, 'Cleared for the ' + purposeName(purpose) + (item.lapses ? ' until ' + item.lapses : '') + '.');
    }
    return el('p', { class: 'status blocked' }, 'Blocked for the ' + purposeName(purpose) + ': ' + item.reasons.join(' '));
  }

  function describeLink(item) {
    if (!item.unreviewed && item.altText) return null;
    return el('a', { href: item.describe, target: '_blank', rel: 'noopener' },
      item.unreviewed ? 'Say who is in it' : 'Add alt text', el('span', { class: 'visually-hidden' }, ' (opens in a new tab)'));
  }

  async function list(purpose, query) {
    const params = new URLSearchParams(Object.entries(Object.assign({ purpose }, query)).filter(([, value]) => value));
    return E.api('/api/media?' + params.toString());
  }

  /**
   * Opens the library. options: { purpose, multiple, title, chosenIds, onChoose(items) }. With multiple, pictures are
   * ticked and added together; without, "Use this picture" chooses one at once.
   */
  function choose(options) {
    const purpose = options.purpose || 'website';
    const ticked = new Map();
    const buttons = options.multiple ? [{ text: 'Add the ticked pictures', onclick: () => { options.onChoose([...ticked.values()]); d.close(); } }] : [];
    const d = E.dialog(options.title || 'Choose pictures', buttons);
    const n = ++uploads;

    const file = el('input', { type: 'file', id: 'upload-file-' + n, accept: 'image/jpeg,image/png,image/webp', multiple: true });
    const alt = el('input', { type: 'text', id: 'upload-alt-' + n });
    const folderInput = el('input', { type: 'text', id: 'upload-folder-' + n, list: 'upload-folders-' + n });
    const folders = el('datalist', { id: 'upload-folders-' + n });
    const uploadStatus = el('p', { role: 'status', class: 'busy' });
    // On a phone the upload form would fill the dialog and push the library out of sight: there it starts folded
    // (one tap opens it); on a wider screen it starts open, ready for files dropped on it.
    const zone = el('details', { class: 'upload', open: window.matchMedia('(min-width: 48em)').matches },
      el('summary', {}, 'Upload new pictures'),
      el('p', {}, 'Drop them here, or choose them with the button.'),
      el('label', { for: alt.id }, 'Alt text (what the picture shows, for people who cannot see it)'), alt,
      el('label', { for: folderInput.id }, 'Folder (a trip, an event, a term: optional)'), folderInput, folders,
      el('label', { for: file.id }, 'Pictures to upload'), file, uploadStatus);
    file.addEventListener('change', () => upload(file.files));
    zone.addEventListener('dragover', event => { event.preventDefault(); zone.open = true; zone.classList.add('dragging'); });
    zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
    zone.addEventListener('drop', event => { event.preventDefault(); zone.classList.remove('dragging'); upload(event.dataTransfer.files); });

    const q = el('input', { type: 'search', id: 'library-q-' + n, autocomplete: 'off' });
    const folder = el('select', { id: 'library-folder-' + n }, el('option', { value: '' }, 'Every folder'));
    const year = el('select', { id: 'library-year-' + n }, el('option', { value: '' }, 'Any year'));
    const count = el('p', { role: 'status', class: 'busy' }, 'Loading the library…');
    const grid = el('ul', { class: 'library', 'aria-label': 'Pictures in the library' });
    // Finding comes first (the dialog opens on the search box); uploading is beside it, for what is not in the library yet.
    q.setAttribute('autofocus', '');
    d.body.append(
      el('div', { class: 'filters-row' },
        el('p', {}, el('label', { for: q.id }, 'Find by words in the alt text, caption or folder'), q),
        el('p', {}, el('label', { for: folder.id }, 'Folder'), folder),
        el('p', {}, el('label', { for: year.id }, 'Year uploaded'), year)),
      zone, count, grid);

    let timer = null;
    q.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(load, 300); });
    folder.addEventListener('change', load);
    year.addEventListener('change', load);
    d.open();
    load();

    async function load(highlight) {
      count.textContent = 'Loading the library…';
      try {
        const answer = await list(purpose, { kind: 'picture', q: q.value, folder: folder.value, year: year.value });
        fill(folder, answer.folders, 'Every folder');
        fill(year, answer.years, 'Any year');
        folders.replaceChildren(...answer.folders.map(f => el('option', { value: f })));
        grid.replaceChildren(...answer.items.map(item => card(item, highlight)));
        count.textContent = answer.items.length === 0 ? 'No pictures match. Upload one with “Upload new pictures” above, or change the search.'
          : answer.items.length + (answer.items.length === 1 ? ' picture' : ' pictures') + (options.multiple ? '. Tick the ones you want.' : '.');
      } catch (error) {
        count.textContent = error.message;
      }
    }

    function fill(select, values, all) {
      const keep = select.value;
      select.replaceChildren(el('option', { value: '' }, all), ...values.map(v => el('option', { value: String(v) }, String(v))));
      select.value = values.map(String).includes(keep) ? keep : '';
    }

    function card(item, highlight) {
      const chosenAlready = (options.chosenIds || []).includes(item.id);
      const name = item.altText || 'Picture without alt text (uploaded ' + item.uploaded + ')';
      const li = el('li', { class: chosenAlready ? 'is-chosen' : null },
        el('img', { src: item.thumbnail, alt: '' }),
        el('span', { class: 'alt' }, name),
        el('span', { class: 'meta' }, [item.folder, item.uploaded].filter(Boolean).join(' · ')),
        statusLine(item, purpose), describeLink(item));
      if (chosenAlready) {
        li.append(el('p', {}, 'Already chosen.'));
      } else if (options.multiple) {
        const id = 'pick-' + n + '-' + item.id;
        const box = el('input', { type: 'checkbox', id });
        box.addEventListener('change', () => {
          if (box.checked) ticked.set(item.id, item); else ticked.delete(item.id);
          li.classList.toggle('is-chosen', box.checked);
        });
        li.append(el('p', { class: 'check' }, box, el('label', { for: id }, 'Choose ', el('span', { class: 'visually-hidden' }, name))));
        if (highlight && highlight.includes(item.id)) { box.checked = true; ticked.set(item.id, item); li.classList.add('is-chosen'); }
      } else {
        li.append(el('button', { type: 'button', class: 'small', onclick: () => { options.onChoose([item]); d.close(); } },
          'Use this picture', el('span', { class: 'visually-hidden' }, ': ' + name)));
      }
      return li;
    }

    async function upload(files) {
      const added = [];
      for (const f of [...(files || [])]) {
        uploadStatus.textContent = 'Uploading ' + f.name + '…';
        const body = new FormData();
        body.append('file', f);
        body.append('altText', alt.value);
        body.append('folder', folderInput.value);
        try {
          const item = await E.api('/api/media', { method: 'POST', body });
          added.push(item.id);
        } catch (error) {
          uploadStatus.textContent = f.name + ' was not uploaded: ' + error.message;
          return;
        }
      }
      if (added.length === 0) return;
      uploadStatus.textContent = added.length === 1 ? 'Uploaded. It is ticked below; say who is in it before it can be published.'
        : added.length + ' pictures uploaded and ticked below; say who is in each before they can be published.';
      file.value = '';
      q.value = '';
      folder.value = '';
      year.value = '';
      await load(added);
    }
  }

  /** A pictures field: the chosen pictures in order, each with its standing, moved or removed by buttons or by dragging. */
  function enhance(fieldset) {
    const name = fieldset.dataset.name;
    const purpose = fieldset.dataset.purpose || 'website';
    const legend = fieldset.querySelector('legend').textContent.trim();
    const list = fieldset.querySelector('[data-chosen]');
    const ids = [...list.querySelectorAll('input')].map(i => i.value);
    const known = new Map();
    let order = ids.slice();
    const empty = el('p', { class: 'busy' }, 'No pictures chosen yet.');
    const add = el('button', { type: 'button', class: 'secondary', onclick: () => choose({
      purpose, multiple: true, title: legend === 'Pictures' ? 'Choose pictures' : 'Choose pictures: ' + legend, chosenIds: order,
      onChoose: items => {
        for (const item of items) { known.set(item.id, item); if (!order.includes(item.id)) order.push(item.id); }
        render();
        E.announce(items.length === 1 ? 'One picture added.' : items.length + ' pictures added.');
        add.focus();
      },
    }) }, 'Choose pictures…');
    list.after(empty, add);
    render();
    if (ids.length > 0) {
      list.prepend(el('li', { class: 'busy' }, 'Loading the pictures…'));
      E.api('/api/media?' + new URLSearchParams({ purpose, ids: ids.join(',') }).toString())
        .then(answer => { for (const item of answer.items) known.set(item.id, item); render(); }, () => render());
    }

    function move(id, by, focusText) {
      const at = order.indexOf(id);
      const to = at + by;
      if (to < 0 || to >= order.length) return;
      order.splice(at, 1);
      order.splice(to, 0, id);
      render();
      E.announce('Moved to place ' + (to + 1) + ' of ' + order.length + '.');
      const again = list.querySelector('[data-id="' + id + '"] button[data-move="' + focusText + '"]');
      (again && !again.disabled ? again : list.querySelector('[data-id="' + id + '"] button')).focus();
    }

    function remove(id) {
      const at = order.indexOf(id);
      order = order.filter(i => i !== id);
      render();
      E.announce('Picture removed.');
      const next = list.querySelectorAll('li')[Math.min(at, order.length - 1)];
      (next ? next.querySelector('button') : add).focus();
    }

    function render() {
      list.replaceChildren(...order.map((id, at) => {
        const item = known.get(id);
        const label = item ? (item.altText || 'Picture without alt text') : 'Picture ' + (at + 1);
        const hidden = el('span', { class: 'visually-hidden' }, ': ' + label);
        return el('li', { 'data-id': id, draggable: 'true' },
          el('input', { type: 'hidden', name, value: id }),
          el('img', { src: item ? item.thumbnail : E.base + '/media/' + id + '/thumbnail', alt: '' }),
          el('div', { class: 'about' }, el('strong', {}, (at + 1) + '. ' + label), item ? statusLine(item, purpose) : null, item ? describeLink(item) : null),
          el('div', { class: 'moves' },
            el('button', { type: 'button', class: 'small secondary', 'data-move': 'up', disabled: at === 0, onclick: () => move(id, -1, 'up') }, 'Move up', hidden.cloneNode(true)),
            el('button', { type: 'button', class: 'small secondary', 'data-move': 'down', disabled: at === order.length - 1, onclick: () => move(id, 1, 'down') }, 'Move down', hidden.cloneNode(true)),
            el('button', { type: 'button', class: 'small danger', onclick: () => remove(id) }, 'Remove', hidden.cloneNode(true))));
      }));
      empty.hidden = order.length > 0;
    }

    // Dragging a picture onto another puts it in that place.
    let dragged = null;
    list.addEventListener('dragstart', event => {
      const li = event.target.closest('li[data-id]');
      if (!li) return;
      dragged = li.dataset.id;
      li.classList.add('dragging');
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', dragged);
    });
    list.addEventListener('dragover', event => { if (dragged) event.preventDefault(); });
    list.addEventListener('drop', event => {
      const target = event.target.closest('li[data-id]');
      if (!dragged || !target) return;
      event.preventDefault();
      const to = order.indexOf(target.dataset.id);
      order = order.filter(i => i !== dragged);
      order.splice(to, 0, dragged);
      dragged = null;
      render();
    });
    list.addEventListener('dragend', () => { dragged = null; render(); });
  }

  window.SchoolSitePictures = { choose };
  document.querySelectorAll('fieldset[data-pictures]').forEach(enhance);
})();
