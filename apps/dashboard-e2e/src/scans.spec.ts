import { expect, test, type Page } from '@playwright/test';
import { shot, signIn, uniqueSurname } from './support';

const DESKTOP = { width: 1366, height: 860 };

/** A tablet held upright; waits for the navigation to become an overlay and close. */
async function tablet(page: Page): Promise<void> {
  await page.setViewportSize({ width: 820, height: 1180 });
  await expect(page.getByRole('button', { name: 'Open navigation' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Find a patient' })).toBeHidden();
}
/** The smallest file the API takes for a PDF: it checks the first bytes. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Account:/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

async function findPatient(page: Page, lastName: string) {
  await page.getByRole('link', { name: 'Find a patient' }).click();
  await page.getByRole('combobox', { name: /Name, clinic number/ }).fill(lastName.toLowerCase());
  const row = page.locator('tbody tr', { hasText: lastName });
  await expect(row).toBeVisible();
  return row;
}

test.describe.serial('duplex scans and clearance', () => {
  const lastName = uniqueSurname('Ashdown');
  let patientUrl = '';

  test('clinician records a scan', async ({ page }) => {
    // Reception registers a new patient: no scan and no medical history, so not cleared.
    await signIn(page, 'reception');
    await page.getByRole('link', { name: 'Register a patient' }).first().click();
    await page.getByLabel('First name').fill('Harriet');
    await page.getByLabel('Last name').fill(lastName);
    await page.getByLabel('Date of birth').fill('02/07/1984');
    await page.getByRole('combobox', { name: 'Sex' }).click();
    await page.getByRole('option', { name: 'Female' }).click();
    await page.getByLabel('Phone').fill('07700 900789');
    await page.getByLabel('Email').fill('harriet@example.org');
    await page.getByRole('button', { name: 'Register patient' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Harriet ${lastName}`);
    patientUrl = new URL(page.url()).pathname;
    const badge = page.locator('header vn-clearance-badge');
    await expect(badge).toHaveText(/No scan · No medical history/);
    await expect(badge.locator('.badge')).toHaveClass(/vn-tone-bad/);
    await shot(page, '40-new-patient-not-cleared');
    const row = await findPatient(page, lastName);
    await expect(row.locator('vn-clearance-badge')).toHaveText(/No scan · No medical history/);
    await shot(page, '41-search-not-cleared');
    await signOut(page);

    // A clinician records the medical history, then the scan.
    await signIn(page, 'clinician');
    await page.goto(patientUrl);
    await page.getByRole('tab', { name: 'Medical history' }).click();
    await page.getByRole('button', { name: 'Record medical history' }).click();
    await page.getByRole('button', { name: 'Save medical history' }).click();
    await expect(page.getByText('Medical history saved')).toBeVisible();
    await page.getByRole('button', { name: 'OK' }).click();
    await expect(page.locator('header vn-clearance-badge')).toHaveText(/No scan/);

    await page.getByRole('tab', { name: 'Scans' }).click();
    await expect(page.getByRole('heading', { name: 'Clearance today' })).toBeVisible();
    await expect(page.getByText('No duplex scans yet')).toBeVisible();
    await page.getByRole('button', { name: 'Record a scan' }).click();
    await page.getByLabel('Performed by').fill('Leeds Vascular Lab');
    const left = page.getByRole('group', { name: 'Left leg', exact: true });
    const right = page.getByRole('group', { name: 'Right leg', exact: true });

    // Marked on the diagram, the finding is ticked in the list too.
    await page.getByRole('checkbox', { name: 'Left leg, front: Telangiectasia (thread veins)' }).click();
    await expect(left.getByRole('checkbox', { name: 'Telangiectasia (thread veins)' })).toBeChecked();
    await page.getByRole('checkbox', { name: 'Right leg, back: Reticular veins' }).focus();
    await page.keyboard.press('Space');
    await expect(right.getByRole('checkbox', { name: 'Reticular veins' })).toBeChecked();

    // Clear together with reflux is contradictory: the form says so before saving.
    await page.getByRole('checkbox', { name: 'Right leg, front: Great saphenous vein reflux' }).click();
    await left.getByRole('radio', { name: /^Clear/ }).check();
    await right.getByRole('radio', { name: /^Clear/ }).check();
    await expect(right.getByRole('alert')).toContainText('Not clear with great saphenous vein reflux found');
    await right.getByRole('alert').scrollIntoViewIfNeeded();
    await shot(page, '42-scan-form-contradiction');
    await right.getByRole('checkbox', { name: 'Great saphenous vein reflux' }).uncheck();
    await expect(right.getByRole('alert')).toHaveCount(0);
    await left.getByLabel('Notes').fill('Thread veins on the outer thigh; no reflux.');
    await page.locator('input[type=file]').setInputFiles({ name: 'duplex-report.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect(page.getByText('duplex-report.pdf')).toBeVisible();
    await page.locator('vn-leg-diagram').scrollIntoViewIfNeeded();
    await shot(page, '43-scan-form');
    await tablet(page);
    await shot(page, '44-scan-form-tablet');
    await page.setViewportSize(DESKTOP);
    await page.getByRole('button', { name: 'Save scan' }).click();

    await expect(page.getByText('Scan recorded')).toBeVisible();
    const timeline = page.getByRole('list', { name: 'Duplex scans, newest first' });
    await expect(timeline.getByRole('listitem').first()).toContainText('by Leeds Vascular Lab');
    await expect(timeline).toContainText('Telangiectasia (thread veins)');
    await expect(timeline.getByRole('link', { name: 'duplex-report.pdf' })).toBeVisible();
    await expect(page.locator('header vn-clearance-badge')).toHaveText(/Cleared until \d{2}\/\d{2}\/\d{4}/);
    await expect(page.locator('header vn-clearance-badge .badge')).toHaveClass(/vn-tone-ok/);
    await shot(page, '45-scan-recorded');
    const download = page.waitForEvent('download');
    await timeline.getByRole('link', { name: 'duplex-report.pdf' }).click();
    expect((await download).suggestedFilename()).toBe('duplex-report.pdf');
  });

  test('reception sees the badge change', async ({ page }) => {
    await signIn(page, 'reception');
    const row = await findPatient(page, lastName);
    await expect(row.locator('vn-clearance-badge')).toHaveText(/Cleared until \d{2}\/\d{2}\/\d{4}/);
    await expect(row.locator('vn-clearance-badge .badge')).toHaveClass(/vn-tone-ok/);
    await shot(page, '46-search-cleared');
    await tablet(page);
    await shot(page, '47-search-cleared-tablet');

    await row.getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`${patientUrl}$`));
    await expect(page.locator('header vn-clearance-badge')).toHaveText(/Cleared until/);
    await page.getByRole('tab', { name: 'Scans' }).click();
    const leftLeg = page.getByRole('region', { name: 'Left leg' });
    await expect(leftLeg).toContainText('Cleared');
    await expect(leftLeg).toContainText(/Valid until \d{2}\/\d{2}\/\d{4}/);
    await expect(page.getByText('Scan findings and reports are for clinicians and managers.')).toBeVisible();
    await expect(page.getByText('Telangiectasia')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Record a scan' })).toHaveCount(0);
    await shot(page, '48-reception-scans-tab-tablet');
  });
});
