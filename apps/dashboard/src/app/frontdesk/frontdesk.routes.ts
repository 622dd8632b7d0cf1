import { Routes } from '@angular/router';
import { PATHS, TITLES } from '../core/paths';

export const DIARY_ROUTES: Routes = [
  { path: '', title: TITLES.diary, loadComponent: () => import('./diary-page').then((m) => m.DiaryPage) },
];

export const CONSULTATION_ROUTES: Routes = [
  { path: ':id', title: TITLES.consultation, loadComponent: () => import('./consultation-page').then((m) => m.ConsultationPage) },
  { path: `:id/${PATHS.receipt}`, title: TITLES.receipt, loadComponent: () => import('./receipt-page').then((m) => m.ReceiptPage) },
];

export const ENQUIRY_ROUTES: Routes = [
  { path: '', title: TITLES.enquiries, loadComponent: () => import('./enquiry-inbox').then((m) => m.EnquiryInbox) },
  {
    path: `:id/${PATHS.convert}`,
    title: TITLES.convertEnquiry,
    loadComponent: () => import('./convert-enquiry-page').then((m) => m.ConvertEnquiryPage),
  },
];
