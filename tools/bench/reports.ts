/**
 * `npm run bench` (second part): the managers' three reports on the benchmark clinic of
 * `seed-clinic.ts`, p50/p99 at 1 and 8 concurrent managers, through the API's own SQL
 * (ReportsRepository).
 *
 * Database: BENCH_DATABASE_URL names one already filled by `npm run seed:bench` (used as is);
 * otherwise a fresh database on the server DATABASE_URL names (seeded, then dropped), else an
 * in-memory embedded PGlite (seeded; BENCH_PATIENTS / BENCH_COURSES scale it down there).
 * Options: BENCH_ROUNDS per report and concurrency (40).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { ClinicalPolicy } from '@venule/clinical-rules';
import { dataSourceOptions } from '../../apps/api/src/platform/database/data-source-options';
import { EmbeddedPostgres, type DatabaseTarget } from '../../apps/api/src/platform/database/embedded-postgres';
import { ReportsRepository, type Period, type ReportClock } from '../../apps/api/src/reports/reports.repository';
import { seedClinic } from './seed-clinic';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 40);
const TIME_ZONE = 'Europe/London';

async function admin(url: string, sql: string): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function openTarget(): Promise<{ target: DatabaseTarget; label: string; seed: boolean; close: () => Promise<void> }> {
  const ready = process.env['BENCH_DATABASE_URL'];
  if (ready)
    return {
      target: { url: ready, poolSize: 10 },
      label: `PostgreSQL server, seeded database ${new URL(ready).pathname.slice(1)}`,
      seed: false,
      close: async () => undefined,
    };
  const url = process.env['DATABASE_URL'];
  if (url) {
    const name = `venule_bench_${randomBytes(4).toString('hex')}`;
    await admin(url, `CREATE DATABASE ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    return {
      target: { url: u.toString(), poolSize: 10 },
      label: `PostgreSQL server (fresh database ${name})`,
      seed: true,
      close: () => admin(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  }
  const embedded = await EmbeddedPostgres.start();
  return { target: embedded.target, label: 'embedded PGlite (in memory, one connection)', seed: true, close: () => embedded.stop() };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** Runs `work` ROUNDS times on each of `concurrency` workers at once; latencies sorted. */
async function measure(concurrency: number, work: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      for (let i = 0; i < ROUNDS; i++) {
        const start = performance.now();
        await work(w * ROUNDS + i);
        times.push(performance.now() - start);
      }
    }),
  );
  return times.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const { target, label, seed, close } = await openTarget();
  const ds = new DataSource({ ...dataSourceOptions(target), logging: false });
  try {
    await ds.initialize();
    if (seed) {
      const t0 = performance.now();
      const counts = await seedClinic(ds, undefined, TIME_ZONE);
      process.stdout.write(
        `seeded ${Object.entries(counts)
          .map(([k, v]) => `${v.toLocaleString('en-GB')} ${k}`)
          .join(', ')} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
      );
    }
    const [settings] = await ds.query(
      `SELECT scan_validity_months, min_interval_days, max_interval_days FROM clinic_settings WHERE id = 1`,
    );
    const [{ today, clinicians, active }] = await ds.query(
      `SELECT (now() AT TIME ZONE $1)::date::text AS today, array_agg(DISTINCT completed_by) AS clinicians,
              (SELECT count(*)::int FROM courses WHERE status = 'active') AS active
         FROM (SELECT completed_by FROM sessions WHERE status = 'completed' LIMIT 5000) s`,
      [TIME_ZONE],
    );
    const policy = {
      scanValidityMonths: settings.scan_validity_months,
      minIntervalDays: settings.min_interval_days,
      maxIntervalDays: settings.max_interval_days,
    } as ClinicalPolicy;
    const clock: ReportClock = { on: today, timeZone: TIME_ZONE, policy };
    const repo = new ReportsRepository(ds);
    const yearAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 364 * 86_400_000).toISOString().slice(0, 10);
    const year = (i: number): Period => ({ from: yearAgo, to: today, clinicianId: i % 4 === 3 ? clinicians[i % clinicians.length] : null });
    const sorts = ['daysOverdue', 'patientName', 'nextSessionOn', 'clinicianName'] as const;
    const reports: [string, (i: number) => Promise<unknown>][] = [
      [
        'course progress, page of 50 (sorts and offsets vary)',
        (i) => repo.courseProgress(clock, { sort: sorts[i % 4], direction: i % 2 ? 'asc' : 'desc', limit: 50, offset: (i % 5) * 50 }),
      ],
      [
        'course progress, state=overdue + clinician filter',
        (i) =>
          repo.courseProgress(clock, {
            state: 'overdue',
            clinicianId: clinicians[i % clinicians.length],
            sort: 'daysOverdue',
            direction: 'desc',
            limit: 50,
            offset: 0,
          }),
      ],
      ['overdue and recall list (whole)', () => Promise.all([repo.recallCandidates(clock, 14), repo.scansExpiring(clock, 30)])],
      [
        'outcomes over a year (clinic; every 4th per clinician)',
        (i) => {
          const p = year(i);
          return Promise.all([
            repo.improvementBySessions(p),
            repo.closedCourses(p, TIME_ZONE),
            repo.sessionsPerClinicianMonth(p),
            repo.adverseEvents(p),
            repo.attendance(p, TIME_ZONE),
            repo.scanToFirstTreatment(p),
            repo.overdueByMonth(p, TIME_ZONE, policy.maxIntervalDays),
          ]);
        },
      ],
    ];
    for (const [, work] of reports) await work(0); // warm the caches
    process.stdout.write(`\nReports on ${label}: ${active.toLocaleString('en-GB')} active courses, ${ROUNDS} rounds per manager\n`);
    const table: string[][] = [['report', 'managers', 'p50 ms', 'p99 ms', 'max ms']];
    for (const [name, work] of reports) {
      for (const concurrency of [1, 8]) {
        const times = await measure(concurrency, work);
        table.push([
          name,
          String(concurrency),
          percentile(times, 50).toFixed(1),
          percentile(times, 99).toFixed(1),
          times[times.length - 1].toFixed(1),
        ]);
      }
    }
    const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
    for (const [i, row] of table.entries()) {
      process.stdout.write(`${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')}\n`);
      if (i === 0) process.stdout.write(`${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
    }
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await close();
  }
}

void main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
