import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { Patient } from '@venule/api-contract';
import { formatDate } from '../core/dates';
import { CONTACT_PREFERENCE_LABELS, SEX_LABELS } from './patient-form';

@Component({
  selector: 'vn-patient-details',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let p = patient();
    <dl class="details">
      <div><dt>First name</dt><dd>{{ p.firstName }}</dd></div>
      <div><dt>Last name</dt><dd>{{ p.lastName }}</dd></div>
      <div><dt>Date of birth</dt><dd>{{ format(p.dateOfBirth) }}</dd></div>
      <div><dt>Sex</dt><dd>{{ sexLabels[p.sex] }}</dd></div>
      <div><dt>Phone</dt><dd>{{ p.phone || '—' }}</dd></div>
      <div><dt>Email</dt><dd>{{ p.email || '—' }}</dd></div>
      <div><dt>Reminders and aftercare by</dt><dd>{{ preferenceLabels[p.contactPreference] }}</dd></div>
      <div class="wide"><dt>Address</dt><dd class="address">{{ p.address || '—' }}@if (p.postcode) {<br />{{ p.postcode }}}</dd></div>
      <div><dt>GP</dt><dd>{{ p.gpName || '—' }}</dd></div>
      <div><dt>Clinic number</dt><dd>{{ p.clinicNumber }}</dd></div>
      <div><dt>Registered</dt><dd>{{ format(p.createdAt) }}</dd></div>
      <div><dt>Last changed</dt><dd>{{ format(p.updatedAt) }}</dd></div>
    </dl>
  `,
  styles: `
    .details { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 16px 24px; margin: 0; }
    .wide { grid-column: span 2; }
    dt { font: var(--mat-sys-label-medium); color: var(--mat-sys-on-surface-variant); margin-bottom: 2px; }
    dd { margin: 0; font: var(--mat-sys-body-large); }
    .address { white-space: pre-line; }
    @media (max-width: 599px) { .wide { grid-column: auto; } }
  `,
})
export class PatientDetails {
  readonly patient = input.required<Patient>();
  protected readonly format = formatDate;
  protected readonly sexLabels = SEX_LABELS;
  protected readonly preferenceLabels = CONTACT_PREFERENCE_LABELS;
}
