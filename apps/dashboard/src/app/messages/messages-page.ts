import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { MESSAGE_STATES, type Message, type MessageState, type Page, type PatientSummary } from '@venule/api-contract';
import { catchError, debounceTime, distinctUntilChanged, map, of, switchMap } from 'rxjs';
import { PatientsApi } from '../core/api';
import { links } from '../core/paths';
import { STATE_LABELS } from './message-labels';
import { MessageList } from './message-list';

/** The `state` query value that lists every message. */
const ALL = 'all';

const patientText = (p: PatientSummary) => `${p.firstName} ${p.lastName} (${p.clinicNumber})`;

/**
 * The message outbox for reception: every reminder, aftercare message and recall, by state and by
 * patient (both in the address, so a filtered view can be linked), and a failed one sent again.
 */
@Component({
  selector: 'vn-messages-page',
  imports: [
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MessageList,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'vn-page' },
  template: `
    <header class="vn-page-header">
      <div>
        <h1>Messages</h1>
        <p class="vn-muted intro">Appointment and consultation reminders, aftercare plans and recalls sent to patients, latest due first.</p>
      </div>
    </header>
    <div class="filters">
      <mat-button-toggle-group [value]="shown()" (change)="show($event.value)" aria-label="Show messages">
        <mat-button-toggle [value]="all">All</mat-button-toggle>
        @for (s of states; track s) {
          <mat-button-toggle [value]="s">{{ stateLabels[s] }}</mat-button-toggle>
        }
      </mat-button-toggle-group>
      <mat-form-field class="patient" subscriptSizing="dynamic">
        <mat-label>Patient</mat-label>
        <mat-icon matIconPrefix aria-hidden="true">person_search</mat-icon>
        <input matInput [formControl]="patientSearch" [matAutocomplete]="patients" placeholder="Name, clinic number or phone" autocomplete="off" />
        @if (patientId()) {
          <button mat-icon-button matIconSuffix type="button" (click)="clearPatient()" aria-label="Show every patient's messages">
            <mat-icon>close</mat-icon>
          </button>
        }
        <mat-autocomplete #patients="matAutocomplete" [displayWith]="patientDisplay" (optionSelected)="pickPatient($event.option.value)">
          @for (p of patientOptions(); track p.id) {
            <mat-option [value]="p">{{ patientText(p) }}</mat-option>
          }
        </mat-autocomplete>
      </mat-form-field>
    </div>
    <vn-message-list [state]="stateFilter()" [patientId]="patientId() ?? null" [label]="listLabel()" (loaded)="named($event)" />
  `,
  styles: `
    .intro { margin: 4px 0 0; }
    .filters { display: flex; flex-wrap: wrap; align-items: center; gap: 12px 24px; margin-bottom: 16px; }
    .patient { width: 340px; max-width: 100%; }
  `,
})
export class MessagesPage {
  private readonly router = inject(Router);
  private readonly patientsApi = inject(PatientsApi);

  /** Query parameters, bound by the router. */
  readonly state = input<string | undefined>();
  readonly patientId = input<string | undefined>();

  protected readonly states = MESSAGE_STATES;
  protected readonly stateLabels = STATE_LABELS;
  protected readonly all = ALL;
  protected readonly stateFilter = computed<MessageState | null>(() =>
    (MESSAGE_STATES as readonly string[]).includes(this.state() ?? '') ? (this.state() as MessageState) : null,
  );
  protected readonly shown = computed(() => this.stateFilter() ?? ALL);

  /** What the patient field holds: typed text while searching, the patient once picked. */
  protected readonly patientSearch = new FormControl<string | PatientSummary>('', { nonNullable: true });
  private readonly picked = signal<{ id: string; text: string } | null>(null);
  protected readonly listLabel = computed(() => {
    const picked = this.picked();
    return picked && picked.id === this.patientId() ? `Messages to ${picked.text}` : 'Messages';
  });
  protected readonly patientOptions = toSignal(
    this.patientSearch.valueChanges.pipe(
      map((value) => (typeof value === 'string' ? value.trim() : '')),
      debounceTime(250),
      distinctUntilChanged(),
      switchMap((q) =>
        q.length < 2
          ? of([])
          : this.patientsApi.search({ q, limit: 10, includeArchived: true }).pipe(
              map((p) => p.items),
              catchError(() => of([])),
            ),
      ),
    ),
    { initialValue: [] as PatientSummary[] },
  );

  protected readonly patientText = patientText;
  protected readonly patientDisplay = (value: string | PatientSummary | null) =>
    value && typeof value === 'object' ? patientText(value) : (value ?? '');

  protected show(state: string): void {
    this.navigate({ state: state === ALL ? null : state });
  }

  protected pickPatient(patient: PatientSummary): void {
    this.picked.set({ id: patient.id, text: patientText(patient) });
    this.navigate({ patientId: patient.id });
  }

  protected clearPatient(): void {
    this.picked.set(null);
    this.patientSearch.setValue('', { emitEvent: false });
    this.navigate({ patientId: null });
  }

  /** Opened from a link (the patient's page): name the patient from their messages, without reading their record. */
  protected named(page: Page<Message>): void {
    const id = this.patientId();
    const first = page.items[0];
    if (id && first && this.picked()?.id !== id) {
      this.picked.set({ id, text: `${first.patientName} (${first.clinicNumber})` });
      this.patientSearch.setValue(this.picked()?.text ?? '', { emitEvent: false });
    }
  }

  private navigate(params: Record<string, string | null>): void {
    void this.router.navigate(links.messages(), { queryParams: params, queryParamsHandling: 'merge' });
  }
}
