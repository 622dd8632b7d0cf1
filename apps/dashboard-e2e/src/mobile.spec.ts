import { expect, test } from '@playwright/test';
import { shot, signIn } from './support';

test('on a phone the navigation is an overlay behind the menu button', async ({ page }) => {
  await signIn(page, 'manager');
  await expect(page.getByRole('link', { name: 'Audit trail' })).toBeHidden();
  await shot(page, '30-phone-search');
  await page.getByRole('button', { name: 'Open navigation' }).click();
  await expect(page.getByRole('link', { name: 'Audit trail' })).toBeVisible();
  await shot(page, '31-phone-nav-open');
  await page.getByRole('link', { name: 'Audit trail' }).click();
  await expect(page).toHaveURL(/\/audit/);
  await expect(page.getByRole('link', { name: 'Audit trail' })).toBeHidden();
});
