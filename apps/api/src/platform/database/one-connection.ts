import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `work` on one connection of the pool, held until it ends, without a transaction (so no
 * BEGIN or COMMIT): for a request of several statements that are each atomic on their own, such
 * as booking's facts and then its checked write. The embedded database has one connection: held,
 * a request's statements run one after the other and concurrent requests finish one by one, as
 * they did in transactions; not held, fifty requests' statements interleave and all finish at the
 * end. On the server it costs nothing but the connection while the rules run.
 */
export async function onOneConnection<T>(db: DataSource, work: (m: EntityManager) => Promise<T>): Promise<T> {
  const runner = db.createQueryRunner();
  try {
    return await work(runner.manager);
  } finally {
    await runner.release();
  }
}
