import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Role } from '@venule/api-contract';
import { NavList } from './nav-list';

function labelsFor(role: Role | null): string[] {
  const fixture = TestBed.createComponent(NavList);
  fixture.componentRef.setInput('role', role);
  fixture.detectChanges();
  return Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('[matListItemTitle]')).map(
    (el) => el.textContent?.trim() ?? '',
  );
}

describe('NavList', () => {
  beforeEach(() =>
    TestBed.configureTestingModule({ imports: [NavList], providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] }),
  );

  it.each<[Role, string[]]>([
    ['reception', ['Diary', 'Enquiries', 'Messages', 'Find a patient', 'Register a patient', 'Who to phone']],
    ['clinician', ['Diary', 'Enquiries', 'Messages', 'Find a patient', 'Register a patient', 'Who to phone']],
    ['manager', ['Diary', 'Enquiries', 'Messages', 'Find a patient', 'Clinic overview', 'Course progress', 'Who to phone', 'Audit trail']],
    [
      'admin',
      ['Find a patient', 'Clinic overview', 'Course progress', 'Audit trail', 'Staff accounts', 'Clinic settings', 'Message templates'],
    ],
  ])('shows %s only the areas that role may use', (role, expected) => {
    expect(labelsFor(role)).toEqual(expected);
  });

  it('shows reception how many enquiries are new', () => {
    const fixture = TestBed.createComponent(NavList);
    fixture.componentRef.setInput('role', 'reception');
    fixture.detectChanges();
    TestBed.inject(HttpTestingController)
      .expectOne((r) => r.url === '/api/enquiries' && r.params.get('status') === 'new')
      .flush({ items: [], total: 3, limit: 1, offset: 0 });
    fixture.detectChanges();
    const link = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('a')).find((a) => a.textContent?.includes('Enquiries'));
    expect(link?.textContent?.replace(/\s+/g, ' ').trim()).toContain('Enquiries 3 new');
  });

  it('shows nothing when nobody is signed in', () => {
    expect(labelsFor(null)).toEqual([]);
  });

  it('links each entry to its area', () => {
    const fixture = TestBed.createComponent(NavList);
    fixture.componentRef.setInput('role', 'admin');
    fixture.detectChanges();
    const hrefs = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('a')).map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['/patients', '/reports', '/reports/progress', '/audit', '/staff', '/settings', '/message-templates']);
  });
});
