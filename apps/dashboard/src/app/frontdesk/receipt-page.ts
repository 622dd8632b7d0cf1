import { ChangeDetectionStrategy, Component, effect, inject, input, signal, ViewEncapsulation } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { ClinicIdentity, Consultation } from '@venule/api-contract';
import { forkJoin } from 'rxjs';
import { links } from '../core/paths';
import { problemMessage } from '../core/problem';
import { ErrorState, Loading } from '../shared/view-state';
import { FrontdeskApi } from './frontdesk-api';
import { ReceiptSheet } from './receipt-sheet';

/**
 * The printable receipt of a consultation. Styles are global (not encapsulated) because printing
 * must hide the app shell around the page, as the aftercare sheet does.
 */
@Component({
  selector: 'vn-receipt-page',
  imports: [RouterLink, MatButtonModule, MatIconModule, Loading, ErrorState, ReceiptSheet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  encapsulation: ViewEncapsulation.None,
  host: { class: 'vn-page vn-receipt' },
  template: `
    @if (loadError(); as text) {
      <vn-error-state [message]="text" (retry)="load()" />
    } @else if (consultation(); as c) {
      <div class="vn-actions no-print">
        <a mat-button [routerLink]="consultationLink(c.id)"><mat-icon>arrow_back</mat-icon> Back to the consultation</a>
        <span class="spacer"></span>
        <button mat-flat-button type="button" (click)="print()"><mat-icon>print</mat-icon> Print</button>
      </div>
      <vn-receipt-sheet [consultation]="c" [clinic]="clinic()" />
    } @else {
      <vn-loading label="Loading the receipt…" />
    }
  `,
  styles: `
    .vn-receipt .spacer { flex: 1; }
    .vn-receipt .sheet { max-width: 720px; margin: 16px auto 0; padding: 32px; border-radius: 12px; box-sizing: border-box;
      border: 1px solid var(--mat-sys-outline-variant); background: var(--mat-sys-surface-container-lowest); }
    .vn-receipt .sheet header { margin-bottom: 16px; }
    .vn-receipt .sheet header p { margin: 4px 0; }
    .vn-receipt .clinic { font: var(--mat-sys-title-medium); color: var(--mat-sys-primary); }
    .vn-receipt .clinic-contact { font: var(--mat-sys-body-small); }
    .vn-receipt h1 { font: var(--mat-sys-headline-medium); margin-top: 12px; }
    .vn-receipt table { width: 100%; border-collapse: collapse; }
    .vn-receipt th { text-align: left; font: var(--mat-sys-label-large); padding: 8px; }
    .vn-receipt thead th { border-bottom: 2px solid var(--mat-sys-outline); }
    .vn-receipt td { padding: 10px 8px; vertical-align: top; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .vn-receipt tfoot th, .vn-receipt tfoot td { border-bottom: 0; padding-top: 6px; padding-bottom: 6px; }
    .vn-receipt tfoot th { text-align: right; }
    .vn-receipt .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
    .vn-receipt .total { font-weight: 700; }
    .vn-receipt .ref { color: var(--mat-sys-on-surface-variant); }
    @page { size: A4; margin: 15mm; }
    @media print {
      body, .mat-drawer-container, .mat-drawer-content, .mat-sidenav-content { background: #fff !important; height: auto !important;
        overflow: visible !important; margin: 0 !important; }
      vn-shell > mat-toolbar, vn-shell .mat-sidenav, vn-shell .skip-link, .vn-receipt .no-print, .mat-drawer-backdrop { display: none !important; }
      vn-shell, vn-shell .mat-drawer-container { display: block !important; }
      .vn-receipt { padding: 0; max-width: none; }
      .vn-receipt .sheet { border: 0; padding: 0; margin: 0; max-width: none; font: 11pt/1.4 Roboto, sans-serif; color: #000; }
      .vn-receipt .clinic, .vn-receipt .ref { color: #000; }
      .vn-receipt tr { break-inside: avoid; }
      .vn-receipt th, .vn-receipt td { border-color: #999 !important; }
    }
  `,
})
export class ReceiptPage {
  private readonly api = inject(FrontdeskApi);

  readonly id = input.required<string>();

  protected readonly consultation = signal<Consultation | null>(null);
  protected readonly clinic = signal<ClinicIdentity | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly consultationLink = links.consultation;

  constructor() {
    effect(() => {
      this.id();
      this.load();
    });
  }

  load(): void {
    this.consultation.set(null);
    this.loadError.set(null);
    forkJoin({ consultation: this.api.consultation(this.id()), clinic: this.api.clinic() }).subscribe({
      next: ({ consultation, clinic }) => {
        this.clinic.set(clinic);
        this.consultation.set(consultation);
      },
      error: (error: unknown) => this.loadError.set(problemMessage(error)),
    });
  }

  protected print(): void {
    window.print();
  }
}
