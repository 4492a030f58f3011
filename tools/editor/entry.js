// The parts of Tiptap (MIT) the admin's rich-text editor uses, bundled into one file by tools/vendor-editor.sh.
// The editor itself (toolbar, dialogs) is src/Modules/SchoolSite.Contents/Assets/rich-text.js.
import { Editor, mergeAttributes } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import Image from '@tiptap/extension-image';
import { Table, TableRow, TableCell, TableHeader } from '@tiptap/extension-table';

window.SchoolSiteTiptap = { Editor, mergeAttributes, StarterKit, Image, Table, TableRow, TableCell, TableHeader };
