/**
 * `npm run bench`: reception's patient search at 100,000 patients.
 *
 * Seeds 100,000 synthetic patients (about 50,000 distinct names, set-based with generate_series)
 * into a FRESH database — a new database on the PostgreSQL server named by DATABASE_URL (dropped
 * afterwards), else an in-memory embedded PGlite — with the real migrations, then runs a few
 * hundred searches of each shape through the API's own search code (`runSearch` from
 * apps/api/src/patients/patient-search.repository.ts) and prints p50/p95 per shape, plus the
 * indexes each shape's plan uses (EXPLAIN ANALYZE).
 *
 * Options (environment): BENCH_PATIENTS (100000), BENCH_QUERIES per shape (200), BENCH_PLANS (print
 * each shape's plan), BENCH_SLOWEST (print the five slowest queries of each shape).
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../apps/api/src/platform/database/data-source-options';
import { EmbeddedPostgres, type DatabaseTarget } from '../../apps/api/src/platform/database/embedded-postgres';
import {
  fuzzySearchSql,
  parseSearch,
  setFuzzyThresholdSql,
  strongSearchSql,
  type SearchOptions,
  type SummaryRow,
} from '../../apps/api/src/patients/patient-search';
import { runSearch, type SearchDb } from '../../apps/api/src/patients/patient-search.repository';

const PATIENTS = Number(process.env['BENCH_PATIENTS'] ?? 100_000);
const QUERIES = Number(process.env['BENCH_QUERIES'] ?? 200);

const FIRST = [
  'Olivia',
  'Amelia',
  'Isla',
  'Ava',
  'Mia',
  'Ivy',
  'Lily',
  'Isabella',
  'Rosie',
  'Sophia',
  'Grace',
  'Willow',
  'Freya',
  'Florence',
  'Emily',
  'Ella',
  'Poppy',
  'Evie',
  'Elsie',
  'Charlotte',
  'Evelyn',
  'Sienna',
  'Sofia',
  'Daisy',
  'Phoebe',
  'Sophie',
  'Alice',
  'Harper',
  'Matilda',
  'Ruby',
  'Emilia',
  'Maya',
  'Millie',
  'Isabelle',
  'Eliza',
  'Arabella',
  'Chloé',
  'Zoë',
  'Siobhán',
  'Aoife',
  'Niamh',
  'Róisín',
  'Saoirse',
  'Ciara',
  'Orla',
  'Bríd',
  'Sinéad',
  'Aisling',
  'Mairéad',
  'Caoimhe',
  'Agnieszka',
  'Małgorzata',
  'Katarzyna',
  'Zofia',
  'Priya',
  'Ananya',
  'Fatima',
  'Aisha',
  'Ayesha',
  'Zainab',
  'Amara',
  'Chidinma',
  'Ngozi',
  'Yetunde',
  'Mei',
  'Lin',
  'Hannah',
  'Sarah',
  'Rebecca',
  'Rachel',
  'Leah',
  'Joanne',
  'Karen',
  'Susan',
  'Margaret',
  'Patricia',
  'Helen',
  'Deborah',
  'Claire',
  'Nicola',
  'Emma',
  'Lucy',
  'Jessica',
  'Laura',
  'Natalie',
  'Catrin',
  'Bronwen',
  'Cerys',
  'Gwen',
  'Ffion',
  'James',
  'Thomas',
  'David',
  'Daniel',
  'Marcus',
  'Oliver',
  'Jack',
  'Seán',
  'Ciarán',
  'Alex',
];
const LAST = [
  'Smith',
  'Jones',
  'Williams',
  'Taylor',
  'Brown',
  'Davies',
  'Evans',
  'Wilson',
  'Thomas',
  'Johnson',
  'Roberts',
  'Robinson',
  'Thompson',
  'Wright',
  'Walker',
  'White',
  'Edwards',
  'Hughes',
  'Green',
  'Hall',
  'Lewis',
  'Harris',
  'Clarke',
  'Patel',
  'Jackson',
  'Wood',
  'Turner',
  'Martin',
  'Cooper',
  'Hill',
  'Ward',
  'Morris',
  'Moore',
  'Clark',
  'Lee',
  'King',
  'Baker',
  'Harrison',
  'Morgan',
  'Allen',
  'James',
  'Scott',
  'Phillips',
  'Watson',
  'Davis',
  'Parker',
  'Price',
  'Bennett',
  'Young',
  'Griffiths',
  'Mitchell',
  'Kelly',
  'Cook',
  'Carter',
  'Richardson',
  'Bailey',
  'Collins',
  'Bell',
  'Shaw',
  'Murphy',
  'Miller',
  'Cox',
  'Richards',
  'Khan',
  'Marshall',
  'Anderson',
  'Simpson',
  'Ellis',
  'Adams',
  'Singh',
  'Begum',
  'Wilkinson',
  'Foster',
  'Chapman',
  'Powell',
  'Webb',
  'Rogers',
  'Gray',
  'Mason',
  'Ali',
  'Hunt',
  'Hussain',
  'Campbell',
  'Matthews',
  'Owen',
  'Palmer',
  'Holmes',
  'Mills',
  'Barnes',
  'Knight',
  'Lloyd',
  'Butler',
  'Russell',
  'Barker',
  'Fisher',
  'Stevens',
  'Jenkins',
  'Murray',
  'Dixon',
  'Harvey',
  "O'Neill",
  "O'Connor",
  "O'Brien",
  'Ó Briain',
  'Ó Súilleabháin',
  'Mac Giolla',
  'McAllister',
  'McDonald',
  'Fitzgerald',
  'Kowalska',
  'Nowak',
  'Wiśniewska',
  'Wójcik',
  'Kamińska',
  'Okafor',
  'Adeyemi',
  'Nwosu',
  'Chen',
  'Wang',
  'García',
  'Rodríguez',
];

interface Shape {
  name: string;
  queries: string[];
}

function pick<T>(xs: readonly T[], rnd: () => number): T {
  return xs[Math.floor(rnd() * xs.length)];
}

/** Deterministic PRNG so every run asks the same questions. */
function mulberry32(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const plain = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

function typo(word: string, rnd: () => number): string {
  const w = plain(word).replace(/[^a-z]/g, '');
  const i = 1 + Math.floor(rnd() * (w.length - 2));
  switch (Math.floor(rnd() * 3)) {
    case 0:
      return w.slice(0, i) + w.slice(i + 1); // dropped letter
    case 1:
      return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2); // swapped letters
    default:
      return w.slice(0, i) + 'aeiou'[Math.floor(rnd() * 5)] + w.slice(i + 1); // wrong vowel
  }
}

async function openTarget(): Promise<{ target: DatabaseTarget; label: string; close: () => Promise<void> }> {
  const url = process.env['DATABASE_URL'];
  if (url) {
    const name = `venule_bench_${randomBytes(4).toString('hex')}`;
    const admin = async (sql: string) => {
      const c = new Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(sql);
      } finally {
        await c.end();
      }
    };
    await admin(`CREATE DATABASE ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const c = new Client({ connectionString: url });
    await c.connect();
    const [{ server_version }] = (await c.query('SHOW server_version')).rows;
    await c.end();
    return {
      target: { url: u.toString(), poolSize: 2 },
      label: `PostgreSQL ${server_version} server (fresh database ${name})`,
      close: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  }
  const embedded = await EmbeddedPostgres.start();
  return { target: embedded.target, label: 'embedded PGlite 0.5 (in memory, over the wire protocol)', close: () => embedded.stop() };
}

async function seed(ds: DataSource): Promise<void> {
  // Half the patients carry one of the common surnames (skewed, as real registers are), half a
  // double-barrelled pair; first names uniformly. About 50,000 distinct full names.
  await ds.transaction(async (tx) => {
    // As in seed-clinic.ts: the name copies' foreign-key checks, planned on empty tables, would scan
    // them once per row.
    await tx.query(`SET LOCAL plan_cache_mode = force_custom_plan`);
    await tx.query(`SELECT setseed(0.42)`);
    await tx.query(
      `INSERT INTO patients (first_name, last_name, date_of_birth, sex, phone, email, archived, created_at, updated_at)
     SELECT f.first_name, l.last_name,
            DATE '1935-01-01' + floor(random() * 32000)::int,
            CASE WHEN random() < 0.85 THEN 'female' WHEN random() < 0.95 THEN 'male' ELSE 'other' END,
            CASE WHEN random() < 0.7 THEN '07' || lpad((floor(random() * 1e9))::bigint::text, 9, '0')
                 ELSE '+44 7' || lpad((floor(random() * 1e9))::bigint::text, 9, '0') END,
            'patient' || g || '@example.org',
            random() < 0.03,
            now() - make_interval(days => floor(random() * 2000)::int), now()
     FROM generate_series(1, $3::int) AS g
     CROSS JOIN LATERAL (SELECT ($1::text[])[1 + floor(random() * cardinality($1::text[]))::int + (g * 0)] AS first_name) f
     CROSS JOIN LATERAL (
       SELECT CASE WHEN random() < 0.5
                   THEN ($2::text[])[1 + floor(cardinality($2::text[]) * power(random(), 2))::int + (g * 0)]
                   ELSE ($2::text[])[1 + floor(random() * cardinality($2::text[]))::int + (g * 0)] || '-' || ($2::text[])[1 + floor(random() * cardinality($2::text[]))::int]
              END AS last_name) l`,
      [FIRST, LAST, PATIENTS],
    );
  });
  // Vacuumed as tables in steady use are, so autovacuum does not start in the middle of the timings.
  await ds.query(`VACUUM ANALYZE patients, patient_names, patient_name_suffixes`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const { target, label, close } = await openTarget();
  const ds = new DataSource(dataSourceOptions(target));
  try {
    const t0 = performance.now();
    await ds.initialize(); // runs the migrations
    await seed(ds);
    const seedMs = performance.now() - t0;
    const [{ n, names }] = await ds.query(`SELECT count(*)::int AS n, count(DISTINCT search_name)::int AS names FROM patients`);
    console.log(`\n${label}`);
    console.log(
      `seeded ${n.toLocaleString('en-GB')} patients, ${names.toLocaleString('en-GB')} distinct names, in ${(seedMs / 1000).toFixed(1)} s (migrations included)\n`,
    );

    const rnd = mulberry32(7);
    const sample: { clinic_number: string; phone: string; dob: string }[] = await ds.query(
      `SELECT clinic_number, phone, to_char(date_of_birth, 'YYYY-MM-DD') AS dob FROM patients ORDER BY md5(id::text) LIMIT $1`,
      [QUERIES],
    );
    const range = (f: (i: number) => string) => Array.from({ length: QUERIES }, (_, i) => f(i));
    const shapes: Shape[] = [
      {
        name: 'last-name prefix ("murph")',
        queries: range(() =>
          plain(pick(LAST, rnd))
            .replace(/[^a-z ]/g, '')
            .slice(0, 4 + Math.floor(rnd() * 2)),
        ),
      },
      {
        name: 'prefix + first name ("murphy ciara")',
        queries: range(() => `${plain(pick(LAST, rnd)).slice(0, 5)} ${plain(pick(FIRST, rnd)).slice(0, 3)}`),
      },
      {
        name: 'substring ("owals")',
        queries: range(() => {
          const w = plain(pick(LAST, rnd)).replace(/[^a-z]/g, '');
          return w.slice(1, Math.min(w.length, 6));
        }),
      },
      {
        name: 'typo, full name ("ciara murpy")',
        queries: range(
          () =>
            `${plain(pick(FIRST, rnd))} ${typo(
              pick(
                LAST.filter((l) => l.length >= 5),
                rnd,
              ),
              rnd,
            )}`,
        ),
      },
      {
        name: 'typo, short surname ("kahn", "jonse")',
        queries: range(() =>
          typo(
            pick(
              LAST.filter((l) => /^[A-Za-z]{4,5}$/.test(l)),
              rnd,
            ),
            rnd,
          ),
        ),
      },
      {
        name: 'clinic number ("VN-012345"/"12345")',
        queries: range((i) => (i % 2 ? sample[i].clinic_number : String(Number(sample[i].clinic_number.slice(3))))),
      },
      {
        name: 'phone digits (any format)',
        queries: range((i) => {
          const d = sample[i].phone.replace(/\D/g, '').slice(-10);
          return i % 2 ? `0${d.slice(0, 4)} ${d.slice(4)}` : `+44 ${d.slice(0, 4)} ${d.slice(4)}`;
        }),
      },
      {
        name: 'date of birth ("DD/MM/YYYY")',
        queries: range((i) => (i % 2 ? sample[i].dob : sample[i].dob.split('-').reverse().join('/'))),
      },
      {
        name: 'date of birth, two-digit year ("12/12/96")',
        queries: range((i) => {
          const [y, m, d] = sample[i].dob.split('-');
          return `${d}/${m}/${y.slice(2)}`;
        }),
      },
    ];

    const options: SearchOptions = { includeArchived: false, limit: 20, offset: 0 };
    const db: SearchDb = {
      query: (sql, params) => ds.query(sql, params) as Promise<SummaryRow[]>,
      transaction: (work) => ds.transaction((tx) => work((sql, params) => tx.query(sql, params))),
    };
    // Warm up caches so the first shape is not penalised.
    for (const s of shapes) for (const q of s.queries.slice(0, 10)) await runSearch(db, q, options);

    const slowest: string[] = [];
    const table: string[][] = [['query shape', 'n', 'p50 ms', 'p95 ms', 'max ms', 'mean hits', 'fuzzy used']];
    for (const s of shapes) {
      const times: number[] = [];
      const timed: [number, string][] = [];
      let hits = 0;
      let fuzzy = 0;
      for (const q of s.queries) {
        const start = performance.now();
        const r = await runSearch(db, q, options);
        times.push(performance.now() - start);
        timed.push([times[times.length - 1], q]);
        hits += r.total;
        if (r.shape === 'fuzzy') fuzzy++;
      }
      times.sort((a, b) => a - b);
      slowest.push(
        `${s.name}: ${timed
          .sort((a, b) => b[0] - a[0])
          .slice(0, 5)
          .map(([ms, q]) => `${JSON.stringify(q)} ${ms.toFixed(1)} ms`)
          .join(', ')}`,
      );
      table.push([
        s.name,
        String(times.length),
        percentile(times, 50).toFixed(1),
        percentile(times, 95).toFixed(1),
        times[times.length - 1].toFixed(1),
        (hits / times.length).toFixed(0),
        `${Math.round((100 * fuzzy) / times.length)} %`,
      ]);
    }
    const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
    for (const [i, row] of table.entries()) {
      console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
      if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    }

    if (process.env['BENCH_SLOWEST']) console.log(`\nSlowest queries of each shape:\n  ${slowest.join('\n  ')}`);

    console.log('\nIndexes in each shape’s plan (EXPLAIN ANALYZE of its first query):');
    for (const s of shapes) {
      const q = s.queries[0];
      const parsed = parseSearch(q);
      const statement = strongSearchSql(parsed, options);
      const plans: string[] = [];
      const explain = async (
        query: (sql: string, params: unknown[]) => Promise<{ 'QUERY PLAN': string }[]>,
        sql: string,
        params: unknown[],
      ) => (await query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ${sql}`, params)).map((r) => r['QUERY PLAN']).join('\n');
      plans.push(await explain((sql, p) => ds.query(sql, p), statement.sql, statement.params));
      const run = await runSearch(db, q, options);
      if (run.shape === 'fuzzy') {
        const f = fuzzySearchSql(parsed, options);
        plans.push(
          await ds.transaction(async (tx) => {
            await tx.query(setFuzzyThresholdSql);
            return explain((sql, p) => tx.query(sql, p), f.sql, f.params);
          }),
        );
      }
      const plan = plans.join('\n');
      const indexes = [...new Set([...plan.matchAll(/(?:Scan using|Scan Backward using|Bitmap Index Scan on) (\w+)/g)].map((m) => m[1]))];
      const seq = /Seq Scan on patients/.test(plan);
      console.log(
        `  ${s.name.padEnd(widths[0])}  q=${JSON.stringify(q).padEnd(22)} ${indexes.join(', ') || '(no index)'}${seq ? '  + Seq Scan on patients' : ''}`,
      );
      if (process.env['BENCH_PLANS']) console.log(plan.replace(/^/gm, '      '));
    }
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await close();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
