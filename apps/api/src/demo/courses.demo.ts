import type { IsoDate, Leg, OutcomeRater, SclerosantForm, SessionStatus, Severity } from '@venule/api-contract';
import {
  addDays,
  checkSessionCompletion,
  clearance,
  clinicWallTime,
  doseMg,
  legTreatments,
  needsTestInjection,
  type ClearanceFacts,
  type ClinicalPolicy,
  type LegTreatment,
} from '@venule/clinical-rules';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AdverseEventsRepository, type PastAdverseEventRow } from '../adverse-events/adverse-events.repository';
import { loadClearanceFactsOfPatientsWithHistory, loadPolicy } from '../clearance/clinical-facts.repository';
import { CoursesRepository, type PastConsentRow, type PastCourseRow, type PastOutcomeRow } from '../courses/courses.repository';
import { NotesRepository, type PastAddendumRow, type PastNoteRow } from '../notes/notes.repository';
import { SessionsRepository, type PastSessionRow } from '../sessions/sessions.repository';
import type { DemoStaff } from './demo-staff';

/** Stateless repositories (every method takes the transaction): the ones the features write with. */
const adverseEvents = new AdverseEventsRepository();
const courseRecords = new CoursesRepository();
const sessionRecords = new SessionsRepository(adverseEvents);
const noteRecords = new NotesRepository();

/** One demo session: `day` relative to today; completed sessions carry what was injected. */
interface DemoSession {
  day: number;
  status: SessionStatus;
  /** Clinic wall-clock time, HH:mm. */
  at?: string;
  /** A treatment written up later (SPEC §1.9): recorded this many days after it was given, at 09:00. */
  recordedDaysLater?: number;
  dose?: { form: SclerosantForm; percent: number; ml: number; injections: number };
  reactions?: string;
  note?: { text: string; signed: boolean; addenda?: { text: string; daysLater: number }[] };
  adverseEvent?: { type: string; severity: Severity; onsetDaysLater: number; resolvedDaysLater?: number; notes: string };
  reason?: string;
}

interface DemoCourse {
  story: string;
  /** 'both' needs two cleared legs; 'one' takes whichever leg is cleared. */
  legs: 'both' | 'one';
  /**
   * Another course of the patient of an earlier story, on the 'same' leg as that course (a later
   * course for new veins) or the 'other' one (one course per leg).
   */
  follows?: { story: string; leg: 'same' | 'other' };
  areas: string[];
  planned: number;
  startedDay: number;
  sessions: DemoSession[];
  close?: { day: number; status: 'completed' | 'discontinued'; reason?: string };
  /** Who gives the course (default: every third story the second clinician). */
  by?: 'first' | 'second';
  outcomes?: { day: number; ratedBy: OutcomeRater; percent: number; notes?: string }[];
}

const LIQUID = (ml: number, injections = 10) => ({ form: 'liquid' as const, percent: 0.5, ml, injections });
const FOAM = (ml: number, injections = 6) => ({ form: 'foam' as const, percent: 0.25, ml, injections });

/**
 * The demo clinic's treatment courses, one story per course state so every screen has data:
 * on track (booked today, tomorrow and later), due, overdue, not started, completed with both outcome
 * ratings, discontinued with a reason; signed notes with an addendum, a draft, a did-not-attend,
 * a cancellation and a mild hyperpigmentation.
 */
const COURSES: DemoCourse[] = [
  {
    story: 'on track, next session booked inside the window',
    legs: 'both',
    areas: ['lateral thighs', 'behind the knees'],
    planned: 3,
    startedDay: -50,
    sessions: [
      {
        day: -45,
        status: 'completed',
        dose: LIQUID(4, 14),
        reactions: 'Mild urticaria at injection sites, settled within 15 minutes.',
        note: {
          signed: true,
          text: 'Both lateral thighs: 14 injections of polidocanol 0.5 % liquid, 4 mL in total. Class II stockings applied. Tolerated well.',
          addenda: [
            {
              daysLater: 3,
              text: 'Patient phoned: some bruising on the left thigh, no pain or redness. Reassured; review at next session.',
            },
          ],
        },
      },
      { day: 10, status: 'scheduled', at: '10:00' },
    ],
  },
  {
    story: 'on track, session tomorrow; the last one written up the next morning',
    legs: 'one',
    areas: ['inner calf'],
    planned: 3,
    startedDay: -35,
    sessions: [
      {
        day: -30,
        status: 'completed',
        recordedDaysLater: 1,
        dose: LIQUID(3, 9),
        note: { signed: true, text: 'Inner calf cluster: 9 injections, 3 mL polidocanol 0.5 %. Blanching seen in all treated veins.' },
      },
      { day: 1, status: 'scheduled', at: '09:30' },
    ],
  },
  {
    story: 'not started, first session tomorrow',
    legs: 'one',
    areas: ['ankle'],
    planned: 2,
    startedDay: -6,
    sessions: [{ day: 1, status: 'scheduled', at: '11:00' }],
  },
  {
    story: 'due: window open, nothing booked',
    legs: 'one',
    areas: ['anterior thigh'],
    planned: 4,
    startedDay: -45,
    sessions: [
      {
        day: -40,
        status: 'completed',
        dose: FOAM(3),
        note: { signed: false, text: 'Reticular feeder on the anterior thigh: foam 0.25 %, 3 mL, 6 injections. To add: photos.' },
      },
    ],
  },
  {
    story: 'due after a did-not-attend',
    legs: 'one',
    areas: ['popliteal fossa'],
    planned: 3,
    startedDay: -60,
    sessions: [
      {
        day: -50,
        status: 'completed',
        dose: LIQUID(2, 8),
        note: { signed: true, text: '8 injections behind the knee, 2 mL polidocanol 0.5 %.' },
      },
      { day: -3, status: 'did_not_attend', at: '14:00', reason: 'No answer to two calls.' },
    ],
  },
  {
    story: 'overdue: last session more than 12 weeks ago',
    legs: 'both',
    areas: ['lateral thighs'],
    planned: 4,
    startedDay: -140,
    sessions: [
      {
        day: -135,
        status: 'completed',
        dose: LIQUID(4, 15),
        note: { signed: true, text: 'Both lateral thighs, 15 injections, 4 mL polidocanol 0.5 %.' },
      },
      {
        day: -100,
        status: 'completed',
        dose: LIQUID(3, 12),
        adverseEvent: {
          type: 'hyperpigmentation',
          severity: 'mild',
          onsetDaysLater: 21,
          notes: 'Light brown line along a treated vein on the left thigh; usually fades over months. Sun protection advised.',
        },
        note: { signed: true, text: '12 injections, 3 mL. Some matting risk discussed.' },
      },
      { day: -60, status: 'cancelled', at: '15:30', reason: 'Patient on holiday; will call to rebook.' },
    ],
  },
  {
    story: 'completed with patient- and clinician-rated outcomes',
    legs: 'one',
    areas: ['lateral thigh', 'knee'],
    planned: 3,
    startedDay: -145,
    sessions: [
      { day: -140, status: 'completed', dose: LIQUID(4, 16), note: { signed: true, text: 'Session 1 of 3: 16 injections, 4 mL.' } },
      {
        day: -105,
        status: 'completed',
        dose: LIQUID(3, 11),
        adverseEvent: {
          type: 'matting',
          severity: 'mild',
          onsetDaysLater: 14,
          resolvedDaysLater: 70,
          notes: 'Fine red blush of new vessels beside the knee; reviewed, left to settle without treatment.',
        },
        note: { signed: true, text: 'Session 2 of 3: good clearance of the first area; 11 injections, 3 mL.' },
      },
      {
        day: -70,
        status: 'completed',
        dose: FOAM(2, 5),
        note: { signed: true, text: 'Session 3 of 3: remaining reticular feeder with foam 0.25 %, 2 mL.' },
      },
    ],
    close: { day: -70, status: 'completed' },
    outcomes: [
      { day: -14, ratedBy: 'patient', percent: 70, notes: 'Very pleased; happy to wear shorts again.' },
      {
        day: -14,
        ratedBy: 'clinician',
        percent: 60,
        notes: 'Against the baseline photographs: most treated veins gone, a few new fine veins.',
      },
    ],
  },
  {
    story: 'a booking made before the last session, now inside its window',
    legs: 'one',
    areas: ['outer calf'],
    planned: 3,
    startedDay: -20,
    sessions: [
      {
        day: -4,
        status: 'completed',
        dose: LIQUID(2, 8),
        note: {
          signed: true,
          text: 'Outer calf: 8 injections, 2 mL polidocanol 0.5 %. Session 2 had been booked before this one; it needs moving.',
        },
      },
      { day: 12, status: 'scheduled', at: '16:00' },
    ],
  },
  {
    story: 'one leg done; new veins on it later',
    legs: 'one',
    areas: ['lateral thigh'],
    planned: 2,
    startedDay: -100,
    sessions: [
      {
        day: -95,
        status: 'completed',
        dose: LIQUID(3, 10),
        note: { signed: true, text: 'Lateral thigh: 10 injections, 3 mL polidocanol 0.5 %.' },
      },
      {
        day: -12,
        status: 'completed',
        dose: LIQUID(2, 6),
        note: { signed: true, text: 'Lateral thigh, second session: 6 injections, 2 mL. Course complete.' },
      },
    ],
    close: { day: -12, status: 'completed' },
    outcomes: [{ day: -12, ratedBy: 'clinician', percent: 75, notes: 'Treated veins cleared on the lateral thigh.' }],
  },
  {
    story: 'the other leg, in a course of its own',
    follows: { story: 'one leg done; new veins on it later', leg: 'other' },
    legs: 'one',
    areas: ['inner calf'],
    planned: 3,
    startedDay: -30,
    sessions: [
      {
        day: -25,
        status: 'completed',
        dose: LIQUID(2, 7),
        note: { signed: true, text: 'Inner calf of the other leg: 7 injections, 2 mL polidocanol 0.5 %.' },
      },
      { day: 14, status: 'scheduled', at: '12:00' },
    ],
  },
  {
    story: 'a later course on the leg already treated: waits for its interval',
    follows: { story: 'one leg done; new veins on it later', leg: 'same' },
    legs: 'one',
    areas: ['knee'],
    planned: 2,
    startedDay: -5,
    sessions: [{ day: 20, status: 'scheduled', at: '12:30' }],
  },
  {
    story: 'discontinued with a reason',
    legs: 'one',
    areas: ['calf'],
    planned: 3,
    startedDay: -70,
    sessions: [
      {
        day: -65,
        status: 'completed',
        dose: LIQUID(2, 7),
        note: { signed: true, text: '7 injections to the calf, 2 mL polidocanol 0.5 %.' },
      },
    ],
    close: {
      day: -20,
      status: 'discontinued',
      reason: 'Patient relocating abroad; advised to continue with a local clinic and given a copy of her records.',
    },
  },
  // The past year, for the managers' charts: courses of 2–5 sessions closed with ratings on both
  // sides of the promise, a long wait that ran overdue, a discontinuation, adverse events, missed
  // appointments, both clinicians.
  {
    story: 'completed in two sessions, rated by both',
    legs: 'both',
    areas: ['lateral thighs'],
    planned: 2,
    startedDay: -300,
    sessions: [
      {
        day: -295,
        status: 'completed',
        dose: LIQUID(4, 14),
        note: { signed: true, text: 'Both lateral thighs: 14 injections, 4 mL polidocanol 0.5 %.' },
      },
      {
        day: -255,
        status: 'completed',
        dose: LIQUID(3, 10),
        note: { signed: true, text: 'Second and final session: 10 injections, 3 mL.' },
      },
    ],
    close: { day: -255, status: 'completed' },
    outcomes: [
      { day: -220, ratedBy: 'patient', percent: 65 },
      { day: -220, ratedBy: 'clinician', percent: 60 },
    ],
  },
  {
    story: 'completed in four sessions after a missed appointment',
    legs: 'one',
    areas: ['inner thigh', 'knee'],
    planned: 4,
    startedDay: -310,
    sessions: [
      {
        day: -305,
        status: 'completed',
        dose: LIQUID(4, 15),
        note: { signed: true, text: 'Inner thigh: 15 injections, 4 mL polidocanol 0.5 %.' },
      },
      { day: -255, status: 'completed', dose: LIQUID(3, 11), note: { signed: true, text: 'Inner thigh and knee: 11 injections, 3 mL.' } },
      { day: -212, status: 'did_not_attend', at: '11:30', reason: 'Forgot; rebooked for the next week.' },
      {
        day: -205,
        status: 'completed',
        dose: FOAM(2, 5),
        note: { signed: true, text: 'Reticular feeder at the knee: foam 0.25 %, 2 mL.' },
      },
      { day: -130, status: 'completed', dose: LIQUID(2, 7), note: { signed: true, text: 'Final touch-ups: 7 injections, 2 mL.' } },
    ],
    close: { day: -130, status: 'completed' },
    outcomes: [
      { day: -100, ratedBy: 'patient', percent: 85, notes: 'Delighted.' },
      { day: -100, ratedBy: 'clinician', percent: 75 },
    ],
  },
  {
    story: 'five sessions with a long wait; thrombophlebitis after the third',
    legs: 'both',
    areas: ['calves', 'behind the knees'],
    planned: 5,
    startedDay: -325,
    sessions: [
      {
        day: -320,
        status: 'completed',
        dose: LIQUID(4, 16),
        note: { signed: true, text: 'Both calves: 16 injections, 4 mL polidocanol 0.5 %.' },
      },
      { day: -280, status: 'completed', dose: LIQUID(4, 14), note: { signed: true, text: 'Both calves: 14 injections, 4 mL.' } },
      {
        day: -240,
        status: 'completed',
        dose: LIQUID(3, 12),
        adverseEvent: {
          type: 'superficial_thrombophlebitis',
          severity: 'moderate',
          onsetDaysLater: 5,
          resolvedDaysLater: 30,
          notes: 'Tender, firm cord on the right calf; trapped blood released at review, NSAIDs and stockings. Settled.',
        },
        note: { signed: true, text: 'Behind both knees: 12 injections, 3 mL.' },
      },
      {
        day: -125,
        status: 'completed',
        dose: LIQUID(3, 10),
        note: { signed: true, text: 'Back after four months away caring for her mother: 10 injections, 3 mL.' },
      },
      {
        day: -85,
        status: 'completed',
        dose: FOAM(2, 5),
        note: { signed: true, text: 'Last session: foam 0.25 %, 2 mL to the remaining feeder.' },
      },
    ],
    close: { day: -85, status: 'completed' },
    outcomes: [
      { day: -55, ratedBy: 'patient', percent: 80 },
      { day: -55, ratedBy: 'clinician', percent: 70 },
    ],
  },
  {
    story: 'discontinued after two sessions, lost to follow-up',
    legs: 'one',
    areas: ['outer thigh'],
    planned: 4,
    startedDay: -270,
    sessions: [
      {
        day: -265,
        status: 'completed',
        dose: LIQUID(3, 10),
        note: { signed: true, text: 'Outer thigh: 10 injections, 3 mL polidocanol 0.5 %.' },
      },
      { day: -225, status: 'completed', dose: LIQUID(3, 9), note: { signed: true, text: 'Outer thigh: 9 injections, 3 mL.' } },
    ],
    close: {
      day: -120,
      status: 'discontinued',
      reason: 'No reply to three recall calls and a letter; closed when she wrote to say she would not continue.',
    },
  },
  {
    story: 'three sessions with the second clinician, below the promise',
    by: 'second',
    legs: 'one',
    areas: ['ankle', 'lower calf'],
    planned: 3,
    startedDay: -215,
    sessions: [
      {
        day: -210,
        status: 'completed',
        dose: LIQUID(2, 8),
        note: { signed: true, text: 'Ankle flare: 8 injections, 2 mL polidocanol 0.5 %.' },
      },
      {
        day: -170,
        status: 'completed',
        dose: LIQUID(2, 8),
        adverseEvent: {
          type: 'allergic_reaction',
          severity: 'mild',
          onsetDaysLater: 0,
          resolvedDaysLater: 1,
          notes: 'Itchy wheals around the sites within minutes; oral antihistamine, settled overnight.',
        },
        note: { signed: true, text: 'Lower calf: 8 injections, 2 mL. Urticaria, treated.' },
      },
      { day: -125, status: 'completed', dose: LIQUID(2, 6), note: { signed: true, text: 'Final session: 6 injections, 2 mL.' } },
    ],
    close: { day: -125, status: 'completed' },
    outcomes: [
      { day: -95, ratedBy: 'patient', percent: 50, notes: 'Better, but hoped for more round the ankle.' },
      { day: -95, ratedBy: 'clinician', percent: 45 },
    ],
  },
  {
    story: 'overdue for months after a missed appointment',
    legs: 'both',
    areas: ['lateral thighs'],
    planned: 4,
    startedDay: -290,
    sessions: [
      {
        day: -285,
        status: 'completed',
        dose: LIQUID(4, 15),
        note: { signed: true, text: 'Both lateral thighs: 15 injections, 4 mL polidocanol 0.5 %.' },
      },
      { day: -235, status: 'completed', dose: LIQUID(3, 12), note: { signed: true, text: 'Both lateral thighs: 12 injections, 3 mL.' } },
      { day: -170, status: 'did_not_attend', at: '15:00', reason: 'Did not come; no answer on the phone.' },
    ],
  },
  {
    story: 'completed in two sessions, rated early and again at the end',
    by: 'second',
    legs: 'one',
    areas: ['inner calf'],
    planned: 2,
    startedDay: -190,
    sessions: [
      {
        day: -185,
        status: 'completed',
        dose: LIQUID(2, 8),
        note: { signed: true, text: 'Inner calf: 8 injections, 2 mL polidocanol 0.5 %.' },
      },
      {
        day: -140,
        status: 'completed',
        dose: LIQUID(2, 6),
        note: { signed: true, text: 'Inner calf, second session: 6 injections, 2 mL.' },
      },
    ],
    close: { day: -140, status: 'completed' },
    outcomes: [
      { day: -110, ratedBy: 'patient', percent: 60 },
      { day: -40, ratedBy: 'patient', percent: 90, notes: 'Veins gone; very happy.' },
      { day: -40, ratedBy: 'clinician', percent: 80 },
    ],
  },
  {
    story: 'on track, second session this afternoon',
    by: 'first',
    legs: 'one',
    areas: ['medial thigh'],
    planned: 3,
    startedDay: -40,
    sessions: [
      {
        day: -35,
        status: 'completed',
        dose: LIQUID(3, 10),
        note: { signed: true, text: 'Medial thigh: 10 injections, 3 mL polidocanol 0.5 %. Stockings on before leaving.' },
      },
      { day: 0, status: 'scheduled', at: '14:30' },
    ],
  },
  {
    story: 'not started, first session this morning',
    by: 'second',
    legs: 'one',
    areas: ['lateral calf'],
    planned: 2,
    startedDay: -8,
    sessions: [{ day: 0, status: 'scheduled', at: '09:30' }],
  },
];

interface Candidate {
  id: string;
  facts: ClearanceFacts;
}

/**
 * The legs of `candidate` this course could treat, with the treatments it gives, or null when the
 * rules would refuse any of its completed sessions. `options` are the leg sets to try; `prior` the
 * patient's treatments in the courses placed before it.
 */
function legsThatFit(
  course: DemoCourse,
  candidate: Candidate,
  options: Leg[][],
  prior: LegTreatment[],
  today: IsoDate,
  policy: ClinicalPolicy,
): { legs: Leg[]; treatments: LegTreatment[] } | null {
  const completed = course.sessions.filter((s) => s.status === 'completed');
  for (const legs of options) {
    let last: IsoDate | null = null;
    const treatments = [...prior];
    let ok = true;
    // Even a course with nothing done yet should be cleared for its first booking, and for each one still to come.
    const booked = course.sessions.filter((s, i) => i === 0 || s.status === 'scheduled');
    const clearedOn = (day: number) => {
      const on = clearance(candidate.facts, addDays(today, day), policy);
      return on.eligible && legs.every((leg) => on.legs[leg].status === 'cleared');
    };
    if (!booked.every((s) => clearedOn(s.day))) continue;
    for (const s of completed) {
      const on = addDays(today, s.day);
      const dose = s.dose ?? LIQUID(2);
      const check = checkSessionCompletion(
        {
          on,
          course: { status: 'active', legs, lastCompletedOn: last },
          consent: { consentedOn: addDays(today, course.startedDay) },
          patient: candidate.facts,
          legs,
          treatments,
          patientCompletedSessionsBefore: treatments.length,
          dose: {
            agent: 'polidocanol',
            form: dose.form,
            concentrationPercent: dose.percent,
            volumeMl: dose.ml,
            otherPolidocanolMgSameDay: 0,
          },
          confirmations: confirmationsFor(candidate, treatments.length),
        },
        policy,
      );
      if (!check.allowed) {
        ok = false;
        break;
      }
      treatments.push(...legTreatments([{ legs, on }]));
      last = on;
    }
    if (ok) return { legs, treatments };
  }
  return null;
}

const OTHER: Record<Leg, Leg> = { left: 'right', right: 'left' };

/**
 * Places a story and the stories that follow it on one patient: the legs of each course, or null
 * when this candidate cannot carry them all within the rules.
 */
function placeOnPatient(course: DemoCourse, candidate: Candidate, today: IsoDate, policy: ClinicalPolicy): Leg[][] | null {
  const options: Leg[][] = course.legs === 'both' ? [['left', 'right']] : [['left'], ['right']];
  for (const first of options) {
    const placed = legsThatFit(course, candidate, [first], [], today, policy);
    if (!placed) continue;
    const legsOf: Leg[][] = [placed.legs];
    let treatments = placed.treatments;
    for (const follower of COURSES.filter((c) => c.follows?.story === course.story)) {
      const legs = follower.follows?.leg === 'same' ? placed.legs : placed.legs.map((l) => OTHER[l]);
      const next = legsThatFit(follower, candidate, [legs], treatments, today, policy);
      if (!next) break;
      legsOf.push(next.legs);
      treatments = next.treatments;
    }
    if (legsOf.length === 1 + COURSES.filter((c) => c.follows?.story === course.story).length) return legsOf;
  }
  return null;
}

const confirmationsFor = (candidate: Candidate, completedBefore: number) =>
  needsTestInjection({ conditions: candidate.facts.medicalHistory?.conditions ?? [], patientCompletedSessionsBefore: completedBefore })
    ? [{ code: 'TEST_INJECTION', reason: 'Single test injection given; no reaction after 15 minutes.' }]
    : [];

/**
 * Seeds the demo courses after the patients and scans seeders, inside their transaction. Patients
 * are picked by clinic number among those the rules would have let the clinic treat on every
 * completed session's date (each completion is checked with `checkSessionCompletion`), so the
 * demo never shows a treatment the API would have refused.
 */
export async function seedDemoCourses(tx: EntityManager, staff: DemoStaff, today: IsoDate, timeZone: string): Promise<void> {
  const policy = await loadPolicy(tx);
  const { clinician, secondClinician: second, reception } = staff;
  const pool: Candidate[] = await loadClearanceFactsOfPatientsWithHistory(tx);
  const used = new Set<string>();
  const at = (day: number, time = '10:00') => clinicWallTime(addDays(today, day), time, timeZone);

  const courses: PastCourseRow[] = [];
  const consents: PastConsentRow[] = [];
  const sessions: PastSessionRow[] = [];
  const notes: PastNoteRow[] = [];
  const addenda: PastAddendumRow[] = [];
  const events: PastAdverseEventRow[] = [];
  const outcomes: PastOutcomeRow[] = [];

  const completedByPatient = new Map<string, number>();
  // Stories that follow another are placed with it, on the same patient.
  const placed = new Map<string, { candidate: Candidate; legs: Leg[] }>();
  for (const course of COURSES.filter((c) => !c.follows)) {
    let legsOf: Leg[][] | null = null;
    const candidate = pool.find((c) => !used.has(c.id) && (legsOf = placeOnPatient(course, c, today, policy)) !== null);
    if (!candidate || !legsOf) continue; // a smaller demo clinic: skip the story rather than break a rule
    used.add(candidate.id);
    const stories = [course, ...COURSES.filter((c) => c.follows?.story === course.story)];
    stories.forEach((story, i) => placed.set(story.story, { candidate, legs: (legsOf as Leg[][])[i] }));
  }

  COURSES.forEach((course, index) => {
    const place = placed.get(course.story);
    if (!place) return;
    const { candidate, legs } = place;
    const courseId = randomUUID();
    const doctor = (course.by ?? (index % 3 === 2 ? 'second' : 'first')) === 'second' ? second : clinician;
    courses.push({
      id: courseId,
      patient_id: candidate.id,
      legs,
      areas: course.areas,
      planned_sessions: course.planned,
      status: course.close?.status ?? 'active',
      discontinued_reason: course.close?.reason ?? null,
      closed_at: course.close ? at(course.close.day, '17:00') : null,
      created_by: doctor,
      created_at: at(course.startedDay, '12:00'),
      updated_at: at(course.close?.day ?? course.startedDay, '17:00'),
      version: course.close ? 2 : 1,
    });
    consents.push({
      course_id: courseId,
      consented_on: addDays(today, course.startedDay),
      form_version: 'v3',
      recorded_by: doctor,
      created_at: at(course.startedDay, '12:10'),
    });
    let sequence = 0;
    let completedBefore = completedByPatient.get(candidate.id) ?? 0;
    for (const s of course.sessions) {
      const sessionId = randomUUID();
      const start = at(s.day, s.at ?? '10:00');
      // A cancelled or missed booking keeps the number the next booking will take again.
      const counts = s.status === 'completed' || s.status === 'scheduled';
      if (counts) sequence += 1;
      const row: PastSessionRow = {
        id: sessionId,
        course_id: courseId,
        sequence: counts ? sequence : sequence + 1,
        scheduled_for: start,
        ends_at: DateTime.fromISO(start).plus({ minutes: 30 }).toUTC().toISO() as string,
        clinician_id: doctor,
        status: s.status,
        booked_by: reception,
        status_changed_at: s.status === 'scheduled' ? null : DateTime.fromISO(start).plus({ minutes: 25 }).toUTC().toISO(),
        status_changed_by: s.status === 'scheduled' ? null : s.status === 'completed' ? doctor : reception,
        status_reason: s.reason ?? null,
        created_at: at(Math.min(Math.max(course.startedDay, s.day - 7), 0), '08:30'),
      };
      if (s.status === 'completed') {
        const dose = s.dose ?? LIQUID(2);
        const treatedAt = DateTime.fromISO(start).plus({ minutes: 25 }).toUTC().toISO();
        const completedAt = s.recordedDaysLater ? at(s.day + s.recordedDaysLater, '09:00') : treatedAt;
        Object.assign(row, {
          status_changed_at: completedAt,
          completed_at: completedAt,
          treated_at: treatedAt,
          completed_on: addDays(today, s.day),
          completed_by: doctor,
          legs,
          areas: course.areas,
          agent: 'polidocanol',
          product: 'Asclera (polidocanol)',
          batch_number: `PD${String(24117 + index * 7 + sequence).padStart(6, '0')}`,
          concentration_percent: dose.percent,
          form: dose.form,
          volume_ml: dose.ml,
          injections: dose.injections,
          dose_mg: doseMg(dose.percent, dose.ml),
          compression_mmhg: 20,
          compression_hours: 72,
          checklist: { noLotions: true, stockingsBrought: true },
          confirmations: confirmationsFor(candidate, completedBefore),
          immediate_reactions: s.reactions ?? null,
        });
        completedBefore += 1;
        completedByPatient.set(candidate.id, completedBefore);
      }
      sessions.push(row);
      if (s.note) {
        const noteId = randomUUID();
        const written = DateTime.fromISO(start).plus({ minutes: 40 }).toUTC().toISO() as string;
        notes.push({
          id: noteId,
          session_id: sessionId,
          author_id: doctor,
          text: s.note.text,
          status: s.note.signed ? 'signed' : 'draft',
          signed_at: s.note.signed ? DateTime.fromISO(start).plus({ minutes: 50 }).toUTC().toISO() : null,
          created_at: written,
        });
        for (const a of s.note.addenda ?? []) {
          addenda.push({ note_id: noteId, author_id: doctor, text: a.text, at: at(s.day + a.daysLater, '16:15') });
        }
      }
      if (s.adverseEvent) {
        const e = s.adverseEvent;
        events.push({
          session_id: sessionId,
          type: e.type,
          severity: e.severity,
          onset_on: addDays(today, s.day + e.onsetDaysLater),
          resolved_on: e.resolvedDaysLater === undefined ? null : addDays(today, s.day + e.resolvedDaysLater),
          notes: e.notes,
          recorded_by: doctor,
          created_at: at(s.day + e.onsetDaysLater + 2, '11:00'),
        });
      }
    }
    for (const o of course.outcomes ?? []) {
      outcomes.push({
        course_id: courseId,
        assessed_on: addDays(today, o.day),
        rated_by: o.ratedBy,
        improvement_percent: o.percent,
        notes: o.notes ?? null,
        recorded_by: doctor,
        created_at: at(o.day, '15:00'),
      });
    }
  });
  if (courses.length === 0) return;

  await courseRecords.insertPastCourses(tx, courses);
  await courseRecords.insertPastConsents(tx, consents);
  await sessionRecords.insertPastSessions(tx, sessions);
  await noteRecords.insertPastNotes(tx, notes);
  await noteRecords.insertPastAddenda(tx, addenda);
  await adverseEvents.insertPastEvents(tx, events);
  await courseRecords.insertPastOutcomes(tx, outcomes);
}
