import { expect, type Locator } from '@playwright/test';

/**
 * What a screen reader needs from a form's messages, read from the DOM: no label holds an error
 * or hint (it would be read as part of the field's name on every visit), and every error shown
 * is named by the aria-describedby of a field marked aria-invalid. Returns the ids of the errors.
 */
export async function expectMessagesOutsideLabels(form: Locator): Promise<string[]> {
  const report = await form.evaluate((root) => {
    const text = (e: { textContent: string | null }) => (e.textContent ?? '').trim();
    const messages = [...root.querySelectorAll('.field-error, .field-hint, [class*="-hint"], [class*="-note"], .io-help, .setting-help, .lib-help')];
    const errors = [...root.querySelectorAll('.field-error')].filter((e) => e.getClientRects().length > 0);
    const described = [...root.ownerDocument.querySelectorAll('[aria-describedby]')];
    const pointsAt = (id: string) => described.some((f) => f.getAttribute('aria-describedby')!.split(/\s+/).includes(id) && f.getAttribute('aria-invalid') === 'true');
    return {
      inLabels: messages.filter((m) => m.closest('label')).map(text),
      unlinked: errors.filter((e) => !e.id || !pointsAt(e.id)).map(text),
      ids: errors.map((e) => e.id),
    };
  });
  expect(report.inLabels, 'errors and hints inside a <label>').toEqual([]);
  expect(report.unlinked, 'errors no invalid field points at').toEqual([]);
  return report.ids;
}
