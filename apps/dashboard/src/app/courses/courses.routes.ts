import { Routes } from '@angular/router';
import { PATHS, TITLES } from '../core/paths';

export const COURSE_ROUTES: Routes = [
  { path: ':id', title: TITLES.course, loadComponent: () => import('./course-page').then((m) => m.CoursePage) },
];

export const SESSION_ROUTES: Routes = [
  { path: `:id/${PATHS.aftercare}`, title: TITLES.aftercare, loadComponent: () => import('./aftercare-page').then((m) => m.AftercarePage) },
  {
    path: `:id/${PATHS.preTreatment}`,
    title: TITLES.preTreatment,
    loadComponent: () => import('./pre-treatment-page').then((m) => m.PreTreatmentPage),
  },
];
