import { TestBed } from '@angular/core/testing';
import type { ClearanceBlocker, ClearanceSummary } from '@venule/api-contract';
import { NO_HISTORY, clearanceOf, leg } from '../../testing/clearance';
import { ClearanceBadge } from './clearance-badge';

function render(clearance: ClearanceSummary, on = '2026-11-25') {
  const fixture = TestBed.createComponent(ClearanceBadge);
  fixture.componentRef.setInput('clearance', clearance);
  fixture.componentRef.setInput('on', on);
  fixture.detectChanges();
  const badge = (fixture.nativeElement as HTMLElement).querySelector('.badge') as HTMLElement;
  const icon = badge.querySelector('mat-icon')?.textContent?.trim();
  const hidden = badge.querySelector('.vn-visually-hidden')?.textContent ?? '';
  const visible = (badge.textContent ?? '')
    .replace(icon ?? '', '')
    .replace(hidden, '')
    .trim();
  return { badge, icon, visible, spoken: (hidden + visible).trim() };
}

describe('ClearanceBadge', () => {
  it('is green with the earliest end date when both legs are cleared', () => {
    const { badge, icon, visible } = render(clearanceOf(leg('cleared', '2027-05-01'), leg('cleared', '2027-03-01')));
    expect(visible).toBe('Cleared until 01/03/2027');
    expect(icon).toBe('check_circle');
    expect(badge.classList).toContain('vn-tone-ok');
    expect(badge.classList).toContain('vn-clearance-cleared');
  });

  it('says when only one leg is cleared', () => {
    const { visible, badge } = render(clearanceOf(leg('cleared', '2027-05-01'), leg('no_scan', undefined, 'right')));
    expect(visible).toBe('Cleared until 01/05/2027 (left leg only)');
    expect(badge.classList).toContain('vn-tone-ok');
  });

  it('turns amber 30 days before the scan runs out, and not 31', () => {
    const amber = render(clearanceOf(leg('cleared', '2026-12-25'), leg('cleared', '2027-06-01')));
    expect(amber.visible).toBe('Expires 25/12/2026');
    expect(amber.icon).toBe('schedule');
    expect(amber.badge.classList).toContain('vn-tone-warn');
    expect(amber.badge.classList).toContain('vn-clearance-expiring');
    expect(render(clearanceOf(leg('cleared', '2026-12-26'), leg('cleared', '2027-06-01'))).badge.classList).toContain('vn-tone-ok');
  });

  it.each([
    ['no_scan', 'No scan'],
    ['expired', 'Scan expired'],
    ['referred', 'Referred'],
    ['inconclusive', 'Inconclusive scan'],
  ] as const)('is red and names the reason when both legs are %s', (status, text) => {
    const { badge, icon, visible, spoken } = render(
      clearanceOf(leg(status, status === 'expired' ? '2026-10-01' : undefined), leg(status, undefined, 'right')),
    );
    expect(visible).toBe(text);
    expect(spoken).toBe(`Not cleared: ${text}`);
    expect(icon).toBe('block');
    expect(badge.classList).toContain('vn-tone-bad');
    expect(badge.classList).toContain('vn-clearance-blocked');
  });

  it('names each leg when they differ, and a new patient has no scan and no history', () => {
    expect(render(clearanceOf(leg('referred'), leg('no_scan', undefined, 'right'))).visible).toBe('Referred (left) · No scan (right)');
    expect(render(clearanceOf(leg('no_scan'), leg('no_scan', undefined, 'right'), [NO_HISTORY])).visible).toBe(
      'No scan · No medical history',
    );
  });

  it('is red for a patient blocker even with cleared legs', () => {
    const contraindicated: ClearanceBlocker = { code: 'CONTRAINDICATED', message: 'Pregnancy rules out treatment.' };
    const under18: ClearanceBlocker = { code: 'UNDER_18', message: 'The patient is 17.' };
    const { visible, badge } = render(clearanceOf(leg('cleared', '2027-05-01'), leg('cleared', '2027-05-01'), [contraindicated, under18]));
    expect(visible).toBe('Contraindicated · Under 18');
    expect(badge.classList).toContain('vn-tone-bad');
  });
});
