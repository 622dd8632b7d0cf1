import { TestApp } from './support/test-app';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The embedded database must keep a server's transactional guarantees (TOOLCHAIN.md's PGlite
 * hazard): the same race runs on PGlite and on the PostgreSQL server.
 */
describe('concurrent transactions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ ownerSql: `CREATE TABLE race (label text PRIMARY KEY)` });
  });
  afterAll(() => t.stop());

  it('keeps a committed write when a concurrent transaction rolls back, and hides uncommitted rows', async () => {
    let seenByOther: string[] | undefined;
    const rolledBack = t.db
      .transaction(async (tx) => {
        await tx.query(`INSERT INTO race VALUES ('rolled back')`);
        await pause(150);
        throw new Error('changed my mind');
      })
      .catch((e: Error) => e.message);
    const committed = (async () => {
      await pause(20);
      await t.db.transaction(async (tx) => {
        seenByOther = (await tx.query(`SELECT label FROM race`)).map((r: { label: string }) => r.label);
        await tx.query(`INSERT INTO race VALUES ('committed')`);
      });
    })();

    expect(await rolledBack).toBe('changed my mind');
    await committed;
    expect(seenByOther).not.toContain('rolled back');
    const rows = await t.db.query(`SELECT label FROM race ORDER BY label`);
    expect(rows.map((r: { label: string }) => r.label)).toEqual(['committed']);
  });

  it('lets only one of two racing inserts of the same key commit', async () => {
    const attempt = (who: string) =>
      t.db
        .transaction(async (tx) => {
          const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM race WHERE label = 'slot'`);
          await pause(50);
          if (n === 0) await tx.query(`INSERT INTO race VALUES ('slot')`);
          return who;
        })
        .then(
          (w) => `ok:${w}`,
          () => 'refused',
        );
    const results = await Promise.all([attempt('a'), attempt('b')]);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM race WHERE label = 'slot'`);
    expect(n).toBe(1);
    expect(results.filter((r) => r.startsWith('ok')).length).toBeGreaterThanOrEqual(1);
  });
});
