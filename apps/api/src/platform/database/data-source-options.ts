import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '@venule/migrations';
import type { DatabaseTarget } from './embedded-postgres';

/** TypeORM options for either database. Schema changes only ever come from `migrations/`. */
export function dataSourceOptions(target: DatabaseTarget): DataSourceOptions {
  const connection =
    'url' in target ? { url: target.url } : { host: target.socketDir, port: 5432, username: 'postgres', database: 'postgres' };
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
