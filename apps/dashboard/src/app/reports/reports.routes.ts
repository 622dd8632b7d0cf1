import { Routes } from '@angular/router';
import { roleGuard } from '../core/guards';
import { PATHS, TITLES } from '../core/paths';

export const REPORT_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: TITLES.reports,
    canActivate: [roleGuard('readReports')],
    loadComponent: () => import('./manager-home').then((m) => m.ManagerHome),
  },
  {
    path: PATHS.progress,
    title: TITLES.progress,
    canActivate: [roleGuard('readReports')],
    loadComponent: () => import('./progress-page').then((m) => m.ProgressPage),
  },
  {
    path: PATHS.overdue,
    title: TITLES.overdue,
    canActivate: [roleGuard('readRecallList')],
    loadComponent: () => import('./overdue-page').then((m) => m.OverduePage),
  },
];
