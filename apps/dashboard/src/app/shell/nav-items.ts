import type { Role } from '@venule/api-contract';
import { Capability, can } from '../core/access';
import type { IconName } from '../core/icons';
import { PATHS, TITLES } from '../core/paths';

export interface NavItem {
  label: string;
  icon: IconName;
  link: string[];
  capability: Capability;
  /** Match the link exactly (so "Find a patient" is not active on "Register a patient"). */
  exact: boolean;
  /** Shows the number of new enquiries beside the label. */
  countsNewEnquiries?: true;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { label: TITLES.diary, icon: 'calendar_month', link: ['/', PATHS.diary], capability: 'readBookings', exact: false },
  {
    label: TITLES.enquiries,
    icon: 'inbox',
    link: ['/', PATHS.enquiries],
    capability: 'readBookings',
    exact: false,
    countsNewEnquiries: true,
  },
  { label: TITLES.messages, icon: 'mail', link: ['/', PATHS.messages], capability: 'readBookings', exact: false },
  { label: TITLES.patientSearch, icon: 'person_search', link: ['/', PATHS.patients], capability: 'readPatients', exact: true },
  { label: TITLES.newPatient, icon: 'person_add', link: ['/', PATHS.patients, PATHS.newPatient], capability: 'writePatients', exact: true },
  { label: TITLES.reports, icon: 'monitoring', link: ['/', PATHS.reports], capability: 'readReports', exact: true },
  { label: TITLES.progress, icon: 'table_chart', link: ['/', PATHS.reports, PATHS.progress], capability: 'readReports', exact: true },
  { label: TITLES.overdue, icon: 'call', link: ['/', PATHS.reports, PATHS.overdue], capability: 'readRecallList', exact: true },
  { label: TITLES.audit, icon: 'history', link: ['/', PATHS.audit], capability: 'readAudit', exact: false },
  { label: TITLES.staff, icon: 'badge', link: ['/', PATHS.staff], capability: 'manageStaff', exact: false },
  { label: TITLES.settings, icon: 'tune', link: ['/', PATHS.settings], capability: 'manageStaff', exact: false },
  {
    label: TITLES.messageTemplates,
    icon: 'mail',
    link: ['/', PATHS.messageTemplates],
    capability: 'manageStaff',
    exact: false,
  },
];

export function navItemsFor(role: Role | null): NavItem[] {
  return NAV_ITEMS.filter((item) => can(role, item.capability));
}
