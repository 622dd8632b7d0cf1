import { MIGRATIONS } from '@venule/migrations';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrate } from '../src/platform/database/data-source-options';

async function adminQuery<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Several API processes started at once against one new database (a deployment rolling out, or
 * `npm run scale-out`): each runs the start-up migrations, and none may fail because another is
 * creating the same tables. Server only: the embedded database belongs to one process.
 */
(process.env['DATABASE_URL'] ? describe : describe.skip)('migrations started by several processes at once', () => {
  const serverUrl = process.env['DATABASE_URL'] ?? '';
  const name = `venule_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  let url: URL;

  beforeAll(async () => {
    await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
    url = new URL(serverUrl);
    url.pathname = `/${name}`;
  });
  afterAll(() => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

  it('all succeed, and each migration is applied exactly once', async () => {
    const target = { url: url.toString(), poolSize: 10 };
    await expect(Promise.all([migrate(target), migrate(target), migrate(target)])).resolves.toHaveLength(3);

    const applied = await adminQuery<{ name: string }>(url.toString(), `SELECT name FROM migrations ORDER BY id`);
    expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => m.name));
  });
});
