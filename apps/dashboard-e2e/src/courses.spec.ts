import { expect, test, type APIRequestContext } from '@playwright/test';
import { shot, shotAtBothSizes, signIn } from './support';

interface Cleared {
  id: string;
  leg: 'left' | 'right';
}

/** Today on the clinic's wall clock (the browser runs in the clinic's zone, Europe/London). */
function clinicToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
}

/** Today as a person types it into a date field, DD/MM/YYYY. */
function clinicTodayTyped(): string {
  const [y, m, d] = clinicToday().split('-');
  return `${d}/${m}/${y}`;
}

/** The clinic's wall-clock time `minutes` ago, HH:mm (London). */
function clinicTimeAgo(minutes: number): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(Date.now() - minutes * 60_000),
  );
}

/**
 * A demo patient the rules let us treat today: a cleared leg not treated in the last 28 days in any
 * course, nothing blocking, a recent weight, every relative contraindication acknowledged and no
 * allergy tendency (no test injection).
 */
async function clearedPatient(request: APIRequestContext): Promise<Cleared> {
  const today = clinicToday();
  const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
  const patients = await (await request.get('/api/patients?limit=100')).json();
  for (const p of patients.items as { id: string }[]) {
    const clearance = await (await request.get(`/api/patients/${p.id}/clearance?on=${today}`)).json();
    const courses = await (await request.get(`/api/patients/${p.id}/courses?limit=100`)).json();
    const monthAgo = new Date(Date.now() - 28 * 86_400_000).toISOString().slice(0, 10);
    const recent = (courses.items as { sessions: { status: string; completedOn: string | null; legs?: string[] | null }[] }[])
      .flatMap((c) => c.sessions)
      .filter((x) => x.status === 'completed' && (x.completedOn ?? '') >= monthAgo)
      .flatMap((x) => x.legs ?? []);
    const leg = (['left', 'right'] as const).find((l) => clearance.legs?.[l]?.status === 'cleared' && !recent.includes(l));
    if (!clearance.eligible || !leg) continue;
    const history = await request.get(`/api/patients/${p.id}/medical-history`);
    if (!history.ok()) continue;
    const h = await history.json();
    const acknowledged = (h.conditions as string[]).every((c) => h.acknowledgements?.[c]?.trim());
    if (h.weightKg && h.weightMeasuredOn >= yearAgo && acknowledged && !h.conditions.includes('allergy_tendency')) return { id: p.id, leg };
  }
  throw new Error('No demo patient is cleared for treatment today');
}

test('clinician books, completes, signs, prints aftercare', async ({ page }) => {
  // The whole course of a patient in one journey, a screenshot checked by axe at each step.
  test.setTimeout(180_000);
  await signIn(page, 'clinician');
  const patient = await clearedPatient(page.request);
  const legLabel = patient.leg === 'left' ? 'Left leg' : 'Right leg';

  await page.goto(`/patients/${patient.id}?tab=courses`);
  await expect(page.getByRole('tab', { name: 'Courses', selected: true })).toBeVisible();
  await shot(page, '20-courses-tab');

  // Plan a course.
  await page.getByRole('button', { name: 'Plan a course' }).click();
  const plan = page.getByRole('form', { name: 'Plan a course' });
  await plan.getByRole('checkbox', { name: legLabel }).check();
  await plan.getByLabel('Areas').fill('medial calf, ankle');
  await shot(page, '21-plan-course');
  await plan.getByRole('button', { name: 'Plan course' }).click();
  await expect(page.getByText('Course planned')).toBeVisible();
  await expect(page.getByText(/Consent is still needed/)).toBeVisible();
  await shot(page, '22-course-planned');
  await page.getByRole('link').filter({ hasText: 'medial calf, ankle' }).filter({ hasText: 'Not started' }).first().click();
  await expect(page).toHaveURL(/\/courses\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Treatment course · ${legLabel}`);

  // Consent, then book today.
  await page.getByRole('button', { name: 'Record consent' }).click();
  await expect(page.getByText('Form v3, signed')).toBeVisible();
  const book = page.getByRole('form', { name: 'Book the next session' });
  await book.getByLabel('Date', { exact: true }).fill(clinicTodayTyped());
  await book.getByLabel('Time', { exact: true }).fill('09:00');
  await shotAtBothSizes(page, '22a-course-booking-form');
  await book.getByRole('button', { name: 'Book session' }).click();
  await expect(page.getByText(/^Booked for/)).toBeVisible();
  await expect(page.getByRole('list', { name: 'Pre-treatment advice' })).toContainText('Bring your support stockings');
  await shot(page, '23-course-booked');

  // The pre-treatment sheet, printed: booked for today at 09:00, so the no-lotion rule starts now
  // (before 09:00) or applies until the treatment (once 09:00 has come).
  await page.getByRole('link', { name: 'Print the pre-treatment sheet' }).click();
  await expect(page.getByRole('heading', { name: 'Before your treatment' })).toBeVisible();
  await expect(page.getByText(/legs (from now until your appointment at 09:00|before your treatment \(booked for 09:00)/)).toBeVisible();
  await page.evaluate(() => {
    window.print = () => document.body.setAttribute('data-printed', 'yes');
  });
  await page.getByRole('button', { name: 'Print' }).click();
  await expect(page.locator('body')).toHaveAttribute('data-printed', 'yes');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: /^Account:/ })).toBeHidden();
  await shot(page, '23a-pre-treatment-print');
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => document.body.removeAttribute('data-printed'));
  await page.getByRole('link', { name: 'Back to the course' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Treatment course · ${legLabel}`);

  // Record the treatment: the dose is shown against the limit while typing.
  await page.getByRole('button', { name: 'Record treatment' }).click();
  const form = page.getByRole('form', { name: 'Record the treatment' });
  await form.getByLabel('Batch number').fill('PD024117');
  await form.getByLabel('Product').fill('Asclera');
  await form.getByLabel('Concentration').fill('1');
  await form.getByLabel('Total volume').fill('60');
  await form.getByLabel('Injections').fill('14');
  const dose = form.getByRole('region', { name: 'Dose' });
  await expect(dose).toContainText('600 mg');
  await expect(dose.getByRole('alert')).toContainText('would exceed');
  // The shell scrolls inside the sidenav content, so full-page shots show the viewport only.
  await dose.scrollIntoViewIfNeeded();
  await shot(page, '24-dose-over-limit');
  await form.getByLabel('Concentration').fill('0.5');
  await form.getByLabel('Total volume').fill('4');
  await expect(dose).toContainText('20 mg');
  await expect(dose).toContainText('daily limit');
  await expect(dose.getByRole('alert')).toHaveCount(0);
  // The course's areas are marked on the diagram; selecting another adds it to the areas.
  const diagram = form.getByRole('group', { name: /^Treated areas/ });
  await expect(diagram.getByRole('checkbox', { name: `${legLabel}, front: Medial calf` })).toBeChecked();
  await diagram.getByRole('checkbox', { name: `${legLabel}, back: Behind the knee` }).click();
  await expect(form.getByRole('textbox', { name: 'Areas' })).toHaveValue('medial calf, ankle, behind the knee');
  // The shell scrolls inside the sidenav content: centre the diagram so the shot shows it whole.
  const centre = () => diagram.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await centre();
  await shot(page, '25a-session-areas');
  await page.setViewportSize({ width: 820, height: 1180 });
  await expect(page.getByRole('link', { name: 'Find a patient' })).toBeHidden();
  await centre();
  await shot(page, '25b-session-areas-tablet');
  await page.setViewportSize({ width: 1366, height: 860 });
  await expect(page.getByRole('link', { name: 'Find a patient' })).toBeVisible();
  await form.getByRole('checkbox', { name: 'No lotions or oils on the legs' }).check();
  await form.getByRole('checkbox', { name: 'Support stockings brought' }).check();
  await dose.scrollIntoViewIfNeeded();
  await shot(page, '25-session-form');
  // Written up a few minutes after it was given (SPEC rule 9): the day and time it was given.
  const givenAt = clinicTimeAgo(10);
  const lateToday = givenAt < clinicTimeAgo(0);
  if (lateToday) {
    await form.getByRole('checkbox', { name: 'Recording a treatment given earlier' }).check();
    await form.getByLabel('Given on').fill(clinicTodayTyped());
    await form.getByLabel('Given at').fill(givenAt);
    await form.getByLabel('Given at').scrollIntoViewIfNeeded();
    await shot(page, '25c-session-given-at');
  }
  await form.getByRole('button', { name: 'Complete session' }).click();
  await expect(page.getByText('Session 1 recorded (20 mg)')).toBeVisible();
  // The eye and the keyboard go to the result, with its aftercare link.
  await expect(page.getByRole('status').filter({ hasText: 'Session 1 recorded' })).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Session 1 recorded' })).toBeInViewport();
  if (lateToday) await expect(page.getByRole('article', { name: 'Session 1' })).toContainText(givenAt);

  // A draft note, signed: then it is read-only.
  await page.getByLabel('New note').fill('Medial calf: 14 injections of polidocanol 0.5 % liquid, 4 mL. Class II stockings applied.');
  await page.getByRole('button', { name: 'Save draft note' }).click();
  const note = page.getByRole('article', { name: /^Note by/ });
  await expect(note).toContainText('Draft');
  await note.getByRole('button', { name: 'Sign' }).click();
  const confirmSign = page.getByRole('dialog', { name: 'Sign this note?' });
  await expect(confirmSign).toContainText('After signing, the note can only be corrected with an addendum');
  await expect(confirmSign.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await shotAtBothSizes(page, '25d-note-confirm-sign');
  await confirmSign.getByRole('button', { name: 'Sign note' }).click();
  await expect(note).toContainText('Signed');
  await expect(note.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await shot(page, '26-session-completed');

  // An adverse event reported at the session, listed under it.
  const session = page.getByRole('article', { name: 'Session 1' });
  await session.getByRole('button', { name: 'Log adverse event' }).click();
  const adverse = session.getByRole('form', { name: 'Log an adverse event for session 1' });
  await adverse.getByRole('combobox', { name: 'Adverse event' }).click();
  await page.getByRole('option', { name: 'Allergic reaction' }).click();
  await adverse.getByRole('combobox', { name: 'Severity' }).click();
  await page.getByRole('option', { name: 'Mild' }).click();
  await adverse.getByLabel('Notes').fill('Local urticaria at two injection sites; antihistamine given.');
  await adverse.scrollIntoViewIfNeeded();
  await shot(page, '26a-adverse-event-form');
  await adverse.getByRole('button', { name: 'Log adverse event' }).click();
  await expect(adverse).toHaveCount(0);
  const events = session.getByRole('list', { name: 'Adverse events of session 1' });
  await expect(events).toContainText('Allergic reaction · Mild');
  await expect(events).toContainText('not resolved');

  // It settles before the patient leaves: marked resolved today.
  await events.getByRole('button', { name: 'Mark Allergic reaction resolved' }).click();
  await expect(events.getByLabel('Resolved on')).toBeVisible();
  await shot(page, '26b-adverse-event-resolving');
  await events.getByRole('button', { name: 'Save' }).click();
  await expect(events).toContainText(/Allergic reaction · Mild · onset \d{2}\/\d{2}\/\d{4} · resolved \d{2}\/\d{2}\/\d{4}/);
  await expect(events.getByRole('button', { name: /resolved$/ })).toHaveCount(0);
  await session.scrollIntoViewIfNeeded();
  await shot(page, '26c-adverse-event-resolved');

  // The aftercare sheet, printed.
  await page.getByRole('link', { name: 'Aftercare sheet' }).first().click();
  await expect(page.getByRole('heading', { name: 'Your aftercare' })).toBeVisible();
  await expect(page.getByRole('table')).toContainText('Wear your support stockings day and night for 72 hours');
  await expect(page.getByText('Your next session')).toBeVisible();
  // The clinic's identity from its settings, with the number to call out of hours (which the admin
  // journey may have changed).
  await expect(page.getByText('Clifton Vein Clinic', { exact: true })).toBeVisible();
  await expect(page.getByRole('article')).toContainText(
    /call the clinic straight away on 0117 496 0321; when the clinic is closed, call 07700 900\d{3}\./,
  );
  await shot(page, '27-aftercare');
  await page.evaluate(() => {
    window.print = () => document.body.setAttribute('data-printed', 'yes');
  });
  await page.getByRole('button', { name: 'Print' }).click();
  await expect(page.locator('body')).toHaveAttribute('data-printed', 'yes');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  await expect(page.getByRole('button', { name: /^Account:/ })).toBeHidden();
  await shot(page, '28-aftercare-print');
  await page.emulateMedia({ media: 'screen' });

  // Tablet width.
  await page.setViewportSize({ width: 820, height: 1180 });
  await page.getByRole('link', { name: 'Back to the course' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Treatment course · ${legLabel}`);
  await shot(page, '29-course-tablet');
});

test('a booking a completion left inside its interval is flagged, and moved in one click', async ({ page }) => {
  await signIn(page, 'reception');
  const patients = await (await page.request.get('/api/patients?limit=100')).json();
  let courseId: string | null = null;
  for (const p of patients.items as { id: string }[]) {
    const courses = await (await page.request.get(`/api/patients/${p.id}/courses?limit=100`)).json();
    const flagged = (courses.items ?? []).find(
      (c: { progress: { bookingsInsideWindow: unknown[] } }) => c.progress.bookingsInsideWindow.length,
    );
    if (flagged) {
      courseId = flagged.id;
      break;
    }
  }
  expect(courseId, 'the demo clinic has a booking inside its window').not.toBeNull();
  await page.goto(`/courses/${courseId}`);
  const alert = page.getByRole('alert').filter({ hasText: 'This booking is inside the interval.' });
  await expect(alert).toBeVisible();
  await expect(page.getByText(/falls inside the interval: move it to/)).toBeVisible();
  await shot(page, '29a-booking-inside-window');
  await alert.getByRole('button', { name: /^Move to / }).click();
  await expect(page.getByText(/^Session \d+ moved to/)).toBeVisible();
  await expect(alert).toHaveCount(0);
  await shot(page, '29b-booking-moved');
});
