import pg from 'pg';

/*
 * The database roles of a portal. A superuser can switch triggers off
 * (SET session_replication_role = replica) and so rewrite the append-only
 * audit trail; the table owner can ALTER TABLE … DISABLE TRIGGER. So the
 * running portal connects as neither: migrations run as the owner (a plain
 * role that owns the schema), and the web processes and workers run as an
 * application role that may read and write rows but not change, delete or
 * truncate history, and owns nothing.
 */

export const OWNER_ROLE = 'vc_owner';
export const APP_ROLE = 'vc_app';

/** History tables: rows are only ever added (the triggers say so too, for every role). */
export const APPEND_ONLY_TABLES = ['audit_event', 'editorial_transition', 'sync_transition'];

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function identifier(name: string): string {
  if (!ROLE_NAME.test(name)) throw new Error(`not a plain role or database name: ${name}`);
  return `"${name}"`;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A password cannot be a bind parameter in DDL: it is quoted as a literal by the server's own rules. */
export async function passwordLiteral(client: Pick<pg.Client, 'query'>, password: string): Promise<string> {
  return (await client.query<{ q: string }>('SELECT quote_literal($1) AS q', [password])).rows[0]!.q;
}

/**
 * As a superuser (the embedded server's bootstrap role): the owner and
 * application roles exist with these passwords, and the owner owns the
 * database, its public schema and everything in it (an installation made
 * before the roles existed had everything owned by the superuser).
 */
export async function ensureRoles(adminUrl: string, database: string, passwords: { owner: string; app: string }): Promise<void> {
  await withClient(adminUrl, async (client) => {
    for (const [role, password] of [
      [OWNER_ROLE, passwords.owner],
      [APP_ROLE, passwords.app],
    ] as const) {
      const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      const verb = exists.rowCount ? 'ALTER' : 'CREATE';
      await client.query(
        `${verb} ROLE ${identifier(role)} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${await passwordLiteral(client, password)}`,
      );
    }
    await client.query(`ALTER DATABASE ${identifier(database)} OWNER TO ${identifier(OWNER_ROLE)}`);
  });
  await withClient(adminUrl.replace(/\/[^/?]*(\?|$)/, `/${database}$1`), async (client) => {
    await client.query(`ALTER SCHEMA public OWNER TO ${identifier(OWNER_ROLE)}`);
    await client.query(`REVOKE ALL ON DATABASE ${identifier(database)} FROM PUBLIC`);
    await client.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${identifier(database)} TO ${identifier(APP_ROLE)}`);
    // What an older installation made as the superuser now belongs to the owner (extension members stay the extension's).
    await client.query(`
      DO $$
      DECLARE r record;
      BEGIN
        FOR r IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
                   AND pg_get_userbyid(c.relowner) <> '${OWNER_ROLE}'
                   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('e', 'a', 'i')) LOOP
          EXECUTE format('ALTER %s %s OWNER TO ${OWNER_ROLE}', CASE r.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, r.name);
        END LOOP;
        FOR r IN SELECT p.oid::regprocedure AS sig FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                 WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> '${OWNER_ROLE}'
                   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e') LOOP
          EXECUTE format('ALTER ROUTINE %s OWNER TO ${OWNER_ROLE}', r.sig);
        END LOOP;
        FOR r IN SELECT t.oid::regtype AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                 WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd') AND pg_get_userbyid(t.typowner) <> '${OWNER_ROLE}'
                   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e') LOOP
          EXECUTE format('ALTER TYPE %s OWNER TO ${OWNER_ROLE}', r.name);
        END LOOP;
        FOR r IN SELECT c.cfgname FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace
                 WHERE n.nspname = 'public' AND pg_get_userbyid(c.cfgowner) <> '${OWNER_ROLE}' LOOP
          EXECUTE format('ALTER TEXT SEARCH CONFIGURATION public.%I OWNER TO ${OWNER_ROLE}', r.cfgname);
        END LOOP;
      END
      $$`);
  });
}

/**
 * As the owner, after the migrations: the application role may use every
 * table, but never change or remove a row of history, truncate anything, or
 * touch the migrations' own bookkeeping. Run after every deployment (new
 * tables need their grants).
 */
export async function grantApplicationRole(ownerUrl: string, appRole: string): Promise<void> {
  const app = identifier(appRole);
  await withClient(ownerUrl, async (client) => {
    await client.query(`
      GRANT USAGE ON SCHEMA public TO ${app};
      REVOKE CREATE ON SCHEMA public FROM ${app};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app};
      REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM ${app};
      REVOKE UPDATE, DELETE ON ${APPEND_ONLY_TABLES.map(identifier).join(', ')} FROM ${app};
      REVOKE ALL ON "_prisma_migrations" FROM ${app};
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app};`);
  });
}

/** The user name a connection URL logs in as. */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}
