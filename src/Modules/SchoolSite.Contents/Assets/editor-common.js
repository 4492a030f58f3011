// What the content editor's scripts share: the school's address, calls to its API (with the antiforgery
// header on changes), a small way to build elements, dialogs, and the chooser for the school's own pages.
// No inline script or style anywhere: the admin's CSP allows only the site's own files.
(function () {
  'use strict';
  document.documentElement.classList.add('js');
  const form = document.querySelector('form.content-editor');
  const base = form ? form.dataset.base || '' : '';
  let token = null;

  /** Builds an element: el('button', { type: 'button', class: 'x', onclick: fn }, 'Text', child). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else if (name === 'class') node.className = value;
      else if (name === 'text') node.textContent = value;
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined && child !== false) node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  async function antiforgery() {
    if (token) return token;
    const answer = await fetch(base + '/api/antiforgery', { credentials: 'same-origin' });
    if (!answer.ok) throw new Error('Could not get a token to send changes. Reload the page and sign in again.');
    token = await answer.json();
    return token;
  }

  /** Calls the school's API; a problem answer becomes an Error with the server's own words. */
  async function api(path, options) {
    const request = Object.assign({ credentials: 'same-origin', headers: {} }, options || {});
    if (request.method && request.method !== 'GET') {
      const t = await antiforgery();
      request.headers[t.headerName] = t.token;
    }
    if (request.json !== undefined) {
      request.headers['Content-Type'] = 'application/json';
      request.body = JSON.stringify(request.json);
      delete request.json;
    }
    const answer = await fetch(base + path, request);
    const body = (answer.headers.get('Content-Type') || '').includes('json') ? await answer.json() : null;
    if (!answer.ok) {
      const errors = body && body.errors ? Object.values(body.errors).flat().join(' ') : '';
      throw new Error([body && body.title, errors].filter(Boolean).join(' ') || 'The server answered ' + answer.status + '.');
    }
    return body;
  }

  let dialogs = 0;

  /**
   * A modal dialog (the browser's own: keyboard focus stays inside, Escape closes it). Returns { dialog, body, close }.
   * buttons: [{ text, class, onclick }] shown at the bottom, after a "Cancel" button that closes it.
   */
  function dialog(title, buttons) {
    const id = 'editor-dialog-' + (++dialogs);
    const body = el('div', { class: 'body' }, el('h2', { id: id + '-title' }, title));
    const bar = el('div', { class: 'close' });
    const box = el('dialog', { class: 'chooser', 'aria-labelledby': id + '-title' }, body, bar);
    const close = () => { box.close(); box.remove(); };
    for (const b of buttons || []) bar.append(el('button', { type: 'button', class: b.class, onclick: b.onclick }, b.text));
    bar.append(el('button', { type: 'button', class: 'secondary', onclick: close }, 'Cancel'));
    box.addEventListener('close', () => box.remove());
    document.body.append(box);
    return { dialog: box, body, close, open: () => box.showModal() };
  }

  /** Tells screen readers (and everyone) what just happened, in a live region that outlasts any dialog. */
  function announce(text) {
    let region = document.getElementById('editor-announcements');
    if (!region) {
      region = el('p', { id: 'editor-announcements', class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
      document.body.append(region);
    }
    region.textContent = text;
  }

  let pagesPromise = null;

  /** The school's pages (drafts marked), fetched once per visit to the editor. */
  function pages() {
    if (!pagesPromise) pagesPromise = api('/api/editor/pages').then(answer => answer.pages);
    return pagesPromise;
  }

  /**
   * A searchable list of the school's pages inside container; choosing one calls onChoose(page).
   * Each page is a button, so Tab and Enter (or a click) choose it.
   */
  function pageList(container, onChoose, label) {
    const id = 'pages-' + (++dialogs);
    const search = el('input', { type: 'search', id: id, autocomplete: 'off' });
    const list = el('ul', { class: 'page-list', 'aria-label': 'Pages of this site' });
    const count = el('p', { class: 'busy', role: 'status' }, 'Loading the pages…');
    container.append(el('label', { for: id }, label || 'Find a page by its title'), search, count, list);
    let all = [];
    const show = () => {
      const words = search.value.trim().toLowerCase();
      const found = all.filter(p => !words || p.title.toLowerCase().includes(words) || p.path.includes(words));
      list.replaceChildren(...found.slice(0, 100).map(page => el('li', {},
        el('button', { type: 'button', onclick: () => onChoose(page) },
          page.title,
          el('span', { class: 'meta' }, page.type + ' · ' + page.url + (page.published ? '' : ' · not published yet'))))));
      count.textContent = found.length === 0 ? 'No page has those words in its title.'
        : found.length > 100 ? 'Showing 100 of ' + found.length + ' pages: type more of the title.'
        : found.length + (found.length === 1 ? ' page' : ' pages');
    };
    search.addEventListener('input', show);
    pages().then(list => { all = list; show(); }, error => { count.textContent = error.message; });
    return search;
  }

  /** Asks the server whether links go anywhere; returns [{ area, message, href }]. */
  function checkLinks(body) {
    return api('/api/editor/links', { method: 'POST', json: body });
  }

  window.SchoolSiteEditor = { base, el, api, dialog, announce, pages, pageList, checkLinks };
})();
