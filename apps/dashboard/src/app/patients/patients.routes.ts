import { Routes } from '@angular/router';
import { roleGuard } from '../core/guards';
import { PATHS, TITLES } from '../core/paths';
import { PatientSearch } from './patient-search';

export const PATIENT_ROUTES: Routes = [
  { path: '', component: PatientSearch, title: TITLES.patientSearch },
  {
    path: PATHS.newPatient,
    title: TITLES.newPatient,
    canActivate: [roleGuard('writePatients')],
    loadComponent: () => import('./patient-register-page').then((m) => m.PatientRegisterPage),
  },
  {
    path: `:id/${PATHS.editPatient}`,
    title: TITLES.editPatient,
    canActivate: [roleGuard('writePatients')],
    loadComponent: () => import('./patient-edit-page').then((m) => m.PatientEditPage),
  },
  {
    path: ':id',
    title: TITLES.patient,
    loadComponent: () => import('./patient-page').then((m) => m.PatientPage),
  },
];
