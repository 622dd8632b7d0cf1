/**
 * The clinic's words for its messages (issue 13): the admin edits a template, checked field by
 * field; the next message written uses the clinic's words; a preview renders unsaved words for a
 * made-up patient with every value escaped in the HTML; a reset goes back to the built-in words.
 */
import type { EditableMessageTemplate, Role } from '@venule/api-contract';
import { Clinic, instantIn } from './courses.fixtures';
import type { StaffClient } from './support/staff-client';
import { TestApp } from './support/test-app';

describe('message templates', () => {
  let t: TestApp;
  let staff: Record<Role, StaffClient>;
  let admin: StaffClient;
  let clinic: Clinic;

  beforeAll(async () => {
    t = await TestApp.start();
    staff = await t.signInAll();
    admin = staff.admin;
    clinic = new Clinic(t, staff.reception, staff.clinician);
  });
  afterAll(() => t.stop());

  const reminder = async (): Promise<EditableMessageTemplate> => {
    const res = await admin.get('/api/message-templates');
    expect(res.status).toBe(200);
    return (res.body as EditableMessageTemplate[]).find((x) => x.template === 'session_reminder') as EditableMessageTemplate;
  };

  /** The words of the reminder a new booking writes. */
  async function bookedReminder(): Promise<{ subject: string; body_text: string; body_html: string }> {
    const patientId = await clinic.patient();
    const courseId = await clinic.course(patientId);
    await clinic.book(courseId, instantIn(10, 0));
    const [row] = await t.db.query(
      `SELECT subject, body_text, body_html FROM messages WHERE patient_id = $1 AND template = 'session_reminder'`,
      [patientId],
    );
    return row;
  }

  it('lists every template in the built-in words with its placeholders, version 0', async () => {
    const res = await admin.get('/api/message-templates');
    expect(res.status).toBe(200);
    const list = res.body as EditableMessageTemplate[];
    expect(list.map((x) => x.template)).toEqual([
      'session_reminder',
      'aftercare',
      'recall_open',
      'recall_closing',
      'consultation_reminder',
    ]);
    const r = list[0];
    expect(r).toMatchObject({ label: 'Session reminder', customised: false, version: 0, updatedByName: null });
    expect(r.subject).toBe('Your appointment at {{clinicName}} on {{when}}');
    expect(r.placeholders.map((p) => p.name)).toEqual(['firstName', 'clinicName', 'clinicPhone', 'when', 'advice']);
    expect(r.placeholders.find((p) => p.name === 'advice')).toMatchObject({ list: true });
    expect(r.placeholders.every((p) => p.description.length > 0)).toBe(true);
  });

  it('writes the next reminder in the clinic’s words once saved, and audits the change', async () => {
    const before = await reminder();
    const saved = await admin.put('/api/message-templates/session_reminder', {
      subject: 'See you on {{when}}, {{firstName}}',
      text: 'Hi {{firstName}}, your visit to {{clinicName}} is on {{when}}.\n{{#each advice}}* {{this}}\n{{/each}}',
      html: before.html.replace('Dear', 'Hello'),
      version: before.version,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ customised: true, version: 1, subject: 'See you on {{when}}, {{firstName}}' });
    expect(saved.body.updatedByName).toBeTruthy();

    const message = await bookedReminder();
    expect(message.subject).toMatch(/^See you on \w+day \d+ \w+ \d{4} at \d\d:\d\d, Course$/);
    expect(message.body_text).toMatch(/^Hi Course, your visit to .+ is on /);
    expect(message.body_text).toContain('* ');
    expect(message.body_html).toContain('<p>Hello Course,</p>');

    const [audit] = await t.db.query(
      `SELECT action, entity, entity_id, fields, changes FROM audit_events WHERE entity = 'message_template' ORDER BY at DESC, id DESC LIMIT 1`,
    );
    expect(audit).toMatchObject({ action: 'update', entity_id: 'session_reminder', fields: ['subject', 'text', 'html'] });
    expect(audit.changes.subject).toEqual({ before: before.subject, after: 'See you on {{when}}, {{firstName}}' });
  });

  it('refuses a stale version with 409 and keeps the words saved first', async () => {
    const current = await reminder();
    const stale = await admin.put('/api/message-templates/session_reminder', {
      subject: 'Stale',
      text: current.text,
      html: current.html,
      version: current.version - 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    expect((await reminder()).subject).toBe(current.subject);
  });

  it('refuses a template that does not compile or uses an unknown placeholder with 400 naming the field, keeping the stored one', async () => {
    const current = await reminder();
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ subject: 'Hello {{firstName' }, 'subject', /^The subject does not compile: line 1/],
      [{ text: 'Hello {{surname}}' }, 'text', /^The plain text uses \{\{surname\}\}, which is not one of this message’s placeholders/],
      [{ html: '<p>{{{firstName}}}</p>' }, 'html', /^The HTML uses triple braces/],
      [{ html: '{{#each firstName}}{{this}}{{/each}}' }, 'html', /loops over \{\{firstName\}\}, which is not a list/],
      [{ text: '{{#with clinicName}}{{this}}{{/with}}' }, 'text', /only \{\{#if\}\}, \{\{#unless\}\} and \{\{#each\}\} may be used/],
      [{ text: '{{> footer}}' }, 'text', /partial/],
    ];
    for (const [change, field, message] of cases) {
      const res = await admin.put('/api/message-templates/session_reminder', {
        subject: current.subject,
        text: current.text,
        html: current.html,
        ...change,
        version: current.version,
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
      expect(res.body.errors[0].messages[0]).toMatch(message);
    }
    const empty = await admin.put('/api/message-templates/session_reminder', {
      subject: '',
      text: 'x',
      html: 'x',
      version: current.version,
      extra: 1,
    });
    expect(empty.status).toBe(400);
    expect(empty.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['extra', 'subject']);
    expect(await reminder()).toEqual(current);
  });

  it('previews unsaved words for a made-up patient with the clinic’s identity, escaping values in the HTML only', async () => {
    await t.db.query(`UPDATE clinic_settings SET clinic_name = 'Smith & <Sons> Veins' WHERE id = 1`);
    try {
      const res = await admin.post('/api/message-templates/session_reminder/preview', {
        subject: '{{clinicName}}: {{firstName}} on {{when}}',
        text: '{{clinicName}}\n{{#each advice}}- {{this}}\n{{/each}}',
        html: '<p>{{clinicName}}</p>',
      });
      expect(res.status).toBe(200);
      expect(res.body.subject).toMatch(/^Smith & <Sons> Veins: Alex on \w+day \d+ \w+ \d{4} at 10:30$/);
      expect(res.body.text).toMatch(/^Smith & <Sons> Veins\n- /);
      expect(res.body.html).toBe('<p>Smith &amp; &lt;Sons&gt; Veins</p>');
      const broken = await admin.post('/api/message-templates/aftercare/preview', { subject: 'x', text: '{{when}}', html: 'x' });
      expect(broken.status).toBe(400);
      expect(broken.body.errors[0].field).toBe('text');
      expect((await admin.post('/api/message-templates/nothing/preview', { subject: 'x', text: 'x', html: 'x' })).status).toBe(404);
    } finally {
      await t.db.query(`UPDATE clinic_settings SET clinic_name = 'Venule Vein Clinic' WHERE id = 1`);
    }
  });

  it('previews every template’s built-in words with sample facts in words: recalls name the window, the consultation the balance', async () => {
    const list = (await admin.get('/api/message-templates')).body as EditableMessageTemplate[];
    const previews = new Map<string, { subject: string; text: string }>();
    for (const x of list) {
      const res = await admin.post(`/api/message-templates/${x.template}/preview`, { subject: x.subject, text: x.text, html: x.html });
      expect(res.status).toBe(200);
      expect(res.body.text).not.toMatch(/\[\w+\]|\d{4}-\d{2}-\d{2}/);
      previews.set(x.template, res.body);
    }
    expect(previews.get('recall_open')?.text).toMatch(/can be booked between \w+day \d+ \w+ \d{4} and \w+day \d+ \w+ \d{4}/);
    expect(previews.get('recall_closing')?.subject).toMatch(/by \w+day \d+ \w+ \d{4}$/);
    expect(previews.get('consultation_reminder')?.text).toContain('£25.00 is due on the day');
  });

  it('is for admin only', async () => {
    for (const role of ['reception', 'clinician', 'manager'] as const) {
      expect((await staff[role].get('/api/message-templates')).status).toBe(403);
      const put = await staff[role].put('/api/message-templates/session_reminder', { subject: 'x', text: 'x', html: 'x', version: 0 });
      expect(put.status).toBe(403);
    }
  });

  it('resets to the built-in words, and the next reminder uses them again', async () => {
    const current = await reminder();
    const stale = await admin.post('/api/message-templates/session_reminder/reset', { version: current.version + 1 });
    expect(stale.status).toBe(409);
    const res = await admin.post('/api/message-templates/session_reminder/reset', { version: current.version });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      customised: false,
      version: current.version + 1,
      subject: 'Your appointment at {{clinicName}} on {{when}}',
    });
    const message = await bookedReminder();
    expect(message.subject).toMatch(/^Your appointment at .+ on /);
    expect(message.body_text).toMatch(/^Dear Course,/);
  });
});
