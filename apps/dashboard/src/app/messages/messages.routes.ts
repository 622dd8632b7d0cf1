import { Routes } from '@angular/router';
import { TITLES } from '../core/paths';

export const MESSAGE_ROUTES: Routes = [
  { path: '', title: TITLES.messages, loadComponent: () => import('./messages-page').then((m) => m.MessagesPage) },
];
