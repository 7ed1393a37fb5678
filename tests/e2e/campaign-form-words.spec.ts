import { expect, test } from './support/fixtures';
import { rpc } from './support/host';

/*
 * Found in an audit at 1280 px: utm_source's placeholder was cut off ("Empty: each post’s
 * platform (x, blu"), and a cost of "-5" was answered with "Enter the cost as an amount such as
 * 1,250.50", which doesn't say what was wrong with it.
 */

test('utm_source’s placeholder shows whole, its explanation under the field, tied to it', async ({ page, host, openApp }) => {
  await rpc(host, 'campaigns:save', { name: 'Autumn workshop series', currency: 'EUR', costCents: 125_050 });
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(host, '#/campaigns');
  await page.getByTestId('campaign-row').filter({ hasText: 'Autumn' }).getByTestId('campaign-edit').click();
  const editor = page.getByTestId('campaign-editor');
  const source = editor.getByTestId('campaign-utm-source');
  // The placeholder's width as drawn in the field's font, against the room inside the field.
  const fit = await source.evaluate((input) => {
    const el = input as unknown as { placeholder: string; clientWidth: number; ownerDocument: { createElement(t: 'canvas'): { getContext(t: '2d'): { font: string; measureText(s: string): { width: number } } } } };
    const cs = input.ownerDocument.defaultView!.getComputedStyle(input);
    const ctx = el.ownerDocument.createElement('canvas').getContext('2d');
    ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    return { text: ctx.measureText(el.placeholder).width, room: el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) };
  });
  expect(fit.text).toBeLessThanOrEqual(fit.room);
  const hint = editor.getByTestId('campaign-utm-source-hint');
  await expect(hint).toHaveText('Empty: each post’s platform (x, bluesky…) is the source.');
  await expect(source).toHaveAccessibleDescription('Empty: each post’s platform (x, bluesky…) is the source.');
});

test('a negative cost is refused in words that say so and what to enter', async ({ page, host, openApp }) => {
  await rpc(host, 'campaigns:save', { name: 'Autumn workshop series', currency: 'EUR', costCents: 125_050 });
  await openApp(host, '#/campaigns');
  await page.getByTestId('campaign-row').filter({ hasText: 'Autumn' }).getByTestId('campaign-edit').click();
  const editor = page.getByTestId('campaign-editor');
  await editor.getByTestId('campaign-cost').fill('-5');
  await editor.getByTestId('campaign-save').click();
  await expect(editor.getByTestId('campaign-error-cost')).toHaveText('The cost can’t be negative: enter 0 or more, such as 1,250.50');
  await expect(editor.getByTestId('campaign-cost')).toHaveAttribute('aria-invalid', 'true');
  // Nothing was saved: the cost is still what it was.
  const [saved] = await rpc<{ costCents: number }[]>(host, 'campaigns:list', {});
  expect(saved!.costCents).toBe(125_050);
});
