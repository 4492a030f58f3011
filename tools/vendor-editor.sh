#!/usr/bin/env bash
# Refreshes the rich-text editor the admin serves: installs the versions pinned in tools/editor/package.json
# (and package-lock.json) from npm, bundles them into one minified file and copies every bundled package's
# licence beside it. The result is committed, so building and running SchoolSite needs no npm and no network.
# Usage: tools/vendor-editor.sh            (then review and commit src/Modules/SchoolSite.Contents/Assets/vendor)
set -euo pipefail
cd "$(dirname "$0")/editor"
out=../../src/Modules/SchoolSite.Contents/Assets/vendor
mkdir -p "$out"

if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --silent; else npm install --no-audit --no-fund --silent; fi

./node_modules/.bin/esbuild entry.js --bundle --minify --format=iife --target=es2020 --legal-comments=none \
  --metafile=meta.json --outfile="$out/tiptap.min.js" --log-level=warning

# One licence file for everything in the bundle, each package's own text under its name and version.
node - "$out/tiptap.LICENSES.txt" <<'JS'
const fs = require('fs'), path = require('path');
const meta = JSON.parse(fs.readFileSync('meta.json', 'utf8'));
const packages = new Set();
for (const input of Object.keys(meta.inputs)) {
  const m = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (m) packages.add(m[1]);
}
let text = 'Third-party code bundled in tiptap.min.js (built by tools/vendor-editor.sh). Each package keeps its own licence:\n';
for (const name of [...packages].sort()) {
  const dir = path.join('node_modules', name);
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const file = fs.readdirSync(dir).find(f => /^(licen[cs]e|copying)(\.md|\.txt)?$/i.test(f));
  text += `\n==== ${name} ${pkg.version} (${pkg.license}) ====\n`;
  text += file ? fs.readFileSync(path.join(dir, file), 'utf8').trim() + '\n' : `Licence: ${pkg.license} (the package ships no licence file; see its package.json).\n`;
}
fs.writeFileSync(process.argv[2], text);
JS
rm -f meta.json
echo "Wrote $out/tiptap.min.js ($(wc -c < "$out/tiptap.min.js") bytes) and tiptap.LICENSES.txt"
