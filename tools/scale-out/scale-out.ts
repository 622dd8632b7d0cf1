/**
 * `npm run scale-out`: two API processes of the built product (`dist/apps/api/main.js`) against one
 * PostgreSQL database, proving that nothing the product guarantees depends on there being one:
 *
 *   1. both start at once against a new database, and its migrations run exactly once;
 *   2. a member of staff signed in through one process is signed in on the other (one cookie);
 *   3. signing out through one ends the session on the other;
 *   4. the sign-in limits count attempts made through either;
 *   5. a record created on one is read, searched and updated on the other, and a stale version
 *      sent to the first is refused (409 VERSION_CONFLICT);
 *   6. the same clinician booked at the same time for two patients, one request to each process
 *      at the same moment, repeated: exactly one booking wins each time (422 DOUBLE_BOOKED);
 *   7. with both processes running the outbox's sender every second, every due message reaches
 *      the SMTP server exactly once.
 *
 * It prints PASS or FAIL for each and exits non-zero on a failure. With `--measure` it then loads
 * a read route on one process and on both (autocannon) and prints the figures.
 *
 * Needs `npx nx run-many -t build -p api dashboard` first. Environment: DATABASE_URL, the server
 * on which to create the database (default postgres://postgres@127.0.0.1:5432/postgres; it is
 * dropped at the end, also on failure); SCALE_OUT_PORTS (two ports, default two free ones);
 * SCALE_OUT_ROUNDS (20 double-booking races); MEASURE_SECONDS (8), MEASURE_CONNECTIONS (50).
 */
import { SESSION_COOKIE } from '@venule/api-contract';
import { MIGRATIONS } from '@venule/migrations';
import { randomBytes } from 'node:crypto';
import { hashPassword } from '../../apps/api/src/auth/passwords';
import { Browser, expectStatus, type Reply } from './browser';
import { ApiProcess, createDatabase, freePort, sql, startSmtp } from './cluster';
import { measure } from './measure';

const SERVER_URL = process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres';
const ROUNDS = Number(process.env['SCALE_OUT_ROUNDS'] ?? 20);
const PASSWORD = 'scale-out staff password';
const SMTP_DELAY_MS = 150;

interface Outcome {
  name: string;
  ok: boolean;
  detail: string;
}

const outcomes: Outcome[] = [];

async function prove(name: string, run: () => Promise<string>): Promise<boolean> {
  try {
    const detail = await run();
    outcomes.push({ name, ok: true, detail });
    console.log(`PASS  ${name}\n      ${detail}`);
    return true;
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    outcomes.push({ name, ok: false, detail });
    console.log(`FAIL  ${name}\n      ${detail.replace(/\n/g, '\n      ')}`);
    return false;
  }
}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Today's date in the clinic's zone (the API's default, Europe/London). */
const clinicToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
const daysBefore = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

async function signIn(origin: string, email: string, label: string): Promise<Browser> {
  const browser = new Browser(label);
  expectStatus(await browser.post(origin, '/api/auth/login', { email, password: PASSWORD }), 200, `sign-in of ${email}`);
  return browser;
}

/** Runs `work` over `items`, `width` at a time. */
async function inBatches<T, R>(items: T[], width: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += width) {
    results.push(...(await Promise.all(items.slice(i, i + width).map((item, j) => work(item, i + j)))));
  }
  return results;
}

async function main(): Promise<void> {
  const wantMeasure = process.argv.includes('--measure');
  const ports = process.env['SCALE_OUT_PORTS']?.split(',').map(Number) ?? [await freePort(), await freePort()];
  check(
    ports.length === 2 && ports.every((p) => p > 0) && ports[0] !== ports[1],
    'SCALE_OUT_PORTS must be two different ports, e.g. 3150,3151',
  );

  const db = await createDatabase(SERVER_URL);
  const smtp = await startSmtp(SMTP_DELAY_MS);
  const apis: ApiProcess[] = [];
  let tornDown = false;
  const teardown = async () => {
    if (tornDown) return;
    tornDown = true;
    await Promise.all(apis.map((api) => api.stop()));
    await smtp.stop();
    await db.drop();
  };
  process.once('SIGINT', () => void teardown().finally(() => process.exit(130)));

  console.log(`scale-out: database ${db.name}; API A on ${ports[0]}, B on ${ports[1]}; SMTP on ${smtp.port}\n`);
  try {
    const env = {
      DATABASE_URL: db.apiUrl,
      DATABASE_MIGRATION_URL: db.ownerUrl,
      LOG_LEVEL: 'warn',
      VENULE_DEMO: 'false',
      SEND_MESSAGES: 'true',
      SEND_MESSAGES_EVERY_SECONDS: '1',
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    };
    // A From of its own per process, so the SMTP server can tell which one sent each email.
    apis.push(
      ApiProcess.start('A', ports[0], { ...env, MAIL_FROM: 'Clinic <a@scale-out.invalid>' }),
      ApiProcess.start('B', ports[1], { ...env, MAIL_FROM: 'Clinic <b@scale-out.invalid>' }),
    );
    const [A, B] = apis.map((api) => api.origin);

    const started = await prove('both processes start at once on a new database; its migrations run exactly once', async () => {
      await Promise.all(apis.map((api) => api.ready()));
      const applied = await sql<{ name: string; n: number }>(db.ownerUrl, `SELECT name, count(*)::int AS n FROM migrations GROUP BY name`);
      const twice = applied.filter((m) => m.n > 1).map((m) => m.name);
      check(twice.length === 0, `applied more than once: ${twice.join(', ')}`);
      check(applied.length === MIGRATIONS.length, `${applied.length} of ${MIGRATIONS.length} migrations applied`);
      const failed = apis.filter((api) => /Migration .* failed|Unable to connect to the database/.test(api.log)).map((api) => api.name);
      check(
        failed.length === 0,
        `a migration failed in ${failed.join(' and ')} and was retried:\n${failed.map((n) => apis.find((a) => a.name === n)?.tail(10)).join('\n')}`,
      );
      return `A and B answer /api/health; ${MIGRATIONS.length} migrations applied once each, none failed in either process`;
    });
    if (!started) throw new Error('the processes did not start; nothing else can be proven');

    // Staff: the first admin is created in the database, as an operator does once; the rest by that admin through the API.
    const tag = randomBytes(3).toString('hex');
    const emails = {
      admin: `admin.${tag}@scale-out.invalid`,
      reception: `reception.${tag}@scale-out.invalid`,
      clinician: `clinician.${tag}@scale-out.invalid`,
    };
    await sql(db.ownerUrl, `INSERT INTO users (email, display_name, role, password_hash) VALUES ($1, 'Scale-out Admin', 'admin', $2)`, [
      emails.admin,
      await hashPassword(PASSWORD),
    ]);
    const admin = await signIn(A, emails.admin, 'admin');
    const receptionUser = expectStatus(
      await admin.post(A, '/api/users', { email: emails.reception, displayName: 'Rae Reception', role: 'reception', password: PASSWORD }),
      201,
      'admin creates reception on A',
    ).body;
    const clinicianUser = expectStatus(
      await admin.post(B, '/api/users', {
        email: emails.clinician,
        displayName: 'Dr Cleo Clinician',
        role: 'clinician',
        password: PASSWORD,
      }),
      201,
      'admin creates clinician on B',
    ).body;

    await prove('a member of staff signed in on A is signed in on B, with the same cookie', async () => {
      const browser = await signIn(A, emails.reception, 'reception');
      const onB = expectStatus(await browser.get(B, '/api/auth/me'), 200, 'GET /api/auth/me on B');
      check(onB.body.user?.id === receptionUser.id, `B answered for ${JSON.stringify(onB.body)}, not the reception account`);
      expectStatus(await browser.get(A, '/api/auth/me'), 200, 'GET /api/auth/me on A');
      return `signed in on A; GET /api/auth/me on B → 200 as ${onB.body.user.email}`;
    });

    await prove('signing out on B signs out on A', async () => {
      const browser = await signIn(A, emails.reception, 'reception');
      const copied = Browser.withCookies('copied cookie', { [SESSION_COOKIE]: browser.sessionCookie ?? '' });
      expectStatus(await browser.post(B, '/api/auth/logout'), 204, 'POST /api/auth/logout on B');
      const mine = await browser.get(A, '/api/auth/me');
      const replayed = await copied.get(A, '/api/auth/me');
      check(mine.status === 401, `the browser is still signed in on A: ${mine.status}`);
      check(
        replayed.status === 401 && replayed.body.code === 'UNAUTHENTICATED',
        `the old session cookie still works on A: ${replayed.status}`,
      );
      return 'signed in on A, out on B; on A the browser gets 401, and so does the old session cookie replayed';
    });

    await prove('the sign-in limits count attempts made through either process', async () => {
      const email = `nobody.${tag}@scale-out.invalid`;
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await new Browser('guesser').post(i % 2 ? B : A, '/api/auth/login', { email, password: `guess ${i}` });
        statuses.push(res.status);
      }
      check(
        statuses.slice(0, 5).every((s) => s === 401) && statuses[5] === 429,
        `statuses of 6 wrong passwords alternating A, B: ${statuses.join(', ')} (expected five 401 and then 429)`,
      );
      return `five wrong passwords for one account, alternating A and B: 401 each; the sixth (on B) → 429`;
    });

    const reception = await signIn(B, emails.reception, 'reception');
    const clinician = await signIn(A, emails.clinician, 'clinician');

    await prove('a record created on A is read, searched and updated on B; a stale version on A → 409', async () => {
      const created = expectStatus(
        await reception.post(A, '/api/patients', {
          firstName: 'Ada',
          lastName: `Scaleout-${tag}`,
          dateOfBirth: '1979-03-14',
          sex: 'female',
          phone: '07700 900555',
          email: `ada.${tag}@example.org`,
        }),
        201,
        'POST /api/patients on A',
      ).body;
      const read = expectStatus(await reception.get(B, `/api/patients/${created.id}`), 200, 'GET the patient on B').body;
      check(read.clinicNumber === created.clinicNumber && read.version === created.version, `B read ${JSON.stringify(read)}`);
      const found = expectStatus(
        await reception.get(B, `/api/patients?q=${encodeURIComponent(`Scaleout-${tag}`)}`),
        200,
        'search on B',
      ).body;
      check(
        found.items.some((p: { id: string }) => p.id === created.id),
        `B's search did not find the patient: ${JSON.stringify(found)}`,
      );
      const updated = expectStatus(
        await reception.patch(B, `/api/patients/${created.id}`, { version: created.version, gpName: 'Dr Balance' }),
        200,
        'PATCH on B with the version read on A',
      ).body;
      const stale = await reception.patch(A, `/api/patients/${created.id}`, { version: created.version, phone: '07700 900556' });
      check(
        stale.status === 409 && stale.body.code === 'VERSION_CONFLICT',
        `a stale PATCH on A got ${stale.status} ${JSON.stringify(stale.body)}`,
      );
      const after = expectStatus(await reception.get(A, `/api/patients/${created.id}`), 200, 'GET the patient on A').body;
      check(
        after.version === updated.version && after.gpName === 'Dr Balance' && after.phone === created.phone,
        `A read ${JSON.stringify(after)}`,
      );
      return `created on A (version ${created.version}), read and found on B, PATCHed on B → version ${updated.version}; the stale PATCH on A → 409 VERSION_CONFLICT, and A reads B's change`;
    });

    // Patients ready for treatment: history, a clear scan, a consented course; each request to A or B in turn.
    const courses = await inBatches(
      Array.from({ length: ROUNDS * 2 }, (_, i) => i),
      6,
      async (i) => {
        const on = (step: number) => ((i + step) % 2 ? B : A);
        const patient = expectStatus(
          await reception.post(on(0), '/api/patients', {
            firstName: 'Racer',
            lastName: `Scaleout-${tag}-${i}`,
            dateOfBirth: '1982-06-01',
            sex: 'female',
            phone: `07700 9${String(10_000 + i).slice(-5)}`,
            email: `racer.${i}.${tag}@example.org`,
            confirmDuplicate: true,
          }),
          201,
          'register a patient',
        ).body;
        const history = await clinician.put(on(1), `/api/patients/${patient.id}/medical-history`, {
          conditions: [],
          acknowledgements: {},
          weightKg: 68,
          weightMeasuredOn: daysBefore(clinicToday(), 3),
        });
        check(history.status === 200 || history.status === 201, `medical history: ${history.status} ${JSON.stringify(history.body)}`);
        expectStatus(
          await clinician.post(on(2), `/api/patients/${patient.id}/scans`, {
            performedOn: daysBefore(clinicToday(), 10),
            performedBy: 'Vascular lab',
            legs: { left: { findings: [], conclusion: 'clear' } },
          }),
          201,
          'record a clear scan',
        );
        const course = expectStatus(
          await clinician.post(on(3), `/api/patients/${patient.id}/courses`, { legs: ['left'], plannedSessions: 3 }),
          201,
          'open a course',
        ).body;
        expectStatus(
          await clinician.post(on(4), `/api/courses/${course.id}/consent`, { consentedOn: clinicToday(), formVersion: 'v3' }),
          201,
          'record consent',
        );
        return { patientId: patient.id as string, courseId: course.id as string };
      },
    );
    const clearance = await reception.get(A, `/api/patients/${courses[1].patientId}/clearance?on=${clinicToday()}`);
    check(clearance.body?.eligible === true, `a seeded patient is not cleared: ${JSON.stringify(clearance.body)}`);

    const wins = { A: 0, B: 0 };
    await prove(
      `the same clinician at the same time, booked on A and on B at once, ${ROUNDS} times: exactly one winner each time`,
      async () => {
        const problems: string[] = [];
        // Tomorrow, a slot per round: inside 48 hours, so each winner's reminder is due at once (proof 7).
        const start = Math.ceil((Date.now() + 86_400_000) / 3_600_000) * 3_600_000;
        for (let round = 0; round < ROUNDS; round++) {
          const scheduledFor = new Date(start + round * 45 * 60_000).toISOString();
          const body = { scheduledFor, clinicianId: clinicianUser.id };
          // The first course of the pair goes to A in even rounds and to B in odd ones.
          const [first, second] = [courses[2 * round], courses[2 * round + 1]];
          const origins = round % 2 ? [B, A] : [A, B];
          const replies: Reply[] = await Promise.all([
            reception.post(origins[0], `/api/courses/${first.courseId}/sessions`, body),
            clinician.post(origins[1], `/api/courses/${second.courseId}/sessions`, body),
          ]);
          const statuses = replies.map((r) => r.status);
          const loser = replies.find((r) => r.status !== 201);
          const [{ n }] = await sql<{ n: number }>(
            db.ownerUrl,
            `SELECT count(*)::int AS n FROM sessions WHERE clinician_id = $1 AND scheduled_for = $2 AND status = 'scheduled'`,
            [clinicianUser.id, scheduledFor],
          );
          if ([...statuses].sort().join() !== '201,422' || loser?.body.code !== 'DOUBLE_BOOKED' || n !== 1) {
            problems.push(`round ${round + 1}: ${statuses.join(' and ')} (${loser?.body.code ?? 'no refusal'}), ${n} booked`);
          } else {
            wins[origins[statuses.indexOf(201)] === A ? 'A' : 'B'] += 1;
          }
        }
        check(problems.length === 0, problems.join('\n'));
        return `${ROUNDS} of ${ROUNDS}: one 201 and one 422 DOUBLE_BOOKED, one session in the diary (won on A ${wins.A} times, on B ${wins.B})`;
      },
    );

    await prove('every due message is emailed exactly once, with both processes sending every second', async () => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const [{ pending }] = await sql<{ pending: number }>(
          db.ownerUrl,
          `SELECT count(*)::int AS pending FROM messages WHERE state = 'queued' AND send_at <= now()`,
        );
        if (pending === 0) break;
        check(Date.now() < deadline, `${pending} due messages still queued after a minute`);
        await pause(250);
      }
      // Two more rounds of each sender: a message sent twice would arrive now.
      await pause(2_500);
      const rows = await sql<{ id: string; state: string; attempts: number }>(db.ownerUrl, `SELECT id, state, attempts FROM messages`);
      const sent = rows.filter((m) => m.state === 'sent');
      check(sent.length === wins.A + wins.B, `${sent.length} messages sent for ${wins.A + wins.B} bookings: ${JSON.stringify(rows)}`);
      check(
        rows.every((m) => m.state === 'sent' && m.attempts === 1),
        `not every message was sent at the first attempt: ${JSON.stringify(rows.filter((m) => m.state !== 'sent' || m.attempts !== 1))}`,
      );
      const times = new Map<string, number>();
      for (const r of smtp.received) times.set(r.messageId, (times.get(r.messageId) ?? 0) + 1);
      const twice = [...times].filter(([, n]) => n > 1);
      const missing = sent.filter((m) => !times.has(m.id));
      const unknown = [...times.keys()].filter((id) => !sent.some((m) => m.id === id));
      check(twice.length === 0, `received more than once: ${twice.map(([id, n]) => `${id} ×${n}`).join(', ')}`);
      check(
        missing.length === 0 && unknown.length === 0,
        `sent but not received: ${missing.length}; received but not sent: ${unknown.join(', ')}`,
      );
      const by = (sender: string) => smtp.received.filter((r) => r.from === `${sender}@scale-out.invalid`).length;
      return `${sent.length} reminders (one per booking won) received once each, ${smtp.received.length} emails in all: ${by('a')} sent by A, ${by('b')} by B`;
    });

    await prove('both processes served to the end', async () => {
      const gone = apis.filter((api) => !api.running);
      check(gone.length === 0, gone.map((api) => `API ${api.name} exited:\n${api.tail()}`).join('\n'));
      return 'A and B still running';
    });

    if (wantMeasure) {
      await measure({ A, B, cookie: reception.cookieHeader, searchFor: `Scaleout-${tag}` });
    }
  } catch (e) {
    if (!outcomes.some((o) => !o.ok)) outcomes.push({ name: 'set-up', ok: false, detail: String(e) });
    console.log(`\nstopped: ${e instanceof Error ? e.message : String(e)}`);
    for (const api of apis) console.log(`\n--- API ${api.name}, last lines ---\n${api.tail()}`);
  } finally {
    await teardown();
  }

  const failed = outcomes.filter((o) => !o.ok);
  if (failed.length) {
    // What each process logged as an error: the cause of a 5xx is there, not in the answer.
    for (const api of apis) {
      const errors = api.log.split('\n').filter((l) => /"level":(50|60)/.test(l));
      if (errors.length) console.log(`\n--- API ${api.name}, errors logged ---\n${errors.slice(-10).join('\n')}`);
    }
  }
  console.log(`\n${outcomes.length - failed.length} passed, ${failed.length} failed`);
  process.exitCode = failed.length ? 1 : 0;
}

void main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
