import { readFile, readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  DriverAdapterError,
  type SqlQueryable,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';

/*
 * Prisma's migrations without Prisma's native schema engine: the same engine
 * compiled to WebAssembly (@prisma/schema-engine-wasm), driven through the pg
 * driver adapter. Migration folders stay in Prisma's own format, so
 * `prisma migrate deploy|dev` keeps working for anyone who has the native engine.
 */

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'prisma/migrations');
export const SCHEMA_PATH = path.join(PROJECT_ROOT, 'prisma/schema.prisma');

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/*
 * The engine's catalog queries return PostgreSQL's internal "char" type, which
 * the pg adapter refuses to map. The client reports such columns as text (so the
 * adapter accepts them) and remembers where they were; the adapter's result is
 * then corrected to the Character type the engine expects.
 */
const charColumnsOf = new WeakMap<object, number[]>();
class CatalogFriendlyClient extends pg.Client {
  // pg's query() has many overloads: pg-pool calls it with a callback, the adapter awaits it.
  override query(...args: unknown[]): never {
    const last = args.at(-1);
    if (typeof last === 'function') {
      args[args.length - 1] = (error: Error | null, res: pg.QueryResult) => last(error, error ? res : charAsText(res));
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    return (result instanceof Promise ? result.then(charAsText) : result) as never;
  }
}

function charAsText(res: pg.QueryResult): pg.QueryResult {
  const charColumns: number[] = [];
  (res?.fields ?? []).forEach((field, i) => {
    if (field.dataTypeID === PG_CHAR_OID) {
      field.dataTypeID = PG_TEXT_OID;
      charColumns.push(i);
    }
  });
  if (charColumns.length && res.rows) charColumnsOf.set(res.rows, charColumns);
  return res;
}

function restoreCharColumns<T extends SqlQueryable>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of charColumnsOf.get(result.rows) ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
  return queryable;
}

type ConnectionFields = Pick<pg.PoolConfig, 'host' | 'port' | 'user' | 'password' | 'database'>;

function connectionFields(url: string): ConnectionFields {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname) || u.searchParams.get('host') || 'localhost',
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.replace(/^\//, '')),
  };
}

/*
 * The adapter's own executeScript splits on ";", which breaks function bodies;
 * PostgreSQL's simple query protocol runs a whole multi-statement script.
 */
async function adapterFor(fields: ConnectionFields, dispose?: () => Promise<void>): Promise<SqlDriverAdapter> {
  const pool = new pg.Pool({ ...fields, Client: CatalogFriendlyClient, max: 2 });
  const adapter = restoreCharColumns(await new PrismaPg(pool).connect());
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => restoreCharColumns(await startTransaction(isolationLevel));
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (error) {
      throw new DriverAdapterError({
        kind: 'postgres',
        code: String((error as { code?: string }).code ?? ''),
        severity: 'ERROR',
        message: (error as Error).message,
        detail: undefined,
        column: undefined,
        hint: undefined,
      });
    }
  };
  const release = adapter.dispose.bind(adapter);
  adapter.dispose = async () => {
    await release();
    await pool.end();
    await dispose?.();
  };
  return adapter;
}

/** A factory whose shadow database is a real throwaway database, dropped afterwards. */
function adapterFactory(url: string, opened: SqlDriverAdapter[]): SqlMigrationAwareDriverAdapterFactory {
  const fields = connectionFields(url);
  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: async () => {
      const adapter = await adapterFor(fields);
      opened.push(adapter);
      return adapter;
    },
    async connectToShadowDb() {
      const name = `vc_shadow_${crypto.randomUUID().replaceAll('-', '')}`;
      const admin = new pg.Client(fields);
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
      return adapterFor({ ...fields, database: name }, async () => {
        const cleaner = new pg.Client(fields);
        await cleaner.connect();
        await cleaner.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await cleaner.end();
      });
    },
  };
}

interface WasmModule {
  SchemaEngine: {
    new: (options: { datamodels: [string, string][] }, log: (msg: string) => void, adapter: object) => Promise<SchemaEngine>;
  };
  __wbg_set_wasm: (exports: WebAssembly.Exports) => void;
}

export interface MigrationDirectory {
  path: string;
  migrationFile: { path: string; content: { tag: 'ok'; value: string } };
}

export interface MigrationsList {
  baseDir: string;
  lockfile: { path: string; content: string | null };
  shadowDbInitScript: string;
  migrationDirectories: MigrationDirectory[];
}

interface SchemaEngine {
  applyMigrations(input: object): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: object): Promise<{ exitCode: number; stdout: string | null }>;
  diagnoseMigrationHistory(input: object): Promise<{
    history: unknown;
    failedMigrationNames: string[];
    editedMigrationNames: string[];
    hasMigrationsTable: boolean;
  }>;
  free(): void;
}

const FILTERS = { externalTables: [], externalEnums: [] };

let wasmLoaded: Promise<WasmModule> | null = null;
let lastPanic: string | null = null;

function loadWasm(): Promise<WasmModule> {
  wasmLoaded ??= (async () => {
    // The engine reports a Rust panic through this global before throwing.
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: object }).PRISMA_WASM_PANIC_REGISTRY = {
      set_message: (message: string) => {
        lastPanic = message;
      },
    };
    const bg = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as unknown as WasmModule;
    const require = createRequire(import.meta.url);
    const wasmPath = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm')), 'schema_engine_bg.wasm');
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), { './schema_engine_bg.js': bg as unknown as WebAssembly.ModuleImports });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bg;
  })();
  return wasmLoaded;
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationsList> {
  const entries = (await readdir(dir, { withFileTypes: true }).catch(() => []))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrationDirectories: MigrationDirectory[] = [];
  for (const name of entries) {
    const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8');
    migrationDirectories.push({ path: name, migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: sql } } });
  }
  const lockPath = path.join(dir, 'migration_lock.toml');
  const lock = await stat(lockPath)
    .then(() => readFile(lockPath, 'utf8'))
    .catch(() => null);
  return { baseDir: dir, lockfile: { path: 'migration_lock.toml', content: lock }, shadowDbInitScript: '', migrationDirectories };
}

async function withEngine<T>(url: string, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const wasm = await loadWasm();
  const schema = await readFile(SCHEMA_PATH, 'utf8');
  // The engine does not close the connections it opened when freed, and one of
  // them holds the migration advisory lock: close them here.
  const opened: SqlDriverAdapter[] = [];
  const engine = await wasm.SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, schema]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(adapterFactory(url, opened)),
  );
  try {
    return await fn(engine);
  } catch (error) {
    if (lastPanic) throw new Error(`schema engine panicked: ${lastPanic}`, { cause: error });
    throw error;
  } finally {
    engine.free();
    await Promise.all(opened.map((adapter) => adapter.dispose().catch(() => {})));
  }
}

/** `prisma migrate deploy`: applies the migrations not yet applied. */
export function deployMigrations(url: string): Promise<string[]> {
  return withEngine(url, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: await readMigrations(), filters: FILTERS });
    return appliedMigrationNames;
  });
}

/** The SQL that takes the migration history to the current schema.prisma ('' when in step). */
export function pendingSchemaChanges(url: string): Promise<string> {
  return withEngine(url, async (engine) => {
    const schema = await readFile(SCHEMA_PATH, 'utf8');
    const migrations = await readMigrations();
    const result = await engine.diff({
      from: migrations.migrationDirectories.length ? { tag: 'migrations', ...migrations } : { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: true,
      filters: FILTERS,
    });
    return result.exitCode === 2 ? (result.stdout ?? '') : '';
  });
}

/** `prisma migrate status`: which migrations failed or were edited after being applied. */
export function migrationStatus(url: string) {
  return withEngine(url, async (engine) => {
    const out = await engine.diagnoseMigrationHistory({ migrationsList: await readMigrations(), optInToShadowDatabase: false, filters: FILTERS });
    return { failed: out.failedMigrationNames, edited: out.editedMigrationNames, history: out.history };
  });
}
