import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import type { OverdueReport } from '@venule/api-contract';
import { problemMessage } from '../core/problem';
import { ErrorState, Loading } from '../shared/view-state';
import { OverdueLists } from './overdue-lists';
import { ReportsApi, saveFile } from './reports-api';

/** Who to phone today: reception's page, and the managers'. */
@Component({
  selector: 'vn-overdue-page',
  imports: [MatButtonModule, MatIconModule, ErrorState, Loading, OverdueLists],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'vn-page' },
  template: `
    <header class="vn-page-header">
      <h1>Who to phone</h1>
      <button mat-stroked-button type="button" (click)="download()"><mat-icon>download</mat-icon> Download CSV</button>
    </header>
    @if (error(); as text) {
      <vn-error-state [message]="text" (retry)="load()" />
    } @else if (report(); as r) {
      <vn-overdue-lists [report]="r" />
    } @else {
      <vn-loading label="Loading the lists…" />
    }
  `,
})
export class OverduePage {
  private readonly api = inject(ReportsApi);
  protected readonly report = signal<OverdueReport | null>(null);
  protected readonly error = signal<string | null>(null);

  constructor() {
    this.load();
  }

  load(): void {
    this.error.set(null);
    this.api.overdue().subscribe({ next: (r) => this.report.set(r), error: (e: unknown) => this.error.set(problemMessage(e)) });
  }

  protected download(): void {
    this.api
      .csv('overdue')
      .subscribe({ next: (blob) => saveFile(blob, 'who-to-phone.csv'), error: (e: unknown) => this.error.set(problemMessage(e)) });
  }
}
