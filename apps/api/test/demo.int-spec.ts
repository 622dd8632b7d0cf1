import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StaffClient } from './support/staff-client';
import { TestApp } from './support/test-app';

const ROLES = ['reception', 'clinician', 'manager', 'admin'];

/** Row counts of every table, to compare a clinic before and after a restart. */
async function census(t: TestApp): Promise<Record<string, number>> {
  const tables: { name: string }[] = await t.db.query(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('migrations', 'staff_sessions', 'audit_events')
      ORDER BY 1`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM "${name}"`);
    counts[name] = n;
  }
  return counts;
}

describe('the demo clinic on the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'venule-demo-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('loads once, signs in every demo role, and survives a restart without loading twice', async () => {
    const first = await TestApp.start({ demo: true, dataDir, embedded: true });
    let before: Record<string, number>;
    try {
      let admin: StaffClient | undefined;
      for (const role of ROLES) {
        const browser = await StaffClient.open(first.server);
        const res = await browser.post('/api/auth/login', { email: `${role}@demo.venule`, password: 'demo-venule' });
        expect({ role, status: res.status }).toEqual({ role, status: 200 });
        if (role === 'admin') admin = browser;
      }
      // The demo clinic signs its aftercare message in its own words; the reminder keeps the built-in ones.
      const templates = await (admin as StaffClient).get('/api/message-templates');
      expect(templates.body.map((t: { template: string; customised: boolean }) => [t.template, t.customised])).toEqual([
        ['session_reminder', false],
        ['aftercare', true],
        ['recall_open', false],
        ['recall_closing', false],
        ['consultation_reminder', false],
      ]);
      expect(templates.body[1].text).toContain('With best wishes,\nThe team at {{clinicName}}');
      before = await census(first);
      expect(before['users']).toBeGreaterThanOrEqual(4);
    } finally {
      await first.stop();
    }

    const second = await TestApp.start({ demo: true, dataDir, embedded: true });
    try {
      expect(await census(second)).toEqual(before);
    } finally {
      await second.stop();
    }
  });
});

describe('a PostgreSQL server without demo mode', () => {
  it('has no demo accounts', async () => {
    const t = await TestApp.start();
    try {
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM users WHERE email LIKE '%@demo.venule'`);
      expect(n).toBe(0);
    } finally {
      await t.stop();
    }
  });
});
