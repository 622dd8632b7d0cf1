/**
 * Fault 1: the PostgreSQL server stops for about 5 s under a steady load of reads and writes, then
 * starts again. While it is down the API answers 503 problem+json and /api/health says the
 * database is unreachable; afterwards it recovers by itself, and no record is half written.
 */
import { hashPassword } from '../../apps/api/src/auth/passwords';
import { PrivatePostgres } from './private-postgres';
import { Api, Client, sleep, Tally, Verdict, type Reply } from './support';

const PORT = Number(process.env['FAULTS_PORT_RESTART'] ?? 3141);
const PG_PORT = Number(process.env['FAULTS_PG_PORT'] ?? 5499);
const PASSWORD = 'fault scripts password';
const DOWN_MS = 5_000;
/** Sessions booked beforehand, completed one by one during the load. */
const PREPARED_SESSIONS = 30;

const ok = (res: Reply) => res.status >= 200 && res.status < 300;
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const instant = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export async function postgresRestart(): Promise<Verdict> {
  const verdict = new Verdict('PostgreSQL restart under load');
  const pg = PrivatePostgres.create(PG_PORT);
  let api: Api | undefined;
  const clients: Client[] = [];
  try {
    pg.start();
    await pg.initRoles();
    verdict.figure(`private PostgreSQL ${pg.version} on port ${PG_PORT}, API as venule_api`);
    api = await Api.start(PORT, {
      DATABASE_URL: pg.url('venule_api', 'venule', 'venule_api'),
      DATABASE_MIGRATION_URL: pg.url('venule', 'venule', 'venule'),
      VENULE_DEMO: 'false',
    });
    // A server starts without staff and the product has no first-admin command: staff rows are
    // written as the owner, as the integration tests' support code does.
    const owner = pg.url('venule', 'venule', 'venule');
    const hash = await hashPassword(PASSWORD);
    await pg.query(
      owner,
      `INSERT INTO users (email, display_name, role, password_hash) VALUES
         ('reception@faults.venule', 'Fault Reception', 'reception', $1), ('clinician@faults.venule', 'Fault Clinician', 'clinician', $1)`,
      [hash],
    );
    const [{ id: clinicianId }] = await pg.query<{ id: string }>(owner, `SELECT id FROM users WHERE role = 'clinician'`);
    const reception = new Client(PORT);
    const clinician = new Client(PORT);
    clients.push(reception, clinician);
    await reception.signIn('reception@faults.venule', PASSWORD);
    await clinician.signIn('clinician@faults.venule', PASSWORD);

    const sessions = await prepareSessions(reception, clinician, PREPARED_SESSIONS);
    verdict.figure(`${sessions.length} sessions booked beforehand for completion under load`);

    // The load: four signed-in clients, each in a loop until told to stop.
    const tally = new Tally();
    const acknowledged = { patients: [] as string[], completions: [] as string[], deposits: [] as string[] };
    let phase: 'before' | 'down' | 'after' = 'before';
    const byPhase = { before: new Tally(), down: new Tally(), after: new Tally() };
    let running = true;
    const record = (res: Reply) => {
      tally.add(res, ok);
      byPhase[phase].add(res, ok);
      return res;
    };
    const client = async (email: string) => {
      const c = new Client(PORT, 1, 15_000);
      clients.push(c);
      await c.signIn(email, PASSWORD);
      return c;
    };
    const readers = await Promise.all([client('reception@faults.venule'), client('reception@faults.venule')]);
    const writer = await client('reception@faults.venule');
    const payer = await client('reception@faults.venule');
    const completer = await client('clinician@faults.venule');
    let n = 0;
    const loops = [
      ...readers.map(async (c) => {
        while (running) {
          record(await c.get('/api/auth/me'));
          record(await c.get('/api/patients?q=fault'));
        }
      }),
      (async () => {
        while (running) {
          n += 1;
          const res = record(
            await writer.post('/api/patients', {
              firstName: 'Fault',
              lastName: `Load ${n}`,
              dateOfBirth: '1975-03-02',
              sex: 'female',
              phone: `07700 8${String(n).padStart(5, '0')}`,
              confirmDuplicate: true,
            }),
          );
          if (res.status === 201) acknowledged.patients.push(res.body.id);
        }
      })(),
      (async () => {
        let slot = 0;
        const start = Date.now() + 30 * 86_400_000;
        while (running) {
          slot += 1;
          const booked = record(
            await payer.post('/api/consultations', {
              type: 'named_doctor',
              clinicianId,
              patientId: sessions[slot % sessions.length].patientId,
              startsAt: instant(start + slot * 3_600_000),
              durationMinutes: 30,
            }),
          );
          if (booked.status !== 201) continue;
          const paid = record(
            await payer.post(`/api/consultations/${booked.body.id}/payments`, { kind: 'deposit', amountPence: 2500, method: 'card' }),
          );
          if (paid.status === 201) acknowledged.deposits.push(booked.body.id);
        }
      })(),
      (async () => {
        for (const s of sessions) {
          if (!running) break;
          const res = record(await completer.post(`/api/sessions/${s.sessionId}/complete`, COMPLETION));
          if (res.status === 200 || res.status === 201) acknowledged.completions.push(s.sessionId);
          // A 503 leaves the session booked: it is tried again once the database is back.
          else if (res.status === 503) sessions.push(s);
          await sleep(250);
        }
      })(),
    ];

    await sleep(4_000);
    phase = 'down';
    const stoppedAt = Date.now();
    pg.stop();
    verdict.figure(`pg_ctl stop -m fast took ${Date.now() - stoppedAt} ms`);
    const probe = new Client(PORT, 1, 15_000);
    clients.push(probe);
    const healthDown: Reply[] = [];
    while (Date.now() - stoppedAt < DOWN_MS) {
      healthDown.push(await probe.get('/api/health'));
      await sleep(500);
    }
    const startedAt = Date.now();
    pg.start();
    const upAt = Date.now();
    let healthyAt = 0;
    while (Date.now() - upAt < 30_000) {
      if ((await probe.get('/api/health')).status === 200) {
        healthyAt = Date.now();
        break;
      }
      await sleep(100);
    }
    phase = 'after';
    await sleep(5_000);
    running = false;
    await Promise.all(loops);

    verdict.figure(`database down ${startedAt - stoppedAt} ms; pg_ctl start took ${upAt - startedAt} ms`);
    verdict.figure(
      healthyAt
        ? `/api/health 200 again ${healthyAt - upAt} ms after PostgreSQL accepted connections, without restarting the API`
        : 'never healthy again',
    );
    verdict.figure(`requests: ${tally.describe()}`);
    verdict.figure(`before the stop: ${byPhase.before.describe()}`);
    verdict.figure(`while down and starting: ${byPhase.down.describe()}`);
    verdict.figure(`after recovery: ${byPhase.after.describe()}`);
    verdict.check(tally.other === 0, `${tally.other} answers were neither 2xx nor 503 problem+json`);
    verdict.check(byPhase.down.unavailable > 0, 'no 503 problem+json was seen while the database was down');
    const downHealth = healthDown.filter((r) => r.status === 503 && r.body?.detail === 'The database is unreachable.').length;
    verdict.figure(`/api/health while down: ${downHealth} of ${healthDown.length} probes 503 "The database is unreachable."`);
    verdict.check(
      healthDown.length > 0 && downHealth === healthDown.length,
      '/api/health did not say the database is unreachable on every probe',
    );
    verdict.check(healthyAt > 0, 'the API did not recover within 30 s of PostgreSQL starting');
    verdict.check(byPhase.after.ok > 0, 'no request succeeded after recovery');
    verdict.figure(
      `acknowledged: ${acknowledged.patients.length} patients, ${acknowledged.completions.length} completions, ${acknowledged.deposits.length} deposits`,
    );

    let broken = 0;
    const checks = integrityChecks(acknowledged);
    for (const [what, sql, params] of checks) {
      const [{ count }] = await pg.query<{ count: string }>(owner, sql, params);
      verdict.figure(`${what}: ${count}`);
      verdict.check(Number(count) === 0, `${count} × ${what}`);
      broken += Number(count);
    }
    verdict.headline.push(
      `requests ${tally.ok} ok / ${tally.unavailable} 503 problem+json / ${tally.other} other`,
      `database down ${startedAt - stoppedAt} ms, /api/health 503 on ${downHealth} of ${healthDown.length} probes`,
      healthyAt ? `healthy ${healthyAt - upAt} ms after PostgreSQL was back, no API restart` : 'never healthy again',
      `${broken} half-written or lost records (${checks.length} SQL checks)`,
    );
    if (!verdict.passed) process.stdout.write(`  the API's last lines:\n${api.log()}\n`);
    const stop = Date.now();
    await api.stop();
    const exit = await api.exited;
    verdict.figure(`API stopped by SIGTERM in ${Date.now() - stop} ms, exit code ${exit.code}`);
  } catch (error) {
    verdict.check(false, `${error instanceof Error ? error.message : String(error)}${api ? `\n${api.log()}` : ''}`);
  } finally {
    for (const c of clients) c.close();
    await api?.stop();
    pg.destroy();
  }
  return verdict;
}

/** Each check counts what must not exist; `$1…$3` are the acknowledged ids. */
function integrityChecks(ack: { patients: string[]; completions: string[]; deposits: string[] }): [string, string, unknown[]][] {
  return [
    [
      'completed sessions without their audit row',
      `SELECT count(*) FROM sessions s WHERE s.status = 'completed' AND NOT EXISTS (
         SELECT 1 FROM audit_events a WHERE a.entity = 'session' AND a.entity_id = s.id::text AND a.action = 'update' AND 'status' = ANY (a.fields))`,
      [],
    ],
    [
      'completed sessions without a dose',
      `SELECT count(*) FROM sessions WHERE status = 'completed' AND (dose_mg IS NULL OR volume_ml IS NULL)`,
      [],
    ],
    [
      'named-doctor consultations booked without their deposit in the ledger',
      `SELECT count(*) FROM consultations c WHERE c.type = 'named_doctor' AND c.status = 'booked'
         AND NOT EXISTS (SELECT 1 FROM consultation_payments p WHERE p.consultation_id = c.id AND p.kind = 'deposit')`,
      [],
    ],
    [
      'ledger entries without their audit row',
      `SELECT count(*) FROM consultation_payments p WHERE NOT EXISTS (
         SELECT 1 FROM audit_events a WHERE a.entity = 'consultation_payment' AND a.entity_id = p.id::text)`,
      [],
    ],
    [
      'consultations without their audit row',
      `SELECT count(*) FROM consultations c WHERE NOT EXISTS (
         SELECT 1 FROM audit_events a WHERE a.entity = 'consultation' AND a.entity_id = c.id::text AND a.action = 'create')`,
      [],
    ],
    [
      'patients without their audit row',
      `SELECT count(*) FROM patients p WHERE NOT EXISTS (
         SELECT 1 FROM audit_events a WHERE a.entity = 'patient' AND a.entity_id = p.id::text AND a.action = 'create')`,
      [],
    ],
    [
      // The search's copies are written by a trigger in the patient's own transaction.
      'patients the name search does not hold as they are',
      `SELECT count(*) FROM patients p WHERE NOT EXISTS (
         SELECT 1 FROM patient_names n WHERE n.id = p.id AND n.search_name = p.search_name AND n.archived = p.archived)
         OR (SELECT count(*) FROM patient_name_suffixes x WHERE x.patient_id = p.id)
            <> CASE WHEN p.archived THEN 0 ELSE length(p.search_name) - 2 END`,
      [],
    ],
    [
      'acknowledged patients missing',
      `SELECT count(*) FROM unnest($1::uuid[]) ack(id) WHERE NOT EXISTS (SELECT 1 FROM patients p WHERE p.id = ack.id)`,
      [ack.patients],
    ],
    [
      'acknowledged completions not completed',
      `SELECT count(*) FROM unnest($1::uuid[]) ack(id) WHERE NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = ack.id AND s.status = 'completed')`,
      [ack.completions],
    ],
    [
      'acknowledged deposits missing from the ledger',
      `SELECT count(*) FROM unnest($1::uuid[]) ack(id) WHERE NOT EXISTS (
         SELECT 1 FROM consultation_payments p WHERE p.consultation_id = ack.id AND p.kind = 'deposit')`,
      [ack.deposits],
    ],
  ];
}

const COMPLETION = {
  legs: ['left'],
  agent: 'polidocanol',
  product: 'Asclera',
  batchNumber: 'F123',
  concentrationPercent: 0.5,
  form: 'liquid',
  volumeMl: 4,
  injections: 12,
  compression: { mmHg: 20, hours: 72 },
  checklist: { noLotions: true, stockingsBrought: true },
};

/** Cleared patients (history, a clear scan, a consented course) each with a session booked today, through HTTP. */
async function prepareSessions(reception: Client, clinician: Client, count: number): Promise<{ patientId: string; sessionId: string }[]> {
  const must = (res: Reply, what: string) => {
    if (res.status !== 200 && res.status !== 201) throw new Error(`preparing ${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const out: { patientId: string; sessionId: string }[] = [];
  for (let i = 0; i < count; i++) {
    const patient = must(
      await reception.post('/api/patients', {
        firstName: 'Fault',
        lastName: `Course ${i}`,
        dateOfBirth: '1980-05-17',
        sex: 'female',
        phone: `07700 9${String(i).padStart(5, '0')}`,
        confirmDuplicate: true,
      }),
      'a patient',
    );
    must(
      await clinician.send('PUT', `/api/patients/${patient.id}/medical-history`, {
        conditions: [],
        acknowledgements: {},
        weightKg: 70,
        weightMeasuredOn: daysFromToday(-7),
      }),
      'a medical history',
    );
    must(
      await clinician.post(`/api/patients/${patient.id}/scans`, {
        performedOn: daysFromToday(-20),
        performedBy: 'Vascular lab',
        legs: { left: { findings: [], conclusion: 'clear' } },
      }),
      'a scan',
    );
    const course = must(await clinician.post(`/api/patients/${patient.id}/courses`, { legs: ['left'], plannedSessions: 3 }), 'a course');
    must(await clinician.post(`/api/courses/${course.id}/consent`, { consentedOn: today(), formVersion: 'v3' }), 'a consent');
    const session = must(
      await reception.post(`/api/courses/${course.id}/sessions`, { scheduledFor: instant(Date.now() + (10 + i) * 60_000) }),
      'a booking',
    );
    out.push({ patientId: patient.id, sessionId: session.id });
  }
  return out;
}

if (require.main === module) {
  void postgresRestart().then((v) => {
    process.stdout.write(`${v.line()}\n`);
    process.exit(v.passed ? 0 : 1);
  });
}
