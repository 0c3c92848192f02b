// The npm registry reachable here lacks rollup's binaries for other platforms, so `npm install`
// writes a package-lock.json without them and `npm ci` then refuses it ("Missing: … from lock
// file"). This adds the missing optional platform packages as entries whose os/cpu never match
// Linux x64 glibc, so `npm ci` skips them without fetching. Run after regenerating the lock file:
//   npm install && node tools/lock-platform-stubs.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const pkgs = lock.packages;

function platformOf(name) {
  const n = name.split('/').pop();
  const os = ['android', 'darwin', 'freebsd', 'openbsd', 'openharmony', 'linux', 'win32', 'sunos', 'aix', 'netbsd']
    .find((o) => n.includes(o));
  const cpu = ['arm64', 'arm', 'x64', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x', 'mips64el']
    .find((c) => n.includes(`-${c}`));
  const libc = n.includes('musl') ? ['musl'] : os === 'linux' ? ['glibc'] : undefined;
  return { os, cpu, libc };
}

let added = 0;
for (const [path, meta] of Object.entries(pkgs)) {
  for (const [dep, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const where = `${path ? path + '/' : ''}node_modules/${dep}`;
    if (pkgs[where] || pkgs[`node_modules/${dep}`]) continue;
    const { os, cpu, libc } = platformOf(dep);
    if (!os || !cpu) throw new Error(`cannot tell the platform of ${dep}`);
    if (os === 'linux' && cpu === 'x64' && !libc?.includes('musl')) throw new Error(`${dep} is this machine's platform: it must be installed, not stubbed`);
    pkgs[`node_modules/${dep}`] = { version, cpu: [cpu], ...(libc ? { libc } : {}), license: 'MIT', optional: true, os: [os] };
    added++;
  }
}
const sorted = Object.fromEntries(Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
lock.packages = sorted;
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`lock-platform-stubs: added ${added} entries`);
