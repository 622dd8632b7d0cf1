import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { LEGS, type Scan, type ScanConclusion, type ScanFile } from '@venule/api-contract';
import { formatDate } from '../core/dates';
import type { IconName } from '../core/icons';
import { LEG_LABELS } from '../core/legs';
import { CONCLUSION_LABELS } from './clearance-view';
import { findingLabel, isUnderlyingDisease } from './finding-sites';
import { ScansApi } from './scans-api';

const CONCLUSION_TONES: Record<ScanConclusion, { tone: string; icon: IconName }> = {
  clear: { tone: 'ok', icon: 'check_circle' },
  underlying_disease: { tone: 'bad', icon: 'report' },
  inconclusive: { tone: 'warn', icon: 'help' },
};

/** A patient's duplex scans, newest first, as a timeline (clinicians and managers). */
@Component({
  selector: 'vn-scan-history',
  imports: [MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ol class="timeline" aria-label="Duplex scans, newest first">
      @for (scan of scans(); track scan.id) {
        <li class="scan">
          <h3>{{ format(scan.performedOn) }} <span class="by">by {{ scan.performedBy }}</span></h3>
          <div class="legs">
            @for (leg of legs; track leg) {
              <section class="leg" [attr.aria-label]="legLabels[leg]">
                <div class="leg-head">
                  <span class="leg-name">{{ legLabels[leg] }}</span>
                  @if (scan.legs[leg]; as result) {
                    <span class="chip vn-tone-{{ tones[result.conclusion].tone }}">
                      <mat-icon aria-hidden="true">{{ tones[result.conclusion].icon }}</mat-icon>{{ conclusions[result.conclusion] }}
                    </span>
                  } @else {
                    <span class="vn-muted">Not scanned</span>
                  }
                </div>
                @if (scan.legs[leg]; as result) {
                  @if (result.findings.length) {
                    <ul class="findings" aria-label="Findings">
                      @for (f of result.findings; track f) {
                        <li [class.disease]="disease(f)">{{ label(f) }}</li>
                      }
                    </ul>
                  } @else {
                    <p class="vn-muted none">No abnormal findings</p>
                  }
                  @if (result.notes) {
                    <p class="notes">{{ result.notes }}</p>
                  }
                }
              </section>
            }
          </div>
          @if (scan.files.length) {
            <ul class="files" aria-label="Report files">
              @for (file of scan.files; track file.id) {
                <li>
                  <a [href]="fileUrl(file)" download><mat-icon aria-hidden="true">description</mat-icon>{{ file.originalName }}</a>
                </li>
              }
            </ul>
          }
        </li>
      }
    </ol>
  `,
  styles: `
    .timeline { list-style: none; margin: 0; padding: 0; }
    .scan { position: relative; padding: 0 0 24px 28px; }
    .scan::before { content: ''; position: absolute; left: 6px; top: 8px; bottom: 0; width: 2px; background: var(--mat-sys-outline-variant); }
    .scan:last-child::before { display: none; }
    .scan::after { content: ''; position: absolute; left: 0; top: 4px; width: 10px; height: 10px; border-radius: 50%;
      border: 2px solid var(--mat-sys-primary); background: var(--mat-sys-surface); }
    h3 { font: var(--mat-sys-title-medium); margin-bottom: 8px; }
    .by { font: var(--mat-sys-body-medium); color: var(--mat-sys-on-surface-variant); }
    .legs { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 12px; }
    .leg { padding: 12px 16px; border-radius: 12px; background: var(--mat-sys-surface-container-low); }
    .leg-head { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 8px; }
    .leg-name { font: var(--mat-sys-title-small); }
    .chip { display: inline-flex; align-items: center; gap: 4px; padding: 1px 10px 1px 6px; border-radius: 8px; font: var(--mat-sys-label-large); }
    .chip mat-icon { font-size: 18px; width: 18px; height: 18px; }
    .findings { margin: 8px 0 0; padding-left: 20px; }
    .disease { font-weight: 500; }
    .none, .notes { margin: 8px 0 0; }
    .notes { white-space: pre-line; }
    .files { list-style: none; display: flex; flex-wrap: wrap; gap: 8px 16px; margin: 8px 0 0; padding: 0; }
    .files a { display: inline-flex; align-items: center; gap: 4px; color: var(--mat-sys-primary); }
  `,
})
export class ScanHistory {
  private readonly api = inject(ScansApi);
  readonly scans = input.required<readonly Scan[]>();

  protected readonly legs = LEGS;
  protected readonly legLabels = LEG_LABELS;
  protected readonly conclusions = CONCLUSION_LABELS;
  protected readonly tones = CONCLUSION_TONES;
  protected readonly format = formatDate;
  protected readonly label = findingLabel;
  protected readonly disease = isUnderlyingDisease;

  protected fileUrl(file: ScanFile): string {
    return this.api.fileUrl(file);
  }
}
