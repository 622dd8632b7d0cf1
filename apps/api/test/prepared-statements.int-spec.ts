import type { ClientBase, Pool } from 'pg';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { queryPrepared } from '../src/platform/database/prepared';
import { TestApp } from './support/test-app';

/** The hot routes' statements are prepared once per connection (`queryPrepared`), on both databases. */
describe('prepared statements', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  it('prepares a statement once on its connection and runs it with each call’s values', async () => {
    const sql = 'SELECT $1::int + 1 AS next';
    const runner = t.db.createQueryRunner();
    try {
      expect(await queryPrepared(runner.manager, sql, [1])).toEqual([{ next: 2 }]);
      expect(await queryPrepared(runner.manager, sql, [41])).toEqual([{ next: 42 }]);
      const [prepared] = await runner.query(`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1`, [sql]);
      expect(prepared.n).toBe(1);
    } finally {
      await runner.release();
    }
  });

  it('runs on the pool when given a manager of no connection, and gives the connection back as it found it', async () => {
    const pool = (t.db.driver as PostgresDriver).master as Pool;
    // Each connection's error listeners when the pool hands it out: pg-pool's own, for an idle connection.
    const listeners = new Map<ClientBase, number>();
    const onAcquire = (client: ClientBase) => {
      if (!listeners.has(client)) listeners.set(client, client.listenerCount('error'));
    };
    pool.on('acquire', onAcquire);
    try {
      for (let i = 0; i < 5; i++) {
        expect(await queryPrepared(t.db.manager, 'SELECT $1::text AS said', [`hello ${i}`])).toEqual([{ said: `hello ${i}` }]);
      }
    } finally {
      pool.off('acquire', onAcquire);
    }
    // The listener that watches a connection during its statement is removed with it (none left behind per call).
    for (const [client, before] of listeners) expect(client.listenerCount('error')).toBe(before);
    expect(pool.waitingCount).toBe(0);
    expect(pool.idleCount).toBe(pool.totalCount);
  });

  it('prepares again on a connection that replaced a broken one (the embedded database keeps what the old one prepared)', async () => {
    const sql = 'SELECT $1::int * 2 AS twice';
    const first = t.db.createQueryRunner();
    expect(await queryPrepared(first.manager, sql, [2])).toEqual([{ twice: 4 }]);
    // As when its socket breaks: the query runner gives the connection back with the error, and the pool closes it.
    const broken: ClientBase = await first.connect();
    broken.emit('error', new Error('connection lost'));

    const second = t.db.createQueryRunner();
    try {
      expect(await queryPrepared(second.manager, sql, [21])).toEqual([{ twice: 42 }]);
    } finally {
      await second.release();
    }
  });
});
