// `prisma generate` that also works where Prisma's native engines cannot be
// downloaded: generate never runs the schema engine, the CLI only checks that
// one exists, so any executable satisfies it. With internet nothing changes.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const enginesDir = path.resolve('node_modules/@prisma/engines');
const hasNativeEngine = existsSync(enginesDir) && readdirSync(enginesDir).some((f) => f.startsWith('schema-engine'));
const env = { ...process.env };
if (!hasNativeEngine && !env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
const result = spawnSync(process.execPath, [path.resolve('node_modules/prisma/build/index.js'), 'generate'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
