import { DataSource, type DataSourceOptions } from 'typeorm';
import { appendFileSync } from 'node:fs';
import { Client, type ClientBase, type QueryConfig } from 'pg';
import { MIGRATIONS } from '@venule/migrations';
import type { DatabaseTarget } from './embedded-postgres';

/**
 * The role the API works as once migrations have run (created by the RuntimeRole migration): DML
 * on ordinary tables, only INSERT and SELECT on the audit trail, owner of nothing.
 */
export const RUNTIME_ROLE = 'venule_app';

/**
 * TypeORM options as the owner of the schema, running the migrations. Schema changes only ever
 * come from `migrations/`.
 */
export function dataSourceOptions(target: DatabaseTarget): DataSourceOptions {
  const connection =
    'url' in target
      ? { url: target.migrationUrl ?? target.url }
      : { host: target.socketDir, port: 5432, username: 'postgres', database: 'postgres' };
  return {
    type: 'postgres',
    ...connection,
    synchronize: false,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    migrations: MIGRATIONS,
    entities: [],
    extra: {
      max: target.poolSize,
      // A request waiting longer than this for the single embedded connection fails loudly
      // instead of hanging (it would mean a query ran outside its transaction).
      connectionTimeoutMillis: 30_000,
      idleTimeoutMillis: 'url' in target ? 30_000 : 0,
    },
  };
}

/**
 * The API's own connections: every pooled connection assumes the runtime role before its first
 * query, and a connection that cannot is closed and its request fails (pg-pool's onConnect hook),
 * so no query ever runs as the owner by accident. With `sqlCapture` (benchmarks only), every
 * statement the connection runs afterwards is appended to that file as a JSON line; without it
 * the connection is left as pg made it.
 */
export function runtimeDataSourceOptions(target: DatabaseTarget, sqlCapture?: string): DataSourceOptions {
  const owner = dataSourceOptions(target);
  return {
    ...owner,
    ...('url' in target ? { url: target.url } : {}),
    migrationsRun: false,
    migrations: [],
    extra: {
      ...owner.extra,
      onConnect: async (client: ClientBase) => {
        await client.query(`SET ROLE ${RUNTIME_ROLE}`);
        if (sqlCapture) captureStatements(client, sqlCapture);
      },
    },
  };
}

/** Wraps the connection's `query` to append `{"sql", "params"}` (and the `name` of a prepared statement) to `file` before each statement is sent. */
function captureStatements(client: ClientBase, file: string): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const [first, second] = args;
    const { name, text, values } = typeof first === 'string' ? { name: undefined, text: first, values: second } : (first as QueryConfig);
    // A statement with no name leaves none in the line (JSON drops undefined).
    const statement = { name, sql: text, params: Array.isArray(values) ? values : [] };
    appendFileSync(file, JSON.stringify(statement) + '\n');
    return query(...args);
  };
}

/** Runs the pending migrations as the owner on a connection of its own, then closes it. */
/** The advisory lock under which one API process at a time runs the migrations (any fixed number). */
export const MIGRATION_LOCK_KEY = 7_461_934_120;

/**
 * Runs the pending migrations as the owner on a connection of its own, then closes it. On a server,
 * several API processes may start at once: TypeORM takes no lock, so two would both create the
 * same tables and one would fail. Each holds a session-level advisory lock on a separate
 * connection meanwhile, so the others wait, then find nothing pending. (The embedded database
 * belongs to one process and its advisory locks exclude nothing.)
 *
 * The embedded database is then vacuumed and analyzed, as nothing else does that for it between
 * starts (PGlite has no autovacuum; `TableStatistics` keeps the statistics current while it runs).
 */
export async function migrate(target: DatabaseTarget): Promise<void> {
  const lock = 'url' in target ? new Client({ connectionString: target.migrationUrl ?? target.url }) : undefined;
  try {
    if (lock) {
      await lock.connect();
      await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    }
    const owner = dataSourceOptions(target);
    const dataSource = new DataSource({ ...owner, extra: { ...owner.extra, max: 1 } });
    await dataSource.initialize();
    if ('socketDir' in target) await dataSource.query('VACUUM (ANALYZE)');
    await dataSource.destroy();
  } finally {
    // Ending the session releases its lock.
    await lock?.end();
  }
}
