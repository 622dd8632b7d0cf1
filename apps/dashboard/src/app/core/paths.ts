/**
 * Every route path and page title of the dashboard, in one place.
 * Routes use the `*Segment` values; templates and code navigate with the link helpers.
 */
export const PATHS = {
  signIn: 'sign-in',
  patients: 'patients',
  newPatient: 'new',
  editPatient: 'edit',
  audit: 'audit',
  staff: 'staff',
  settings: 'settings',
  forbidden: 'forbidden',
  courses: 'courses',
  sessions: 'sessions',
  aftercare: 'aftercare',
  preTreatment: 'pre-treatment',
  reports: 'reports',
  progress: 'progress',
  overdue: 'overdue',
  diary: 'diary',
  consultations: 'consultations',
  receipt: 'receipt',
  enquiries: 'enquiries',
  convert: 'convert',
} as const;

export const TITLES = {
  signIn: 'Sign in',
  patientSearch: 'Find a patient',
  newPatient: 'Register a patient',
  patient: 'Patient',
  editPatient: 'Edit patient',
  audit: 'Audit trail',
  staff: 'Staff accounts',
  settings: 'Clinic settings',
  course: 'Treatment course',
  aftercare: 'Aftercare sheet',
  preTreatment: 'Pre-treatment sheet',
  reports: 'Clinic overview',
  progress: 'Course progress',
  overdue: 'Who to phone',
  diary: 'Diary',
  consultation: 'Consultation',
  receipt: 'Receipt',
  enquiries: 'Enquiries',
  convertEnquiry: 'Convert an enquiry',
  forbidden: 'No access',
  notFound: 'Page not found',
} as const;

/** Suffix every page title carries in the browser tab. */
export const APP_NAME = 'Venule';

export const links = {
  signIn: () => ['/', PATHS.signIn],
  patientSearch: () => ['/', PATHS.patients],
  newPatient: () => ['/', PATHS.patients, PATHS.newPatient],
  patient: (id: string) => ['/', PATHS.patients, id],
  editPatient: (id: string) => ['/', PATHS.patients, id, PATHS.editPatient],
  audit: () => ['/', PATHS.audit],
  staff: () => ['/', PATHS.staff],
  settings: () => ['/', PATHS.settings],
  forbidden: () => ['/', PATHS.forbidden],
  course: (id: string) => ['/', PATHS.courses, id],
  aftercare: (sessionId: string) => ['/', PATHS.sessions, sessionId, PATHS.aftercare],
  preTreatment: (sessionId: string) => ['/', PATHS.sessions, sessionId, PATHS.preTreatment],
  reports: () => ['/', PATHS.reports],
  progress: () => ['/', PATHS.reports, PATHS.progress],
  overdue: () => ['/', PATHS.reports, PATHS.overdue],
  diary: () => ['/', PATHS.diary],
  consultation: (id: string) => ['/', PATHS.consultations, id],
  receipt: (id: string) => ['/', PATHS.consultations, id, PATHS.receipt],
  enquiries: () => ['/', PATHS.enquiries],
  convertEnquiry: (id: string) => ['/', PATHS.enquiries, id, PATHS.convert],
};
