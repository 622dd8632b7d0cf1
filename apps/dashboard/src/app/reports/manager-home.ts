import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { OutcomeRater, OutcomesReport, OverdueReport } from '@venule/api-contract';
import type { ChartConfiguration } from 'chart.js';
import { BaseChartDirective, provideCharts, withDefaultRegisterables } from 'ng2-charts';
import { forkJoin, of, catchError } from 'rxjs';
import { can } from '../core/access';
import { formatDate } from '../core/dates';
import { links } from '../core/paths';
import { problemMessage } from '../core/problem';
import { Session } from '../core/session';
import { ErrorState, Loading } from '../shared/view-state';
import { counted } from './counted';
import { ReportsApi, saveFile } from './reports-api';

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10} %`);

/** Share of rated courses of 2–5 sessions at or above the promise's 60 %. */
export function promiseKept(report: OutcomesReport, by: OutcomeRater): { share: number | null; courses: number } {
  const inRange = report.improvementBySessions.filter(
    (b) => b.sessionsCompleted >= report.promise.minSessions && b.sessionsCompleted <= report.promise.maxSessions,
  );
  const courses = inRange.reduce((n, b) => n + b[by].courses, 0);
  const kept = inRange.reduce((n, b) => n + b[by].withinPromiseOrBetter, 0);
  return { share: courses ? kept / courses : null, courses };
}

/** The manager's home: headline figures and charts, each chart with its numbers as a table. */
@Component({
  selector: 'vn-manager-home',
  imports: [BaseChartDirective, MatButtonModule, MatIconModule, RouterLink, ErrorState, Loading],
  providers: [provideCharts(withDefaultRegisterables())],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'vn-page' },
  template: `
    <header class="vn-page-header">
      <h1>Clinic overview</h1>
      <button mat-stroked-button type="button" (click)="download()"><mat-icon>download</mat-icon> Outcomes CSV</button>
    </header>
    @if (error(); as text) {
      <vn-error-state [message]="text" (retry)="load()" />
    } @else if (outcomes(); as o) {
      <p class="vn-muted">{{ period() }}</p>
      <ul class="figures" aria-label="Headline figures">
        <li><span class="n">{{ activeCourses() }}</span> active courses <a [routerLink]="progressLink()">see all</a></li>
        @if (overdue(); as od) {
          <li><span class="n">{{ od.overdue.length }}</span> overdue, nothing booked <a [routerLink]="overdueLink()">who to phone</a></li>
          <li><span class="n">{{ od.recall.length }}</span> recalls due</li>
        }
        <li><span class="n">{{ pct(patientPromise().share) }}</span> of patients rate 60 % or better after 2–5 sessions ({{ counted(patientPromise().courses, 'course') }})</li>
        <li><span class="n">{{ pct(clinicianPromise().share) }}</span> by the clinicians' rating ({{ counted(clinicianPromise().courses, 'course') }})</li>
        <li><span class="n">{{ o.adverseEvents.per100Sessions ?? '—' }}</span> adverse events per 100 sessions</li>
        <li><span class="n">{{ pct(o.didNotAttend.rate) }}</span> did not attend</li>
      </ul>

      <section aria-labelledby="improvement-h">
        <h2 id="improvement-h">Improvement by sessions completed, against the promised 60–80 %</h2>
        <div class="chart"><canvas baseChart [data]="improvementChart()" [options]="improvementOptions" type="bar" aria-hidden="true"></canvas></div>
        <details>
          <summary>The numbers</summary>
          <table class="numbers">
            <thead><tr><th scope="col">Sessions</th><th scope="col">Patient-rated mean</th><th scope="col">Courses</th><th scope="col">Clinician-rated mean</th><th scope="col">Courses</th></tr></thead>
            <tbody>
              @for (b of o.improvementBySessions; track b.sessionsCompleted) {
                <tr><th scope="row">{{ b.sessionsCompleted }}</th><td>{{ b.patient.meanPercent ?? '—' }}</td><td>{{ b.patient.courses }}</td>
                  <td>{{ b.clinician.meanPercent ?? '—' }}</td><td>{{ b.clinician.courses }}</td></tr>
              }
            </tbody>
          </table>
        </details>
      </section>

      <section aria-labelledby="workload-h">
        <h2 id="workload-h">Sessions per month per clinician</h2>
        <div class="chart"><canvas baseChart [data]="workloadChart()" [options]="workloadOptions" type="bar" aria-hidden="true"></canvas></div>
        <details>
          <summary>The numbers</summary>
          <table class="numbers">
            <thead><tr><th scope="col">Month</th><th scope="col">Clinician</th><th scope="col">Sessions</th></tr></thead>
            <tbody>
              @for (m of o.sessionsPerClinicianMonth; track m.month + m.clinicianId) {
                <tr><th scope="row">{{ m.month }}</th><td>{{ m.clinicianName }}</td><td>{{ m.sessions }}</td></tr>
              }
            </tbody>
          </table>
        </details>
      </section>

      <section aria-labelledby="overdue-h">
        <h2 id="overdue-h">Courses overdue at each month-end</h2>
        <div class="chart"><canvas baseChart [data]="overdueChart()" [options]="overdueOptions" type="line" aria-hidden="true"></canvas></div>
        <details>
          <summary>The numbers</summary>
          <table class="numbers">
            <thead><tr><th scope="col">On</th><th scope="col">Courses overdue</th></tr></thead>
            <tbody>
              @for (m of o.overdueByMonth; track m.on) {
                <tr><th scope="row">{{ formatDate(m.on) }}</th><td>{{ m.overdue }}</td></tr>
              }
            </tbody>
          </table>
        </details>
      </section>
    } @else {
      <vn-loading label="Loading the figures…" />
    }
  `,
  styles: `
    .figures { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 12px; }
    .figures li { background: var(--mat-sys-surface-container); border-radius: 12px; padding: 12px 16px; }
    .n { display: block; font: var(--mat-sys-headline-small); color: var(--mat-sys-on-surface); }
    .chart { position: relative; height: 280px; max-width: 760px; }
    .numbers { border-collapse: collapse; margin: 8px 0; }
    .numbers th, .numbers td { padding: 4px 12px; text-align: left; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    section { margin: 24px 0; }
    h2 { font: var(--mat-sys-title-medium); }
  `,
})
export class ManagerHome {
  private readonly api = inject(ReportsApi);
  private readonly role = inject(Session).role;
  protected readonly outcomes = signal<OutcomesReport | null>(null);
  protected readonly overdue = signal<OverdueReport | null>(null);
  protected readonly activeCourses = signal<number | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly progressLink = links.progress;
  protected readonly overdueLink = links.overdue;
  protected readonly pct = pct;
  protected readonly formatDate = formatDate;
  protected readonly counted = counted;

  protected readonly period = computed(() => {
    const o = this.outcomes();
    return o ? `Outcomes from ${formatDate(o.from)} to ${formatDate(o.to)}, the whole clinic.` : '';
  });
  protected readonly patientPromise = computed(() =>
    this.outcomes() ? promiseKept(this.outcomes() as OutcomesReport, 'patient') : { share: null, courses: 0 },
  );
  protected readonly clinicianPromise = computed(() =>
    this.outcomes() ? promiseKept(this.outcomes() as OutcomesReport, 'clinician') : { share: null, courses: 0 },
  );

  protected readonly improvementOptions: ChartConfiguration<'bar'>['options'] = {
    responsive: true,
    maintainAspectRatio: false,
    scales: { y: { min: 0, max: 100, title: { display: true, text: 'mean improvement %' } } },
  };
  protected readonly workloadOptions: ChartConfiguration<'bar'>['options'] = {
    responsive: true,
    maintainAspectRatio: false,
    scales: { x: { stacked: true }, y: { stacked: true, title: { display: true, text: 'sessions' } } },
  };

  protected readonly overdueOptions: ChartConfiguration<'line'>['options'] = {
    responsive: true,
    maintainAspectRatio: false,
    plugins: { legend: { display: false } },
    scales: { y: { min: 0, ticks: { precision: 0 }, title: { display: true, text: 'courses overdue' } } },
  };

  protected readonly overdueChart = computed<ChartConfiguration<'line'>['data']>(() => {
    const months = this.outcomes()?.overdueByMonth ?? [];
    return {
      labels: months.map((m) => formatDate(m.on)),
      datasets: [{ label: 'Courses overdue', data: months.map((m) => m.overdue), borderColor: '#c62828', backgroundColor: '#c62828' }],
    };
  });

  protected readonly improvementChart = computed<ChartConfiguration<'bar'>['data']>(() => {
    const o = this.outcomes();
    const buckets = o?.improvementBySessions ?? [];
    const labels = buckets.map((b) => counted(b.sessionsCompleted, 'session'));
    const band = (value: number, label: string) =>
      ({
        type: 'line',
        label,
        data: buckets.map(() => value),
        borderDash: [6, 4],
        pointRadius: 0,
        borderColor: '#2e7d32',
        fill: false,
      }) as never;
    return {
      labels,
      datasets: [
        { label: 'Patient-rated', data: buckets.map((b) => b.patient.meanPercent ?? 0), backgroundColor: '#1565c0' },
        { label: 'Clinician-rated', data: buckets.map((b) => b.clinician.meanPercent ?? 0), backgroundColor: '#8e24aa' },
        band(o?.promise.lowPercent ?? 60, 'Promise: 60 %'),
        band(o?.promise.highPercent ?? 80, 'Promise: 80 %'),
      ],
    };
  });

  protected readonly workloadChart = computed<ChartConfiguration<'bar'>['data']>(() => {
    const rows = this.outcomes()?.sessionsPerClinicianMonth ?? [];
    const months = [...new Set(rows.map((r) => r.month))].sort();
    const clinicians = [...new Map(rows.map((r) => [r.clinicianId, r.clinicianName])).entries()];
    return {
      labels: months,
      datasets: clinicians.map(([id, name]) => ({
        label: name,
        data: months.map((m) => rows.find((r) => r.clinicianId === id && r.month === m)?.sessions ?? 0),
      })),
    };
  });

  constructor() {
    this.load();
  }

  load(): void {
    this.error.set(null);
    const readsRecall = can(this.role(), 'readRecallList');
    forkJoin({
      outcomes: this.api.outcomes(),
      progress: this.api.courseProgress({ limit: 1 }),
      overdue: readsRecall ? this.api.overdue() : of(null),
    })
      .pipe(
        catchError((e: unknown) => {
          this.error.set(problemMessage(e));
          return of(null);
        }),
      )
      .subscribe((r) => {
        if (!r) return;
        this.outcomes.set(r.outcomes);
        this.activeCourses.set(r.progress.total);
        this.overdue.set(r.overdue);
      });
  }

  protected download(): void {
    this.api
      .csv('outcomes')
      .subscribe({ next: (blob) => saveFile(blob, 'outcomes.csv'), error: (e: unknown) => this.error.set(problemMessage(e)) });
  }
}
