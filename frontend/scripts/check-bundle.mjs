// Bundle budget: the gzipped JavaScript each first screen loads, from the build's manifest (dist/.vite/manifest.json).
// A screen is its HTML entry's script plus every static import, walked through `imports` (never
// `dynamicImports`, which load later); a staff user's first screen adds the landing page's lazy chunk and its
// static imports. Prints a table; exits 1 when a screen is over budget (bytes are deterministic, so this is a
// test: `npm run check:bundle`, run by `make test`). With --json, prints the rows for bench/suites/spa.py.
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';

const KB = 1000;
// Targets from the performance issue (docs/performance.md).
const REPORT_BUDGET = 150 * KB;
const STAFF_BUDGET = 600 * KB;
// src/nav/menu.ts: every role with a UI lands on its first area, which is the workbench (units, districts) or
// the cockpit (reform office, leaders, group leads); the hotline account has no UI (the entry alone).
const SCREENS = [
  { name: '/report public entry', entry: 'report.html', budget: REPORT_BUDGET },
  { name: 'staff: login page', entry: 'index.html', budget: STAFF_BUDGET },
  { name: 'staff: login + cockpit (office, leader, group lead)', entry: 'index.html', route: 'src/pages/cockpit/CockpitPage.tsx', budget: STAFF_BUDGET },
  { name: 'staff: login + workbench (units, districts)', entry: 'index.html', route: 'src/pages/tasks/WorkbenchPage.tsx', budget: STAFF_BUDGET },
];

const dist = new URL('../dist/', import.meta.url);
const manifestText = await readFile(new URL('.vite/manifest.json', dist), 'utf8').catch(() => {
  console.error('dist/.vite/manifest.json is missing: run `npm run build` first');
  process.exit(1);
});
const manifest = JSON.parse(manifestText);

function staticClosure(key, seen = new Set()) {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in the build manifest (renamed? update SCREENS in scripts/check-bundle.mjs)`);
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of chunk.imports ?? []) staticClosure(imported, seen);
  return seen;
}

const gzipped = new Map();
async function gzipBytes(file) {
  if (!gzipped.has(file)) gzipped.set(file, gzipSync(await readFile(new URL(file, dist))).length);
  return gzipped.get(file);
}

const rows = [];
for (const screen of SCREENS) {
  const keys = staticClosure(screen.entry);
  if (screen.route) staticClosure(screen.route, keys);
  const files = [...keys].map((key) => manifest[key].file).filter((file) => file.endsWith('.js'));
  let bytes = 0;
  for (const file of files) bytes += await gzipBytes(file);
  rows.push({ name: screen.name, bytes, budget: screen.budget, ok: bytes <= screen.budget, files: files.sort() });
}

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  const kb = (n) => `${(n / KB).toFixed(1)} KB`;
  const width = Math.max(...rows.map((row) => row.name.length));
  console.log(`${'first screen'.padEnd(width)}  ${'gzipped JS'.padStart(10)}  ${'budget'.padStart(9)}  chunks`);
  for (const row of rows) {
    const status = row.ok ? '' : '  OVER BUDGET';
    console.log(`${row.name.padEnd(width)}  ${kb(row.bytes).padStart(10)}  ${kb(row.budget).padStart(9)}  ${row.files.length}${status}`);
  }
}
process.exit(rows.every((row) => row.ok) ? 0 : 1);
