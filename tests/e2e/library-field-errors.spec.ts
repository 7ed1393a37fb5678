import { expectMessagesOutsideLabels } from './support/field-messages';
import { expect, test } from './support/fixtures';
import { rpc } from './support/host';

/**
 * What the core refuses in the library's forms is said under the field it concerns, tied to it
 * for a screen reader (aria-invalid, aria-describedby), with the keyboard on the first such field,
 * and nothing the creator typed is lost: they fix that field and the next try goes through.
 */
test.describe('the library’s forms say each refusal at its field', () => {
  test('Use template: no platform, then an empty blank, then one too long, each at its field', async ({ page, host, openApp }) => {
    await openApp(host, '#/library/templates/builtin-hook-product-benefit');
    const detail = page.getByTestId('template-detail');
    const product = detail.getByTestId('template-var-product');
    const benefit = detail.getByTestId('template-var-benefit');
    await product.fill('Loomcast');

    // No platform picked: the platforms group says so, and the keyboard goes to its first toggle.
    await detail.getByTestId('template-use-submit').click();
    const platforms = detail.getByRole('group', { name: 'Platforms' });
    await expect(platforms).toHaveAccessibleDescription('Pick at least one platform');
    await expect(platforms).toHaveAttribute('aria-invalid', 'true');
    await expect(detail.getByTestId('use-platform-x')).toBeFocused();
    expect(await expectMessagesOutsideLabels(detail)).toEqual(['use-platforms-error']);

    // A blank left empty: the core's refusal is said under that blank, which takes the focus.
    await detail.getByTestId('use-platform-x').click();
    await expect(detail.getByTestId('use-platforms-error')).toHaveCount(0);
    await detail.getByTestId('template-use-submit').click();
    await expect(benefit).toHaveAttribute('aria-invalid', 'true');
    await expect(benefit).toHaveAccessibleName('Benefit');
    await expect(benefit).toHaveAccessibleDescription('Fill in {benefit}');
    await expect(benefit).toBeFocused();
    await expect(detail.getByTestId('template-var-error-benefit')).toHaveText('Fill in {benefit}');
    await expect(product).not.toHaveAttribute('aria-invalid');
    await expect(detail.getByTestId('use-problem')).toContainText('Fill in {benefit} before using');
    expect(await expectMessagesOutsideLabels(detail)).toEqual(['tpl-var-benefit-error']);
    await expect(product).toHaveValue('Loomcast');

    // A value the core finds too long: said under it too, and what was typed stays.
    const long = 'a'.repeat(5_001);
    await benefit.fill(long);
    await expect(benefit).not.toHaveAttribute('aria-invalid');
    await product.focus();
    await detail.getByTestId('template-use-submit').click();
    await expect(detail.getByTestId('template-var-error-benefit')).toHaveText('A value is at most 5,000 characters');
    await expect(benefit).toHaveAccessibleDescription('A value is at most 5,000 characters');
    await expect(benefit).toBeFocused();
    expect(await expectMessagesOutsideLabels(detail)).toEqual(['tpl-var-benefit-error']);
    await expect(benefit).toHaveValue(long);
    await expect(product).toHaveValue('Loomcast');

    // Fixed, it goes through.
    await benefit.fill('a week of posts planned by Monday');
    await detail.getByTestId('template-use-submit').click();
    await expect(detail.getByTestId('template-used-text')).toHaveText('Loomcast does one thing better than anything I’ve used: a week of posts planned by Monday.');
    await expect(detail.locator('[aria-invalid="true"]')).toHaveCount(0);
    await expect(detail.getByTestId('use-problem')).toHaveCount(0);
  });

  test('Use template: a value kept for a blank the template no longer has is not sent', async ({ page, host, openApp }) => {
    const template = await rpc<{ id: string }>(host, 'templates:save', { name: 'Topic tip', category: 'hook', body: 'A tip about {topic}' });
    await openApp(host, `#/library/templates/${template.id}`);
    const detail = page.getByTestId('template-detail');
    await detail.getByTestId('template-var-topic').fill('sourdough');

    // Edited meanwhile (in another window, or by an agent): {topic} became {subject}.
    await rpc(host, 'templates:save', { id: template.id, name: 'Topic tip', category: 'hook', body: 'A tip about {subject}' });
    await expect(detail.getByTestId('template-var-subject')).toBeVisible();
    await detail.getByTestId('template-var-subject').fill('rye');
    await detail.getByTestId('use-platform-mastodon').click();
    await detail.getByTestId('template-use-submit').click();
    await expect(detail.getByTestId('template-used-text')).toHaveText('A tip about rye');
    await expect(detail.getByTestId('use-problem')).toHaveCount(0);
  });

  test('the voice form: a refused example is said under its own box, and too many under the list', async ({ page, host, openApp }) => {
    await openApp(host, '#/library/voices');
    await page.getByTestId('voice-new').click();
    const editor = page.getByTestId('voice-editor');
    await editor.getByTestId('voice-name').fill('Calm chef');
    await editor.getByTestId('voice-example-0').fill('Three pantry dinners for a Tuesday night.');
    await editor.getByTestId('voice-add-example').click();
    await editor.getByTestId('voice-add-example').click();
    // The second box stays empty (left out when saving), so the core's second example is the third box.
    const long = 'b'.repeat(5_001);
    await editor.getByTestId('voice-example-2').fill(long);
    await editor.getByTestId('voice-save').click();

    const third = editor.getByTestId('voice-example-2');
    await expect(editor.getByTestId('voice-error-example-2')).toHaveText('An example post is at most 5,000 characters');
    await expect(third).toHaveAttribute('aria-invalid', 'true');
    await expect(third).toHaveAccessibleName('Example 3');
    await expect(third).toHaveAccessibleDescription('An example post is at most 5,000 characters');
    await expect(third).toBeFocused();
    await expect(editor.getByTestId('voice-problem')).toHaveCount(0);
    expect(await expectMessagesOutsideLabels(editor)).toEqual(['voice-example-2-error']);
    await expect(editor.getByTestId('voice-name')).toHaveValue('Calm chef');
    await expect(editor.getByTestId('voice-example-0')).toHaveValue('Three pantry dinners for a Tuesday night.');
    await expect(third).toHaveValue(long);

    // Too many examples: said under the list, which is marked; the keyboard goes to its first box.
    await third.fill('Bread in an hour, no kneading.');
    await expect(editor.getByTestId('voice-error-example-2')).toHaveCount(0);
    for (let i = 3; i < 21; i++) {
      await editor.getByTestId('voice-add-example').click();
      await editor.getByTestId(`voice-example-${i}`).fill(`Weeknight dinner number ${i}.`);
    }
    await editor.getByTestId('voice-example-1').fill('Soup for a cold Sunday.');
    await editor.getByTestId('voice-save').click();
    const list = editor.getByRole('group', { name: 'Example posts' });
    await expect(editor.getByTestId('voice-error-examples')).toHaveText('At most 20 example posts');
    await expect(list).toHaveAttribute('aria-invalid', 'true');
    await expect(list).toHaveAccessibleDescription(/^At most 20 example posts/);
    await expect(editor.getByTestId('voice-example-0')).toBeFocused();
    expect(await expectMessagesOutsideLabels(editor)).toEqual(['voice-examples-error']);

    // One removed, it saves with every example typed.
    await editor.getByRole('button', { name: 'Remove example 21' }).click();
    await expect(editor.getByTestId('voice-error-examples')).toHaveCount(0);
    await editor.getByTestId('voice-save').click();
    await expect(page.getByTestId('voice-item')).toHaveText([/^Calm chef/]);
    const [voice] = await rpc<{ examples: string[] }[]>(host, 'voices:list', {});
    expect(voice!.examples).toHaveLength(20);
    expect(voice!.examples.slice(0, 3)).toEqual(['Three pantry dinners for a Tuesday night.', 'Soup for a cold Sunday.', 'Bread in an hour, no kneading.']);
  });
});
