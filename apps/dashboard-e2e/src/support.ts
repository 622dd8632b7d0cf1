import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const PASSWORD = 'demo-venule';
export const SCREENSHOTS = join(__dirname, '..', 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

/** Every view we screenshot is also checked against WCAG 2.1 A and AA rules (axe-core). */
export async function shot(page: Page, name: string): Promise<void> {
  // Let finite animations end first: a message still fading in reads as low contrast to axe. One
  // that starts a frame later (a snack bar opening after its request) is waited for too.
  await page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    for (let round = 0; round < 5; round++) {
      await frame();
      await frame();
      const running = document
        .getAnimations()
        .filter((a) => a.playState === 'running' && Number.isFinite(Number(a.effect?.getComputedTiming().endTime)));
      if (running.length === 0) return;
      await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
    }
  });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(
    violations.map(
      (v) =>
        `${name}: ${v.id} (${v.impact}) at ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    ),
  ).toEqual([]);
}

export async function signIn(page: Page, role: 'reception' | 'clinician' | 'manager' | 'admin'): Promise<void> {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByLabel('Email')).toBeFocused();
  await page.getByLabel('Email').fill(`${role}@demo.venule`);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await expect(page.getByRole('button', { name: /^Account:/ })).toBeVisible({ timeout: 20_000 });
}

/** A surname no other run has used: letters only, as the API accepts for names. */
export function uniqueSurname(stem: string): string {
  let n = Date.now() % 26 ** 5;
  let suffix = '';
  for (let i = 0; i < 5; i++) {
    suffix += String.fromCharCode(97 + (n % 26));
    n = Math.floor(n / 26);
  }
  return `${stem}-${suffix[0].toUpperCase()}${suffix.slice(1)}`;
}

/** After a resize the navigation changes mode and slides: wait until the page has kept still for a few frames. */
async function settled(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        let last = '';
        let still = 0;
        const check = () => {
          const box = document.querySelector('main')?.getBoundingClientRect();
          const now = `${box?.left},${box?.width}`;
          still = now === last ? still + 1 : 0;
          last = now;
          if (still >= 5) resolve();
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
  );
}

export const DESKTOP = { width: 1366, height: 900 };
export const TABLET = { width: 1024, height: 768 };

/** The same view at desktop and tablet size (`<name>-1366`, `<name>-1024`), each checked by axe; ends at desktop size. */
export async function shotAtBothSizes(page: Page, name: string): Promise<void> {
  for (const size of [DESKTOP, TABLET]) {
    await page.setViewportSize(size);
    await settled(page);
    await shot(page, `${name}-${size.width}`);
  }
  await page.setViewportSize(DESKTOP);
}
