// `prisma generate` that also works where Prisma's native engines cannot be
// downloaded: generate never runs the schema engine, the CLI only checks that
// one exists, so any executable satisfies it. With internet nothing changes.
//
// When the generated client comes out the same as before, its files keep their
// old times: the run command rebuilds Next.js only when a source is newer than
// the last build, and a client rewritten identically at every start made every
// start a rebuild.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';

const GENERATED = path.resolve('lib/generated/prisma');

/** Every file and folder under the generated client: its times, and one hash of all contents. */
function snapshot(root) {
  const times = new Map();
  const hash = createHash('sha256');
  const walk = (p) => {
    const stat = statSync(p);
    times.set(p, { atime: stat.atime, mtime: stat.mtime });
    if (stat.isDirectory()) for (const entry of readdirSync(p).sort()) walk(path.join(p, entry));
    else hash.update(p).update(readFileSync(p));
  };
  if (existsSync(root)) walk(root);
  return { times, digest: hash.digest('hex') };
}

const before = snapshot(GENERATED);
const enginesDir = path.resolve('node_modules/@prisma/engines');
const hasNativeEngine = existsSync(enginesDir) && readdirSync(enginesDir).some((f) => f.startsWith('schema-engine'));
const env = { ...process.env };
if (!hasNativeEngine && !env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
const result = spawnSync(process.execPath, [path.resolve('node_modules/prisma/build/index.js'), 'generate'], { stdio: 'inherit', env });
if (result.status === 0) {
  const after = snapshot(GENERATED);
  if (after.digest === before.digest) for (const [p, { atime, mtime }] of before.times) utimesSync(p, atime, mtime);
}
process.exit(result.status ?? 1);
