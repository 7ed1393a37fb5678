import { expect, type Page } from '@playwright/test';

/**
 * Opens a template from a category of the library's list, once that category's list has come:
 * an item clicked while the list reorders moves under the pointer between press and release, and
 * the click lands nowhere (library.spec and variants.spec failed on it now and then).
 */
export async function openTemplate(page: Page, category: string, name: string): Promise<void> {
  await page.getByTestId(`template-category-${category}`).click();
  await expect(page.getByTestId(`template-category-${category}`)).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('template-list')).toHaveAttribute('aria-busy', 'false');
  await page.getByTestId('template-item').filter({ hasText: name }).click();
  await expect(page.getByTestId('template-item').filter({ hasText: name })).toHaveAttribute('aria-current', 'true');
}
