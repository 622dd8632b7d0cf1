import type { Role } from '@venule/api-contract';
import { Clinic, instantIn } from './courses.fixtures';
import type { StaffClient } from './support/staff-client';
import { TestApp } from './support/test-app';

describe('session notes: drafts, signing, addenda', () => {
  let t: TestApp;
  let staff: Record<Role, StaffClient>;
  let other: StaffClient;
  let clinic: Clinic;
  let sid: string;

  beforeAll(async () => {
    t = await TestApp.start();
    staff = await t.signInAll();
    other = await t.signIn('clinician');
    clinic = new Clinic(t, staff.reception, staff.clinician);
    const cid = await clinic.course(await clinic.patient());
    sid = await clinic.book(cid, instantIn(0, 10));
  });
  afterAll(() => t.stop());

  const write = (text: string, who: StaffClient = staff.clinician) => who.post(`/api/sessions/${sid}/notes`, { text });

  it('starts a draft by its author; the author edits it, always with the version read', async () => {
    const res = await write('12 injections left lateral thigh.');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      sessionId: sid,
      status: 'draft',
      authorId: staff.clinician.userId,
      signedAt: null,
      addenda: [],
      version: 1,
    });
    const edit = await staff.clinician.patch(`/api/notes/${res.body.id}`, { text: '14 injections left lateral thigh.', version: 1 });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ text: '14 injections left lateral thigh.', version: 2, status: 'draft' });
    const stale = await staff.clinician.patch(`/api/notes/${res.body.id}`, { text: 'x', version: 1 });
    expect(stale.status).toBe(409);
    const unversioned = await staff.clinician.patch(`/api/notes/${res.body.id}`, { text: 'Fourteen injections.' });
    expect(unversioned.status).toBe(400);
    expect(unversioned.body.errors).toEqual([expect.objectContaining({ field: 'version' })]);
    const [row] = await t.db.query(`SELECT text, version FROM session_notes WHERE id = $1`, [res.body.id]);
    expect(row).toEqual({ text: '14 injections left lateral thigh.', version: 2 });
    expect((await staff.clinician.patch(`/api/notes/${res.body.id}`, { text: 'Fourteen injections.', version: 2 })).body.version).toBe(3);
  });

  it('lets no other clinician edit or sign a draft', async () => {
    const { body: note } = await write('Draft by the first clinician.');
    expect((await other.patch(`/api/notes/${note.id}`, { text: 'Rewritten', version: 1 })).status).toBe(403);
    expect((await other.post(`/api/notes/${note.id}/sign`)).status).toBe(403);
    const [row] = await t.db.query(`SELECT text, status FROM session_notes WHERE id = $1`, [note.id]);
    expect(row).toEqual({ text: 'Draft by the first clinician.', status: 'draft' });
  });

  it('signs a note; a signed note is final (NOTE_SIGNED), corrections are addenda oldest first', async () => {
    const { body: note } = await write('Tolerated well.');
    const signed = await staff.clinician.post(`/api/notes/${note.id}/sign`);
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ status: 'signed', signedAt: expect.any(String) });

    for (const who of [staff.clinician, other]) {
      const edit = await who.patch(`/api/notes/${note.id}`, { text: 'changed', version: signed.body.version });
      expect(edit.status).toBe(422);
      expect(edit.body.code).toBe('NOTE_SIGNED');
    }
    expect((await staff.clinician.post(`/api/notes/${note.id}/sign`)).body.code).toBe('NOTE_SIGNED');

    const first = await staff.clinician.post(`/api/notes/${note.id}/addenda`, { text: 'Mild bruising reported by phone on day 2.' });
    expect(first.status).toBe(201);
    const second = await other.post(`/api/notes/${note.id}/addenda`, { text: 'Reviewed at follow-up: resolved.' });
    expect(second.body.addenda).toEqual([
      expect.objectContaining({
        text: 'Mild bruising reported by phone on day 2.',
        authorId: staff.clinician.userId,
        at: expect.any(String),
      }),
      expect.objectContaining({ text: 'Reviewed at follow-up: resolved.', authorId: other.userId }),
    ]);
    expect(second.body.text).toBe('Tolerated well.');
    expect((await staff.manager.post(`/api/notes/${note.id}/addenda`, { text: 'x' })).status).toBe(403);

    const list = await staff.manager.get(`/api/sessions/${sid}/notes`);
    expect(list.status).toBe(200);
    const shown = list.body.items.find((n: { id: string }) => n.id === note.id);
    expect(shown.text).toBe('Tolerated well.');
    expect(shown.addenda.map((a: { text: string }) => a.text)).toEqual([
      'Mild bruising reported by phone on day 2.',
      'Reviewed at follow-up: resolved.',
    ]);
  });

  it('refuses addenda on a draft (edit it instead)', async () => {
    const { body: note } = await write('Still a draft.');
    const res = await staff.clinician.post(`/api/notes/${note.id}/addenda`, { text: 'x' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('NOTE_NOT_SIGNED');
  });

  it('the database itself refuses changing or deleting a signed note, and changing an addendum', async () => {
    const { body: note } = await write('Final words.');
    await staff.clinician.post(`/api/notes/${note.id}/sign`);
    await staff.clinician.post(`/api/notes/${note.id}/addenda`, { text: 'Addendum.' });
    await expect(t.db.query(`UPDATE session_notes SET text = 'tampered' WHERE id = $1`, [note.id])).rejects.toThrow(/final/);
    await expect(t.db.query(`DELETE FROM session_notes WHERE id = $1`, [note.id])).rejects.toThrow(/never deleted/);
    await expect(t.db.query(`UPDATE note_addenda SET text = 'tampered' WHERE note_id = $1`, [note.id])).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM note_addenda WHERE note_id = $1`, [note.id])).rejects.toThrow(/append-only/);
  });

  it('keeps notes from reception and admin; managers read but never write', async () => {
    expect((await staff.reception.get(`/api/sessions/${sid}/notes`)).status).toBe(403);
    expect((await staff.admin.get(`/api/sessions/${sid}/notes`)).status).toBe(403);
    expect((await write('x', staff.manager)).status).toBe(403);
    expect((await write('x', staff.reception)).status).toBe(403);
    const { body: note } = await write('Draft.');
    expect((await staff.manager.patch(`/api/notes/${note.id}`, { text: 'y', version: 1 })).status).toBe(403);
    expect((await staff.manager.post(`/api/notes/${note.id}/sign`)).status).toBe(403);
  });

  it('audits reading notes, and answers 404 for an unknown session or note', async () => {
    await staff.manager.get(`/api/sessions/${sid}/notes`);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE actor_id = $1 AND action = 'read' AND entity = 'session_note'`,
      [staff.manager.userId],
    );
    expect(n).toBeGreaterThan(0);
    const nobody = '00000000-0000-4000-8000-000000000000';
    expect((await staff.clinician.get(`/api/sessions/${nobody}/notes`)).status).toBe(404);
    expect((await staff.clinician.patch(`/api/notes/${nobody}`, { text: 'x', version: 1 })).status).toBe(404);
    expect((await write('   ')).status).toBe(400);
  });
});
