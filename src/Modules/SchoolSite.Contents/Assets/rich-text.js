// Rich text for HtmlBodyPart and HtmlField: each <textarea data-rich-text> becomes a Tiptap editor with a toolbar
// (headings, bold, italic, lists, quotes, links to the school's pages or elsewhere, tables, pictures from the
// media library). The text box stays in the form, hidden, and always holds the HTML, so the form posts as it did
// without the script; the server sanitises it as before. Keyboard: Tab reaches the toolbar, arrow keys move along
// it, Alt+F10 jumps from the text to the toolbar, and Tiptap's shortcuts work (Ctrl+B, Ctrl+I, Ctrl+Z…).
(function () {
  'use strict';
  const T = window.SchoolSiteTiptap;
  const E = window.SchoolSiteEditor;
  if (!T || !E) return;
  const { el } = E;

  // Tables are written plainly: no widths or inline styles (the CSP forbids them, and the site's CSS lays tables out).
  const PlainTable = T.Table.extend({
    renderHTML({ HTMLAttributes }) { return ['table', T.mergeAttributes(this.options.HTMLAttributes, HTMLAttributes), ['tbody', 0]]; },
  });

  function extensions() {
    return [
      T.StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        code: false, codeBlock: false, underline: false, strike: false,
        link: { openOnClick: false, autolink: true, defaultProtocol: 'https', HTMLAttributes: { target: null, rel: null, class: null } },
      }),
      T.Image.configure({ inline: false, allowBase64: false }),
      PlainTable.configure({ resizable: false }), T.TableRow, T.TableHeader, T.TableCell,
    ];
  }

  /** An address as typed: kept if it has a scheme or starts with /, else taken as a web address. */
  function normalise(address) {
    const a = address.trim();
    if (!a) return '';
    if (/^(https?:|mailto:|tel:)/i.test(a) || a.startsWith('/')) return a;
    if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(a)) return 'mailto:' + a;
    return 'https://' + a;
  }

  function enhance(textarea) {
    const label = document.querySelector('label[for="' + textarea.id + '"]');
    const name = label ? label.textContent.trim() : 'Text';
    const labelId = textarea.id + '-label';
    if (label) {
      // The label now names the writing area; the hidden text box keeps only its name, so the form still posts it.
      label.id = labelId;
      label.removeAttribute('for');
    }
    const toolbar = el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Formatting for ' + name });
    const mount = el('div', { class: 'mount' });
    const warnings = el('ul', { class: 'link-warnings', 'aria-live': 'polite', hidden: true });
    const wrapper = el('div', { class: 'rich-text' }, toolbar, mount);
    textarea.hidden = true;
    textarea.after(wrapper, warnings);

    const editor = new T.Editor({
      element: mount,
      extensions: extensions(),
      content: textarea.value,
      injectCSS: false,
      editorProps: {
        attributes: {
          class: 'area', role: 'textbox', 'aria-multiline': 'true', 'aria-labelledby': labelId,
          'aria-describedby': textarea.getAttribute('aria-describedby') || '',
        },
        handleKeyDown: (_view, event) => {
          if (event.altKey && event.key === 'F10') { event.preventDefault(); focusToolbar(); return true; }
          return false;
        },
      },
      onUpdate: () => { textarea.value = editor.isEmpty ? '' : editor.getHTML(); refresh(); scheduleCheck(); },
      onSelectionUpdate: () => refresh(),
      onFocus: () => refresh(),
    });
    if (label) label.addEventListener('click', () => editor.commands.focus());

    const chain = () => editor.chain().focus();
    const inTable = () => editor.isActive('table');
    const buttons = [];
    const group = (...items) => el('div', { class: 'group' }, items);
    const button = (text, run, options) => {
      const b = el('button', {
        type: 'button', tabindex: -1, title: options && options.shortcut ? text + ' (' + options.shortcut + ')' : null,
        // A click leaves the focus and the selection in the text, as in a word processor, so what is typed next lands
        // there at once (Tiptap's focus() only returns it a frame later: the first letters typed went to the button).
        onmousedown: event => event.preventDefault(),
        onclick: () => { run(); refresh(); },
      }, text);
      b.isActive = options && options.active;
      b.isEnabled = options && options.enabled;
      if (b.isActive) b.setAttribute('aria-pressed', 'false');
      buttons.push(b);
      return b;
    };

    toolbar.append(
      group(
        button('Paragraph', () => chain().setParagraph().run(), { active: () => editor.isActive('paragraph') }),
        button('Heading', () => chain().toggleHeading({ level: 2 }).run(), { active: () => editor.isActive('heading', { level: 2 }) }),
        button('Subheading', () => chain().toggleHeading({ level: 3 }).run(), { active: () => editor.isActive('heading', { level: 3 }) })),
      group(
        button('Bold', () => chain().toggleBold().run(), { active: () => editor.isActive('bold'), shortcut: 'Ctrl+B' }),
        button('Italic', () => chain().toggleItalic().run(), { active: () => editor.isActive('italic'), shortcut: 'Ctrl+I' })),
      group(
        button('Bulleted list', () => chain().toggleBulletList().run(), { active: () => editor.isActive('bulletList') }),
        button('Numbered list', () => chain().toggleOrderedList().run(), { active: () => editor.isActive('orderedList') }),
        button('Quote', () => chain().toggleBlockquote().run(), { active: () => editor.isActive('blockquote') })),
      group(
        button('Link…', () => linkDialog(), { active: () => editor.isActive('link') }),
        button('Remove link', () => chain().extendMarkRange('link').unsetLink().run(), { enabled: () => editor.isActive('link') })),
      group(
        button('Table', () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(), { enabled: () => !inTable() }),
        button('Add row', () => chain().addRowAfter().run(), { enabled: inTable }),
        button('Add column', () => chain().addColumnAfter().run(), { enabled: inTable }),
        button('Delete row', () => chain().deleteRow().run(), { enabled: inTable }),
        button('Delete column', () => chain().deleteColumn().run(), { enabled: inTable }),
        button('Delete table', () => chain().deleteTable().run(), { enabled: inTable })),
      group(button('Picture…', () => pictureDialog())),
      group(
        button('Undo', () => chain().undo().run(), { enabled: () => editor.can().undo(), shortcut: 'Ctrl+Z' }),
        button('Redo', () => chain().redo().run(), { enabled: () => editor.can().redo(), shortcut: 'Ctrl+Shift+Z' })));

    // One stop for Tab in the toolbar; the arrow keys, Home and End move along it (the ARIA toolbar pattern).
    let current = 0;
    const usable = () => buttons.filter(b => !b.disabled);
    const focusToolbar = () => { const list = usable(); (list[current] && !list[current].disabled ? list[current] : list[0]).focus(); };
    toolbar.addEventListener('keydown', event => {
      const list = usable();
      const at = list.indexOf(document.activeElement);
      const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: list.length - 1 }[event.key];
      if (to === undefined || at < 0) return;
      event.preventDefault();
      list[(to + list.length) % list.length].focus();
    });
    toolbar.addEventListener('focusin', event => {
      for (const b of buttons) b.tabIndex = b === event.target ? 0 : -1;
      current = Math.max(0, usable().indexOf(event.target));
    });

    function refresh() {
      for (const b of buttons) {
        if (b.isActive) b.setAttribute('aria-pressed', b.isActive() ? 'true' : 'false');
        if (b.isEnabled) b.disabled = !b.isEnabled();
      }
      if (!buttons.some(b => b.tabIndex === 0 && !b.disabled)) {
        for (const b of buttons) b.tabIndex = -1;
        usable()[0].tabIndex = 0;
      }
    }
    refresh();

    function linkDialog() {
      const { from, to, empty } = editor.state.selection;
      const selected = editor.state.doc.textBetween(from, to, ' ');
      const current = editor.getAttributes('link').href || '';
      const d = E.dialog('Link ' + (selected ? '“' + selected + '”' : 'to a page or address'), [
        { text: 'Add this address', onclick: () => useAddress() }]);
      const words = el('input', { type: 'text', id: 'link-words', value: selected });
      if (empty) d.body.append(el('label', { for: 'link-words' }, 'Words people click (optional)'), words);
      d.body.append(el('h3', {}, 'A page on this site'));
      E.pageList(d.body, page => { apply(page.url, page.title); d.close(); }, 'Find a page by its title');
      const address = el('input', { type: 'text', id: 'link-address', value: current, inputmode: 'url', autocomplete: 'off' });
      d.body.append(el('h3', {}, 'Another website, an e-mail address or a phone number'),
        el('label', { for: 'link-address' }, 'Address (for example https://www.gov.uk or office@school.example)'), address);
      address.addEventListener('keydown', event => { if (event.key === 'Enter') { event.preventDefault(); useAddress(); } });
      d.open();

      function useAddress() {
        const href = normalise(address.value);
        if (!href) { address.focus(); return; }
        apply(href, href);
        d.close();
      }
      function apply(href, fallbackText) {
        if (empty && !editor.isActive('link')) {
          const text = words.value.trim() || fallbackText;
          chain().insertContent({ type: 'text', text, marks: [{ type: 'link', attrs: { href } }] }).run();
        } else {
          chain().extendMarkRange('link').setLink({ href }).run();
        }
        E.announce('Link added to ' + href + '.');
      }
    }

    function pictureDialog() {
      if (!window.SchoolSitePictures) return;
      window.SchoolSitePictures.choose({
        purpose: 'website', multiple: false, title: 'Put a picture in the ' + name.toLowerCase(),
        onChoose: items => {
          const item = items[0];
          if (!item) return;
          chain().setImage({ src: item.large, alt: item.altText || '' }).run();
          E.announce(item.altText ? 'Picture added: ' + item.altText + '.' : 'Picture added. It has no alt text yet: add it in the media library.');
        },
      });
    }

    // The links written so far, checked against the school's addresses a moment after typing stops.
    let timer = null;
    function scheduleCheck() {
      clearTimeout(timer);
      timer = setTimeout(check, 700);
    }
    async function check() {
      const html = textarea.value;
      if (!html.includes('<a ')) { show([]); return; }
      try { show(await E.checkLinks({ area: name, html })); } catch { show([]); }
    }
    function show(found) {
      warnings.replaceChildren(...found.map(f => el('li', {}, f.message)));
      warnings.hidden = found.length === 0;
    }
    if (textarea.value.includes('<a ')) check();
  }

  document.querySelectorAll('textarea[data-rich-text]').forEach(enhance);
})();
