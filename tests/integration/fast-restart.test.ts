import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The newest time of anything under a folder: what the run command compares with the last build. */
function newest(p: string): number {
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(p).map((entry) => newest(path.join(p, entry))));
}

describe('a restart of the run command', () => {
  it('leaves the generated database client as old as it was when nothing changed, so Next.js is not rebuilt', () => {
    const generate = () => spawnSync(process.execPath, ['scripts/prisma-generate.mjs'], { stdio: 'ignore' }).status;
    expect(generate()).toBe(0);
    const before = newest('lib/generated/prisma');
    expect(generate()).toBe(0);
    expect(newest('lib/generated/prisma')).toBe(before);
  }, 60_000);
});
