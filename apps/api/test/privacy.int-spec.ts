/**
 * SPEC §3: no response that reception receives carries clinical content, whatever the route, and
 * admin sees no clinical data at all. One patient's every clinical field carries a marker; then
 * every route of the app's route table is called as reception and as admin (reads with every
 * seeded id, and the writes those roles may make), and no marker, nor the name of a recorded
 * condition or scan finding, may appear in any body or header. A route the role may use must be
 * answered 2xx at least once, so a new route is either exercised or fails this test.
 */
import { SCAN_FILE_FIELD, can, type Role } from '@venule/api-contract';
import { DEFAULT_OPENING_HOURS } from '@venule/clinical-rules';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { clinicToday, goodCompletion, instantIn, plusDays } from './courses.fixtures';
import { MessageSender } from '../src/messages/message-sender';
import { routeKey, routesOf, type Route } from './support/routes';
import { StaffClient } from './support/staff-client';
import { TEST_PASSWORD, TestApp } from './support/test-app';

const tag = randomBytes(3).toString('hex');
/** A distinctive string for one clinical field, naming it so a failure says which field leaked. */
const marker = (field: string) => `PRIV${tag}-${field}`;

const M = {
  ackThrombophilia: marker('ack-thrombophilia'),
  ackHormonal: marker('ack-hormonal'),
  scanBy: marker('scan-performed-by'),
  scanNotesLeft: marker('scan-notes-left'),
  scanNotesRight: marker('scan-notes-right'),
  scanFile: marker('scan-file-name'),
  consentForm: marker('consent-form'),
  product: marker('product'),
  batch: marker('batch'),
  sessionAreas: marker('session-areas'),
  reactions: marker('immediate-reactions'),
  confirmation: marker('confirmation-reason'),
  signedNote: marker('signed-note'),
  addendum: marker('addendum'),
  draftNote: marker('draft-note'),
  adverseEvent: marker('adverse-event-notes'),
  outcome: marker('outcome-notes'),
  discontinued: marker('discontinued-reason'),
};

/** What else names the patient's clinical state: condition codes and labels, scan finding codes. */
const CLINICAL_WORDS = ['pregnan', 'thrombophilia', 'hormonal', 'telangiectasia', 'reticular_veins'];
const NEEDLES = [...Object.values(M), ...CLINICAL_WORDS];

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface Call {
  url: string;
  body?: unknown;
  /** Another browser than the role's own (signing in and out). */
  client?: StaffClient;
}
interface Seeded {
  patientId: string;
  lastName: string;
  ids: Record<string, string[]>;
  cancelTarget: string;
  kept: string;
  named: string;
  dnaTarget: string;
  bookable: string;
}

const textOf = (res: Response) =>
  `${JSON.stringify(res.headers)}\n${res.text ?? (Buffer.isBuffer(res.body) ? res.body.toString('latin1') : JSON.stringify(res.body))}`;
const foundIn = (res: Response) => {
  const text = textOf(res).toLowerCase();
  return NEEDLES.filter((n) => text.includes(n.toLowerCase()));
};
const ok = (res: Response) => res.status >= 200 && res.status < 300;

function expectStatus(res: Response, status: number, what: string): Response {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

describe('privacy: no clinical content reaches reception or admin, on any route', () => {
  let t: TestApp;
  let dataDir: string;
  let staff: Record<Role, StaffClient>;
  let routes: Route[];
  let seeded: Seeded;

  /** The patient, recorded as a clinic would: every clinical field with its marker. */
  async function seed(): Promise<Seeded> {
    const { reception, clinician } = staff;
    const today = clinicToday();
    const lastName = `Privacy${tag}`;
    const patient = expectStatus(
      await reception.post('/api/patients', {
        firstName: 'Dana',
        lastName,
        dateOfBirth: '1988-03-09',
        sex: 'female',
        phone: '07700 900555',
        email: `dana.${tag}@example.org`,
      }),
      201,
      'patient',
    );
    const patientId = patient.body.id as string;
    const history = {
      conditions: ['thrombophilia', 'hormonal_therapy'],
      acknowledgements: { thrombophilia: M.ackThrombophilia, hormonal_therapy: M.ackHormonal },
      weightKg: 70,
      weightMeasuredOn: plusDays(today, -7),
      ceap: { left: { c: 'C1' } },
    };
    const first = expectStatus(await clinician.put(`/api/patients/${patientId}/medical-history`, history), 201, 'history');
    const scan = expectStatus(
      await clinician.post(`/api/patients/${patientId}/scans`, {
        performedOn: plusDays(today, -20),
        performedBy: M.scanBy,
        legs: {
          left: { findings: ['telangiectasia'], notes: M.scanNotesLeft, conclusion: 'clear' },
          right: { findings: ['reticular_veins'], notes: M.scanNotesRight, conclusion: 'clear' },
        },
      }),
      201,
      'scan',
    );
    const file = expectStatus(
      await clinician.upload(`/api/scans/${scan.body.id}/files`, SCAN_FILE_FIELD, PDF, `${M.scanFile}.pdf`, 'application/pdf'),
      201,
      'scan file',
    );

    // Course A (left leg): treated, noted, an adverse event and an outcome, then discontinued.
    const courseA = expectStatus(
      await clinician.post(`/api/patients/${patientId}/courses`, { legs: ['left'], plannedSessions: 3 }),
      201,
      'course A',
    );
    expectStatus(
      await clinician.post(`/api/courses/${courseA.body.id}/consent`, { consentedOn: today, formVersion: M.consentForm }),
      201,
      'consent',
    );
    const treated = expectStatus(
      await clinician.post(`/api/courses/${courseA.body.id}/sessions`, { scheduledFor: instantIn(0, -1) }),
      201,
      'booking A',
    );
    const sessionId = treated.body.id as string;
    expectStatus(
      await clinician.post(
        `/api/sessions/${sessionId}/complete`,
        goodCompletion({
          product: M.product,
          batchNumber: M.batch,
          areas: [M.sessionAreas],
          immediateReactions: M.reactions,
          concentrationPercent: 1.5,
          confirmations: [{ code: 'UNUSUAL_CONCENTRATION', reason: M.confirmation }],
        }),
      ),
      200,
      'completion',
    );
    const signed = expectStatus(await clinician.post(`/api/sessions/${sessionId}/notes`, { text: M.signedNote }), 201, 'note');
    expectStatus(await clinician.post(`/api/notes/${signed.body.id}/sign`), 200, 'sign');
    expectStatus(await clinician.post(`/api/notes/${signed.body.id}/addenda`, { text: M.addendum }), 201, 'addendum');
    const draft = expectStatus(await clinician.post(`/api/sessions/${sessionId}/notes`, { text: M.draftNote }), 201, 'draft note');
    const event = expectStatus(
      await clinician.post(`/api/sessions/${sessionId}/adverse-events`, {
        type: 'other',
        severity: 'mild',
        onsetOn: today,
        notes: M.adverseEvent,
      }),
      201,
      'adverse event',
    );
    expectStatus(
      await clinician.post(`/api/courses/${courseA.body.id}/outcomes`, {
        assessedOn: today,
        ratedBy: 'clinician',
        improvementPercent: 40,
        notes: M.outcome,
      }),
      201,
      'outcome',
    );
    const current = expectStatus(await clinician.get(`/api/courses/${courseA.body.id}`), 200, 'course A read');
    expectStatus(
      await clinician.patch(`/api/courses/${courseA.body.id}`, {
        version: current.body.version,
        status: 'discontinued',
        discontinuedReason: M.discontinued,
      }),
      200,
      'discontinue',
    );

    // Course B (right leg): bookings for reception to mark, cancel and add to.
    const courseB = expectStatus(
      await clinician.post(`/api/patients/${patientId}/courses`, { legs: ['right'], plannedSessions: 6 }),
      201,
      'course B',
    );
    const book = async (days: number, minutes: number) =>
      expectStatus(
        await clinician.post(`/api/courses/${courseB.body.id}/sessions`, { scheduledFor: instantIn(days, minutes) }),
        201,
        'booking B',
      ).body.id as string;
    const dnaTarget = await book(0, -1);
    const cancelTarget = await book(7, 0);
    const kept = await book(14, 0);

    // Last, an absolute contraindication: clearance and every booking from now on would name it.
    expectStatus(
      await clinician.put(`/api/patients/${patientId}/medical-history`, {
        ...history,
        conditions: [...history.conditions, 'pregnancy'],
        version: first.body.version,
      }),
      200,
      'history with pregnancy',
    );

    // The front desk: a consultation of each kind and an enquiry, for the reads to find.
    const consultation = expectStatus(
      await clinician.post('/api/consultations', { type: 'free', patientId, startsAt: instantIn(3, 0), durationMinutes: 30 }),
      201,
      'consultation',
    );
    const named = expectStatus(
      await clinician.post('/api/consultations', {
        type: 'named_doctor',
        patientId,
        clinicianId: clinician.userId,
        startsAt: instantIn(6, 0),
        durationMinutes: 30,
      }),
      201,
      'named-doctor consultation',
    );
    const enquiryId = await enquire(`Seeded ${tag}`);
    // The outbox: every message so far, tried without a mail server, so each one is failed and may be resent.
    const messageIds = await failEveryMessage(patientId);

    return {
      patientId,
      lastName,
      named: named.body.id as string,
      cancelTarget,
      kept,
      dnaTarget,
      bookable: courseB.body.id,
      ids: {
        patients: [patientId],
        courses: [courseA.body.id, courseB.body.id],
        sessions: [sessionId, dnaTarget, cancelTarget, kept],
        notes: [signed.body.id, draft.body.id],
        scans: [scan.body.id],
        files: [file.body.id],
        'adverse-events': [event.body.id],
        consultations: [consultation.body.id, named.body.id],
        enquiries: [enquiryId],
        messages: messageIds,
        users: [staff.clinician.userId],
      },
    };
  }

  /** Query strings a read needs, or is worth reading with, beyond none at all. */
  const queries = (path: string): string[] =>
    ({
      '/api/patients': ['', `?q=${seeded.lastName}`],
      '/api/clearance': [`?patientIds=${seeded.patientId}`],
      '/api/audit': ['', `?patientId=${seeded.patientId}`],
      '/api/diary': [`?from=${clinicToday()}&to=${plusDays(clinicToday(), 7)}`],
      '/api/messages': ['', `?patientId=${seeded.patientId}`, '?state=failed'],
    })[path] ?? [''];

  /** Every combination of seeded ids for a route's path parameters (named by the segment before each). */
  function urlsOf(path: string): string[] {
    const segments = path.split('/');
    let urls = [''];
    segments.forEach((segment, i) => {
      if (i === 0) return;
      const options = segment.startsWith(':')
        ? (seeded.ids[segment === ':fileId' ? 'files' : segments[i - 1]] ?? ['00000000-0000-4000-8000-000000000000'])
        : [segment];
      urls = urls.flatMap((u) => options.map((o) => `${u}/${o}`));
    });
    return urls.flatMap((u) => queries(path).map((q) => `${u}${q}`));
  }

  /**
   * The writes reception and admin may make, with bodies that succeed. A write route either role
   * may use that is missing here is not exercised, and the test says so.
   */
  /** A public enquiry, as the clinic's website sends it; its id from the inbox. */
  async function enquire(name: string): Promise<string> {
    const anonymous = await StaffClient.open(t.server);
    expectStatus(
      await anonymous.post('/api/enquiries', {
        name,
        email: `${name.replace(/\W/g, '')}@example.org`,
        message: 'Thread veins on my calves.',
      }),
      202,
      'enquiry',
    );
    const inbox = await staff.clinician.get('/api/enquiries?limit=200');
    return (inbox.body.items as { id: string; name: string }[]).find((e) => e.name === name)?.id as string;
  }

  /** Runs the outbox's sender a year ahead (no mail server in tests): the patient's messages come out failed. */
  async function failEveryMessage(patientId: string): Promise<string[]> {
    await t.app.get(MessageSender).deliverDue(new Date(Date.now() + 365 * 86_400_000));
    const outbox = expectStatus(await staff.clinician.get(`/api/messages?patientId=${patientId}&state=failed`), 200, 'outbox');
    return (outbox.body.items as { id: string }[]).map((m) => m.id);
  }

  const writes: Record<string, (role: Role, client: StaffClient) => Promise<Call[]>> = {
    'POST /api/messages/:id/resend': async () => {
      const [id] = await failEveryMessage(seeded.patientId);
      return [{ url: `/api/messages/${id}/resend` }];
    },
    'POST /api/reports/overdue/calls': async () => [
      { url: '/api/reports/overdue/calls', body: { courseId: seeded.bookable, outcome: 'left_message', note: 'Voicemail' } },
    ],
    'POST /api/consultations': async () => [
      { url: '/api/consultations', body: { type: 'free', patientId: seeded.patientId, startsAt: instantIn(4, 0), durationMinutes: 30 } },
    ],
    'PATCH /api/consultations/:id': async (_role, client) => {
      const { body } = await client.get(`/api/consultations/${seeded.named}`);
      return [{ url: `/api/consultations/${seeded.named}`, body: { version: body.version, durationMinutes: 45 } }];
    },
    'POST /api/consultations/:id/payments': async () => [
      { url: `/api/consultations/${seeded.named}/payments`, body: { kind: 'deposit', amountPence: 2500, method: 'card' } },
    ],
    'POST /api/enquiries': async () => [
      { url: '/api/enquiries', body: { name: `Walk-in ${tag}`, phone: '07700 900558', message: 'Spider veins.' } },
    ],
    'PATCH /api/enquiries/:id': async (_role, client) => {
      const id = await enquire(`Patched ${tag}`);
      const { body } = await client.get(`/api/enquiries/${id}`);
      return [{ url: `/api/enquiries/${id}`, body: { version: body.version, status: 'contacted' } }];
    },
    'POST /api/enquiries/:id/convert': async () => {
      const id = await enquire(`Converted ${tag}`);
      return [
        {
          url: `/api/enquiries/${id}/convert`,
          body: {
            patient: {
              firstName: 'Converted',
              lastName: `Enquirer${tag}`,
              dateOfBirth: '1985-04-03',
              sex: 'female',
              phone: '07700 900559',
              email: `converted.${tag}@example.org`,
            },
            consultation: { type: 'free', startsAt: instantIn(8, 0), durationMinutes: 30 },
          },
        },
      ];
    },
    'POST /api/auth/login': async (role) => {
      const { email } = await t.createStaff(role);
      return [{ url: '/api/auth/login', body: { email, password: TEST_PASSWORD }, client: await StaffClient.open(t.server) }];
    },
    'POST /api/auth/logout': async (role) => [{ url: '/api/auth/logout', client: await t.signIn(role) }],
    'POST /api/auth/password': async (role) => [
      {
        url: '/api/auth/password',
        body: { currentPassword: TEST_PASSWORD, newPassword: `renewed ${tag} password` },
        client: await t.signIn(role),
      },
    ],
    'POST /api/patients': async () => [
      {
        url: '/api/patients',
        body: {
          firstName: 'Walk',
          lastName: `In${tag}`,
          dateOfBirth: '1990-01-02',
          sex: 'male',
          phone: '07700 900556',
          email: `walk.${tag}@example.org`,
        },
      },
    ],
    'PATCH /api/patients/:id': async (_role, client) => {
      const { body } = await client.get(`/api/patients/${seeded.patientId}`);
      return [{ url: `/api/patients/${seeded.patientId}`, body: { version: body.version, phone: '07700 900557' } }];
    },
    'POST /api/courses/:id/sessions': async () => [
      { url: `/api/courses/${seeded.bookable}/sessions`, body: { scheduledFor: instantIn(21, 0) } },
    ],
    'POST /api/sessions/:id/move': async () => [
      { url: `/api/sessions/${seeded.kept}/move`, body: { scheduledFor: instantIn(15, 0), version: 1 } },
    ],
    'POST /api/sessions/:id/cancel': async () => [{ url: `/api/sessions/${seeded.cancelTarget}/cancel`, body: { version: 1 } }],
    'POST /api/sessions/:id/did-not-attend': async () => [
      { url: `/api/sessions/${seeded.dnaTarget}/did-not-attend`, body: { version: 1 } },
    ],
    'POST /api/users': async () => [
      {
        url: '/api/users',
        body: { email: `new.${tag}@test.venule`, displayName: 'New Receptionist', role: 'reception', password: TEST_PASSWORD },
      },
    ],
    'PUT /api/settings': async (_role, client) => {
      const { updatedAt: _, ...form } = (await client.get('/api/settings')).body;
      const clinic = {
        name: 'Privacy Vein Clinic',
        address: '1 Test Street, Bristol BS1 1AA',
        phone: '0117 496 0000',
        outOfHoursPhone: '07700 900000',
      };
      return [{ url: '/api/settings', body: { ...form, clinic, openingHours: form.openingHours ?? DEFAULT_OPENING_HOURS } }];
    },
    'PUT /api/message-templates/:template': async (_role, client) => {
      const words = await templateWords(client, 'consultation_reminder');
      return [{ url: '/api/message-templates/consultation_reminder', body: { ...words, subject: `Your visit to {{clinicName}}` } }];
    },
    'POST /api/message-templates/:template/reset': async (_role, client) => {
      const { version } = await templateWords(client, 'consultation_reminder');
      return [{ url: '/api/message-templates/consultation_reminder/reset', body: { version } }];
    },
    'POST /api/message-templates/:template/preview': async (_role, client) => {
      const { version: _, ...words } = await templateWords(client, 'recall_open');
      return [{ url: '/api/message-templates/recall_open/preview', body: words }];
    },
    'POST /api/users/:id/password-reset': async () => {
      const { id } = await t.createStaff('reception');
      return [{ url: `/api/users/${id}/password-reset`, body: { version: 1 } }];
    },
    'PATCH /api/users/:id': async (_role, client) => {
      const { body } = await client.get('/api/users?limit=100');
      const other = (body.items as { id: string; version: number }[]).find((u) => u.id !== client.userId) as {
        id: string;
        version: number;
      };
      return [{ url: `/api/users/${other.id}`, body: { version: other.version, displayName: 'Renamed Colleague' } }];
    },
  };

  /** A template's words and version as the admin's editor reads them. */
  async function templateWords(client: StaffClient, template: string) {
    const list = (await client.get('/api/message-templates')).body as {
      template: string;
      subject: string;
      text: string;
      html: string;
      version: number;
    }[];
    const { subject, text, html, version } = list.find((x) => x.template === template) as (typeof list)[number];
    return { subject, text, html, version };
  }

  const allowed = (r: Route, role: Role) => r.isPublic || (!!r.capability && can(role, r.capability));

  /** Calls every route as `role`: writes first (their effects are then read back), then every read with every id. */
  async function walk(role: Role, { readsOnly = false } = {}) {
    const client = staff[role];
    const responses: { call: string; res: Response }[] = [];
    const send = async (method: Method, call: Call) => {
      const who = call.client ?? client;
      const res = method === 'get' || method === 'delete' ? await who[method](call.url) : await who[method](call.url, call.body ?? {});
      responses.push({ call: `${role} ${method.toUpperCase()} ${call.url} → ${res.status}`, res });
      return res;
    };
    /** Each route walked, with what its last call was answered. */
    const walked = new Map<string, string>();
    const exercised = new Set<string>();
    const ordered = [...routes]
      .filter((r) => !readsOnly || r.method === 'GET')
      .sort((a, b) => Number(a.method === 'GET') - Number(b.method === 'GET'));
    for (const r of ordered) {
      const method = r.method.toLowerCase() as Method;
      const write = writes[routeKey(r)];
      const calls: Call[] =
        method === 'get'
          ? urlsOf(r.path).map((url) => ({ url }))
          : allowed(r, role) && write
            ? await write(role, client)
            : [{ url: urlsOf(r.path)[0].replace(/\?.*$/, ''), body: {} }];
      for (const call of calls) {
        const res = await send(method, call);
        if (ok(res)) exercised.add(routeKey(r));
        walked.set(routeKey(r), `${res.status} ${res.body?.code ?? ''} ${JSON.stringify(res.body?.errors ?? '')}`);
      }
    }
    return { responses, walked, exercised };
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'venule-privacy-'));
    t = await TestApp.start({ dataDir });
    staff = await t.signInAll();
    routes = routesOf(t.app);
    seeded = await seed();
  });
  afterAll(async () => {
    await t.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds every marker in what a clinician reads, so that the markers are really there to leak', async () => {
    const { responses } = await walk('clinician', { readsOnly: true });
    const seen = new Set(responses.flatMap(({ res }) => foundIn(res)));
    expect(NEEDLES.filter((n) => !seen.has(n))).toEqual([]);
  });

  it.each(['reception', 'admin'] as const)(
    'gives %s no clinical content on any route, and exercises every route it may use',
    async (role) => {
      const { responses, walked, exercised } = await walk(role);
      expect(walked.size).toBe(routes.length);
      const leaks = responses.flatMap(({ call, res }) => foundIn(res).map((needle) => `${call} carries "${needle}"`));
      expect(leaks).toEqual([]);
      const mayUse = routes.filter((r) => allowed(r, role)).map(routeKey);
      expect(mayUse.filter((k) => !exercised.has(k)).map((k) => `${k} → ${walked.get(k)}`)).toEqual([]);
      expect(exercised.size).toBe(mayUse.length);
    },
  );
});
