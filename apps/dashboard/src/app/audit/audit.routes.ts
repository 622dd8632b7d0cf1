import { Routes } from '@angular/router';
import { TITLES } from '../core/paths';
import { AuditPage } from './audit-page';

export const AUDIT_ROUTES: Routes = [{ path: '', component: AuditPage, title: TITLES.audit }];
