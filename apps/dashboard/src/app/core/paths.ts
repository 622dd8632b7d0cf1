/**
 * Every route path and page title of the dashboard, in one place.
 * Routes use the `*Segment` values; templates and code navigate with the link helpers.
 */
export const PATHS = {
  signIn: 'sign-in',
  account: 'account',
  password: 'password',
  patients: 'patients',
  newPatient: 'new',
  editPatient: 'edit',
  audit: 'audit',
  staff: 'staff',
  forbidden: 'forbidden',
  courses: 'courses',
  sessions: 'sessions',
  aftercare: 'aftercare',
  reports: 'reports',
  progress: 'progress',
  overdue: 'overdue',
} as const;

export const TITLES = {
  signIn: 'Sign in',
  changePassword: 'Change password',
  patientSearch: 'Find a patient',
  newPatient: 'Register a patient',
  patient: 'Patient',
  editPatient: 'Edit patient',
  audit: 'Audit trail',
  staff: 'Staff accounts',
  course: 'Treatment course',
  aftercare: 'Aftercare sheet',
  reports: 'Clinic overview',
  progress: 'Course progress',
  overdue: 'Who to phone',
  forbidden: 'No access',
  notFound: 'Page not found',
} as const;

/** Suffix every page title carries in the browser tab. */
export const APP_NAME = 'Venule';

export const links = {
  signIn: () => ['/', PATHS.signIn],
  changePassword: () => ['/', PATHS.account, PATHS.password],
  patientSearch: () => ['/', PATHS.patients],
  newPatient: () => ['/', PATHS.patients, PATHS.newPatient],
  patient: (id: string) => ['/', PATHS.patients, id],
  editPatient: (id: string) => ['/', PATHS.patients, id, PATHS.editPatient],
  audit: () => ['/', PATHS.audit],
  staff: () => ['/', PATHS.staff],
  forbidden: () => ['/', PATHS.forbidden],
  course: (id: string) => ['/', PATHS.courses, id],
  aftercare: (sessionId: string) => ['/', PATHS.sessions, sessionId, PATHS.aftercare],
  reports: () => ['/', PATHS.reports],
  progress: () => ['/', PATHS.reports, PATHS.progress],
  overdue: () => ['/', PATHS.reports, PATHS.overdue],
};
