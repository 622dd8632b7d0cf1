import { Route } from '@angular/router';
import { authGuard, homeRedirectGuard, roleGuard, signedOutGuard } from './core/guards';
import { PATHS, TITLES } from './core/paths';
import { Forbidden, NotFound } from './shared/simple-pages';

export const appRoutes: Route[] = [
  {
    path: PATHS.signIn,
    title: TITLES.signIn,
    canActivate: [signedOutGuard],
    loadComponent: () => import('./sign-in/sign-in').then((m) => m.SignIn),
  },
  {
    path: '',
    loadComponent: () => import('./shell/shell').then((m) => m.Shell),
    canActivate: [authGuard],
    canActivateChild: [authGuard],
    children: [
      { path: '', pathMatch: 'full', canActivate: [homeRedirectGuard], children: [] },
      {
        path: PATHS.patients,
        canActivate: [roleGuard('readPatients')],
        loadChildren: () => import('./patients/patients.routes').then((m) => m.PATIENT_ROUTES),
      },
      {
        path: PATHS.courses,
        canActivate: [roleGuard('readBookings')],
        loadChildren: () => import('./courses/courses.routes').then((m) => m.COURSE_ROUTES),
      },
      {
        path: PATHS.sessions,
        canActivate: [roleGuard('readAftercare')],
        loadChildren: () => import('./courses/courses.routes').then((m) => m.SESSION_ROUTES),
      },
      {
        path: PATHS.diary,
        canActivate: [roleGuard('readBookings')],
        loadChildren: () => import('./frontdesk/frontdesk.routes').then((m) => m.DIARY_ROUTES),
      },
      {
        path: PATHS.consultations,
        canActivate: [roleGuard('readBookings')],
        loadChildren: () => import('./frontdesk/frontdesk.routes').then((m) => m.CONSULTATION_ROUTES),
      },
      {
        path: PATHS.enquiries,
        canActivate: [roleGuard('readBookings')],
        loadChildren: () => import('./frontdesk/frontdesk.routes').then((m) => m.ENQUIRY_ROUTES),
      },
      {
        path: PATHS.messages,
        canActivate: [roleGuard('readBookings')],
        loadChildren: () => import('./messages/messages.routes').then((m) => m.MESSAGE_ROUTES),
      },
      {
        path: PATHS.reports,
        loadChildren: () => import('./reports/reports.routes').then((m) => m.REPORT_ROUTES),
      },
      {
        path: PATHS.audit,
        canActivate: [roleGuard('readAudit')],
        loadChildren: () => import('./audit/audit.routes').then((m) => m.AUDIT_ROUTES),
      },
      {
        path: PATHS.staff,
        canActivate: [roleGuard('manageStaff')],
        loadChildren: () => import('./staff/staff.routes').then((m) => m.STAFF_ROUTES),
      },
      {
        path: PATHS.settings,
        canActivate: [roleGuard('manageStaff')],
        loadChildren: () => import('./settings/settings.routes').then((m) => m.SETTINGS_ROUTES),
      },
      {
        path: PATHS.messageTemplates,
        canActivate: [roleGuard('manageStaff')],
        loadChildren: () => import('./settings/settings.routes').then((m) => m.MESSAGE_TEMPLATE_ROUTES),
      },
      {
        path: `${PATHS.account}/${PATHS.password}`,
        title: TITLES.changePassword,
        loadComponent: () => import('./account/change-password-page').then((m) => m.ChangePasswordPage),
      },
      { path: PATHS.forbidden, title: TITLES.forbidden, component: Forbidden },
      { path: '**', title: TITLES.notFound, component: NotFound },
    ],
  },
];
