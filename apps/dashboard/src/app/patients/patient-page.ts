import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { Title } from '@angular/platform-browser';
import { Router, RouterLink } from '@angular/router';
import type { ContactPreference, Patient } from '@venule/api-contract';
import type { IconName } from '../core/icons';
import { can } from '../core/access';
import { PatientsApi } from '../core/api';
import { ageOn, formatDate, todayIso } from '../core/dates';
import { APP_NAME, links } from '../core/paths';
import { problemCode, problemMessage } from '../core/problem';
import { Session } from '../core/session';
import { ConfirmData, ConfirmDialog } from '../shared/confirm-dialog';
import { ErrorState, Loading } from '../shared/view-state';
import { PatientClearance, PatientClearanceStore } from '../scans/patient-clearance';
import { ScansPanel } from '../scans/scans-panel';
import { PatientCourses } from '../courses/patient-courses';
import { MedicalHistoryPanel } from './medical-history/medical-history-panel';
import { MessageList } from '../messages/message-list';
import { PatientDetails } from './patient-details';
import { CONTACT_PREFERENCE_LABELS } from './patient-form';

export const PATIENT_TABS = ['details', 'history', 'scans', 'courses', 'messages'] as const;
export type PatientTab = (typeof PATIENT_TABS)[number];

@Component({
  selector: 'vn-patient-page',
  imports: [
    RouterLink,
    MatTabsModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    PatientDetails,
    MedicalHistoryPanel,
    Loading,
    ErrorState,
    PatientCourses,
    PatientClearance,
    ScansPanel,
    MessageList,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The header badge and the Scans tab share one clearance request.
  providers: [PatientClearanceStore],
  host: { class: 'vn-page' },
  template: `
    @if (loadError(); as text) {
      <vn-error-state [message]="text" [retryable]="!notFound()" (retry)="load()" />
      <a mat-button [routerLink]="searchLink"><mat-icon>arrow_back</mat-icon> Back to search</a>
    } @else if (patient(); as p) {
      <header class="vn-page-header">
        <div>
          <h1>{{ p.firstName }} {{ p.lastName }}</h1>
          <p class="sub">
            <span class="clinic">{{ p.clinicNumber }}</span>
            <span>Born {{ format(p.dateOfBirth) }} ({{ age() }})</span>
            @if (p.archived) {
              <span class="archived"><mat-icon aria-hidden="true">inventory_2</mat-icon>Archived</span>
            }
            <vn-patient-clearance [patientId]="p.id" />
          </p>
        </div>
        <div class="vn-actions">
          @if (canAudit()) {
            <a mat-button [routerLink]="auditLink" [queryParams]="{ patientId: p.id }"><mat-icon>history</mat-icon> Audit trail</a>
          }
          @if (canWrite()) {
            <button mat-stroked-button type="button" [disabled]="busy()" (click)="toggleArchived(p)">
              <mat-icon>{{ p.archived ? 'unarchive' : 'archive' }}</mat-icon> {{ p.archived ? 'Unarchive' : 'Archive' }}
            </button>
            <a mat-flat-button [routerLink]="editLink(p.id)"><mat-icon>edit</mat-icon> Edit</a>
          }
        </div>
      </header>
      @if (busy()) {
        <mat-progress-bar mode="indeterminate" aria-label="Saving" />
      }
      @if (actionError(); as text) {
        <div class="vn-banner vn-banner-warn" role="alert"><mat-icon aria-hidden="true">sync_problem</mat-icon><span>{{ text }}</span></div>
      }
      <mat-tab-group [selectedIndex]="selectedIndex()" (selectedIndexChange)="selectTab($event)" animationDuration="0ms" mat-stretch-tabs="false">
        <mat-tab label="Details">
          <div class="tab"><vn-patient-details [patient]="p" /></div>
        </mat-tab>
        @if (canReadHistory()) {
          <mat-tab label="Medical history">
            <ng-template matTabContent>
              <div class="tab"><vn-medical-history-panel [patientId]="p.id" [canEdit]="canWriteHistory()" /></div>
            </ng-template>
          </mat-tab>
        }
        @if (canReadClearance()) {
          <mat-tab label="Scans">
            <ng-template matTabContent>
              <div class="tab"><vn-scans-panel [patientId]="p.id" /></div>
            </ng-template>
          </mat-tab>
        }
        @if (canReadCourses()) {
          <mat-tab label="Courses">
            <ng-template matTabContent>
              <div class="tab"><vn-patient-courses [patientId]="p.id" /></div>
            </ng-template>
          </mat-tab>
        }
        @if (canReadMessages()) {
          <mat-tab label="Messages">
            <ng-template matTabContent>
              <div class="tab">
                <div class="messages-head">
                  <p class="preference">
                    <mat-icon aria-hidden="true">{{ preferenceIcons[p.contactPreference] }}</mat-icon>
                    @if (p.contactPreference === 'none') {
                      <span>Opted out: reminders and aftercare plans are not sent.</span>
                    } @else {
                      <span>Reminders and aftercare by {{ preferenceLabels[p.contactPreference].toLowerCase() }} to {{ p.contactPreference === 'email' ? p.email : p.phone }}.</span>
                    }
                    @if (canWrite()) { <a mat-button [routerLink]="editLink(p.id)">Change</a> }
                  </p>
                  <a mat-button [routerLink]="messagesLink" [queryParams]="{ patientId: p.id }"><mat-icon>mail</mat-icon> Open in Messages</a>
                </div>
                <vn-message-list [patientId]="p.id" compact [label]="'Messages to ' + p.firstName + ' ' + p.lastName" />
              </div>
            </ng-template>
          </mat-tab>
        }
      </mat-tab-group>
    } @else {
      <vn-loading label="Loading patient…" />
    }
  `,
  styles: `
    h1 { font: var(--mat-sys-headline-small); }
    .sub { display: flex; flex-wrap: wrap; align-items: center; gap: 12px; margin: 4px 0 0; color: var(--mat-sys-on-surface-variant); }
    .clinic { font: var(--mat-sys-label-large); padding: 2px 10px; border-radius: 8px;
      background: var(--mat-sys-primary-container); color: var(--mat-sys-on-primary-container); }
    .archived { display: inline-flex; align-items: center; gap: 4px; padding: 2px 10px; border-radius: 8px;
      background: var(--mat-sys-surface-container-highest); color: var(--mat-sys-on-surface); font: var(--mat-sys-label-large); }
    .archived mat-icon { font-size: 18px; width: 18px; height: 18px; }
    .tab { padding: 24px 4px; }
    .messages-head { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 8px; margin-bottom: 12px; }
    .preference { display: flex; align-items: center; gap: 8px; margin: 0; }
    .preference mat-icon { color: var(--mat-sys-on-surface-variant); }
  `,
})
export class PatientPage {
  private readonly api = inject(PatientsApi);
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly title = inject(Title);

  readonly id = input.required<string>();
  /** `?tab=` query parameter, so a tab can be linked and survives a reload. */
  readonly tab = input<string | undefined>();

  protected readonly patient = signal<Patient | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly notFound = signal(false);
  protected readonly busy = signal(false);
  protected readonly actionError = signal<string | null>(null);

  protected readonly canWrite = computed(() => can(this.session.role(), 'writePatients'));
  protected readonly canReadHistory = computed(() => can(this.session.role(), 'readClinical'));
  protected readonly canWriteHistory = computed(() => can(this.session.role(), 'writeClinical'));
  protected readonly canAudit = computed(() => can(this.session.role(), 'readAudit'));
  protected readonly canReadClearance = computed(() => can(this.session.role(), 'readClearance'));
  protected readonly canReadCourses = computed(() => can(this.session.role(), 'readBookings'));
  protected readonly canReadMessages = computed(() => can(this.session.role(), 'readBookings'));
  /** The tabs this role sees, in order: an admin manages accounts and sees no clinical tabs. */
  protected readonly visibleTabs = computed<PatientTab[]>(() =>
    PATIENT_TABS.filter(
      (t) =>
        (t !== 'history' || this.canReadHistory()) &&
        (t !== 'scans' || this.canReadClearance()) &&
        (t !== 'courses' || this.canReadCourses()) &&
        (t !== 'messages' || this.canReadMessages()),
    ),
  );
  protected readonly selectedIndex = computed(() => Math.max(0, this.visibleTabs().indexOf((this.tab() ?? 'details') as PatientTab)));
  protected readonly age = computed(() => {
    const p = this.patient();
    return p ? ageOn(p.dateOfBirth, todayIso()) : null;
  });

  protected readonly format = formatDate;
  protected readonly searchLink = links.patientSearch();
  protected readonly auditLink = links.audit();
  protected readonly editLink = links.editPatient;
  protected readonly messagesLink = links.messages();
  protected readonly preferenceLabels = CONTACT_PREFERENCE_LABELS;
  protected readonly preferenceIcons: Record<ContactPreference, IconName> = { email: 'mail', sms: 'sms', none: 'block' };

  constructor() {
    effect(() => {
      this.id();
      this.load();
    });
  }

  load(): void {
    this.patient.set(null);
    this.loadError.set(null);
    this.notFound.set(false);
    this.api.get(this.id()).subscribe({
      next: (patient) => {
        this.patient.set(patient);
        this.title.setTitle(`${patient.firstName} ${patient.lastName} · ${APP_NAME}`);
      },
      error: (error: unknown) => {
        const missing = problemCode(error) === 'NOT_FOUND' || (error as { status?: number }).status === 404;
        this.notFound.set(missing);
        this.loadError.set(missing ? 'There is no patient with this link. It may have been mistyped.' : problemMessage(error));
      },
    });
  }

  protected selectTab(index: number): void {
    const tab = this.visibleTabs()[index] ?? 'details';
    void this.router.navigate([], { queryParams: { tab: tab === 'details' ? null : tab }, queryParamsHandling: 'merge', replaceUrl: true });
  }

  protected toggleArchived(patient: Patient): void {
    const archive = !patient.archived;
    const data: ConfirmData = archive
      ? {
          title: `Archive ${patient.firstName} ${patient.lastName}?`,
          message:
            'Archived patients are hidden from search unless "Include archived" is on. Their records are kept and you can unarchive them at any time.',
          confirm: 'Archive',
        }
      : {
          title: `Unarchive ${patient.firstName} ${patient.lastName}?`,
          message: 'The patient will show in search again.',
          confirm: 'Unarchive',
        };
    this.dialog
      .open<ConfirmDialog, ConfirmData, boolean>(ConfirmDialog, { data, maxWidth: '480px' })
      .afterClosed()
      .subscribe((yes) => {
        if (!yes) return;
        this.busy.set(true);
        this.actionError.set(null);
        this.api.update(patient.id, { version: patient.version, archived: archive }).subscribe({
          next: (updated) => {
            this.busy.set(false);
            this.patient.set(updated);
            this.snackBar.open(archive ? 'Patient archived' : 'Patient unarchived', 'OK', { duration: 4000 });
          },
          error: (error: unknown) => {
            this.busy.set(false);
            if (problemCode(error) === 'VERSION_CONFLICT') {
              this.actionError.set('Someone else changed this patient just now. The latest version is shown; try again if still needed.');
              this.load();
            } else {
              this.actionError.set(problemMessage(error));
            }
          },
        });
      });
  }
}
