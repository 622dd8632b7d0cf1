import { TableStatistics } from '../src/platform/database/table-statistics';
import { TableStatisticsRepository } from '../src/platform/database/table-statistics.repository';
import { TestApp } from './support/test-app';

/**
 * The embedded database has no autovacuum, so the API keeps its planner statistics itself
 * (issue 14): without them a clinic's tables keep the statistics of the day they were created,
 * empty, and the planner picks scans that grow with the clinic. Embedded in both suites.
 */
describe('planner statistics on the embedded database', () => {
  let t: TestApp;

  /** What the planner believes of a table, and when it was last analyzed. */
  const statistics = async (table: string) => {
    const [row] = await t.db.query(
      `SELECT c.reltuples::int AS rows, s.last_analyze
         FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid
        WHERE s.schemaname = 'public' AND s.relname = $1`,
      [table],
    );
    return row as { rows: number; last_analyze: Date | null };
  };

  /** Inserts `n` rows, then makes sure the statistics system has counted them (it flushes at most once a second). */
  const addCounters = async (prefix: string, n: number) => {
    await t.db.query(
      `INSERT INTO rate_limit_counters (key, hits, window_ends_at)
       SELECT $1 || i, 1, now() + interval '1 hour' FROM generate_series(1, $2::int) i`,
      [prefix, n],
    );
    await t.db.query(`SELECT pg_stat_force_next_flush()`);
    await t.db.query(`SELECT 1`);
  };

  beforeAll(async () => {
    t = await TestApp.start({ embedded: true });
  });
  afterAll(() => t.stop());

  it('starts with every table analyzed', async () => {
    const [row] = await t.db.query(
      `SELECT count(*)::int AS n FROM pg_stat_user_tables WHERE schemaname = 'public' AND last_analyze IS NULL`,
    );
    expect(row.n).toBe(0);
  });

  it('analyzes a table that grew on its next round, so the planner sees its rows', async () => {
    expect((await statistics('rate_limit_counters')).rows).toBeLessThan(10);
    await addCounters('grew-', 400);

    await t.app.get(TableStatistics).tick();

    expect((await statistics('rate_limit_counters')).rows).toBeGreaterThanOrEqual(400);
  });

  it('leaves a table alone while its changes are under autovacuum threshold (50 rows and a tenth)', async () => {
    const before = await statistics('rate_limit_counters');
    await addCounters('few-', 20);

    const analyzed = await t.app.get(TableStatisticsRepository).analyzeChanged();

    expect(analyzed).not.toContain('rate_limit_counters');
    expect(await statistics('rate_limit_counters')).toEqual(before);
  });

  it('runs as the API role, which owns no table and may not analyze one itself', async () => {
    const [row] = await t.db.query(`SELECT current_user AS role, has_function_privilege('analyze_changed_tables()', 'EXECUTE') AS may`);
    expect(row).toEqual({ role: 'venule_app', may: true });
    const [owned] = await t.db.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user`);
    expect(owned.n).toBe(0);
  });
});
