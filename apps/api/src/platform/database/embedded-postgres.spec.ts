import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgres } from './embedded-postgres';

async function withClient<T>(embedded: EmbeddedPostgres, work: (client: Client) => Promise<T>): Promise<T> {
  const target = embedded.target as { socketDir: string };
  const client = new Client({ host: target.socketDir, port: 5432, user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('EmbeddedPostgres', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'venule-embedded-spec-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('serves PostgreSQL in memory with the extensions the migrations create, and removes its socket when stopped', async () => {
    const embedded = await EmbeddedPostgres.start();
    const found = await withClient(embedded, async (client) => {
      await client.query('CREATE EXTENSION pg_trgm; CREATE EXTENSION unaccent; CREATE EXTENSION btree_gist');
      const { rows } = await client.query(`SELECT unaccent('Zoë') AS plain, similarity('Hughes', 'Hugues') > 0.3 AS similar`);
      return rows[0];
    });
    await embedded.stop();
    expect(found).toEqual({ plain: 'Zoe', similar: true });
    expect(existsSync(embedded.socketDir)).toBe(false);
  });

  it('keeps what was committed in its data directory across a stop and a start', async () => {
    const first = await EmbeddedPostgres.start(dir);
    await withClient(first, (client) => client.query(`CREATE TABLE kept (note text); INSERT INTO kept VALUES ('written before the stop')`));
    await first.stop();
    const second = await EmbeddedPostgres.start(dir);
    const { rows } = await withClient(second, (client) => client.query('SELECT note FROM kept'));
    await second.stop();
    expect(rows).toEqual([{ note: 'written before the stop' }]);
  });

  it("rejects start() with PGlite's reason when the data directory cannot be opened", async () => {
    writeFileSync(join(dir, 'pgdata'), 'a file where the database directory belongs');
    await expect(EmbeddedPostgres.start(dir)).rejects.toThrow(/PGlite failed to start: ErrnoError/);
  });
});
