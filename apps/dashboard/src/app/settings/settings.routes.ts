import { Routes } from '@angular/router';
import { TITLES } from '../core/paths';
import { MessageTemplatesPage } from './message-templates-page';
import { SettingsPage } from './settings-page';

export const SETTINGS_ROUTES: Routes = [{ path: '', component: SettingsPage, title: TITLES.settings }];

export const MESSAGE_TEMPLATE_ROUTES: Routes = [{ path: '', component: MessageTemplatesPage, title: TITLES.messageTemplates }];
