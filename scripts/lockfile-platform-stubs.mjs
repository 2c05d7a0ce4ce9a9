// The npm registry reachable from this project's machines serves only some of
// the platform-specific optional packages (for example no macOS or Windows
// builds), so `npm install` here leaves them out of package-lock.json and
// `npm ci` then refuses the lockfile. This adds, for each missing one, the entry
// npm would write (version, optional, os, cpu): npm ci skips them on Linux x64
// without fetching them. Run it after `npm install` changes the lockfile here;
// a lockfile made with full registry access needs nothing.
import { readFileSync, writeFileSync } from 'node:fs';

const OS = ['android', 'darwin', 'freebsd', 'linux', 'win32', 'openharmony', 'sunos', 'aix', 'netbsd', 'openbsd'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'loong64', 'ppc64', 'riscv64', 's390x', 'wasm32'];

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [location, entry] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    const nested = `${location ? `${location}/` : ''}node_modules/${name}`;
    if (packages[key] || packages[nested]) continue;
    const tokens = name.split('/').pop().split('-');
    const os = tokens.filter((t) => OS.includes(t));
    const cpu = tokens.filter((t) => CPU.includes(t));
    if (!cpu.length) continue;
    packages[key] = { version: spec.replace(/^[\^~=]/, ''), optional: true, ...(os.length ? { os } : {}), cpu };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(`platform stubs added: ${added}`);
