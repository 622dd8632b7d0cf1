import { Routes } from '@angular/router';
import { TITLES } from '../core/paths';
import { SettingsPage } from './settings-page';

export const SETTINGS_ROUTES: Routes = [{ path: '', component: SettingsPage, title: TITLES.settings }];
