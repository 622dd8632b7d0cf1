import { Routes } from '@angular/router';
import { TITLES } from '../core/paths';
import { StaffPage } from './staff-page';

export const STAFF_ROUTES: Routes = [{ path: '', component: StaffPage, title: TITLES.staff }];
