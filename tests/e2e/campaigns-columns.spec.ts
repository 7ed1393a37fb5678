import { expect, test } from './support/fixtures';
import { rpc, type RunningHost } from './support/host';
import { reflowOf, ZOOM_200 } from './support/reflow';

/*
 * Found at 1024×700: the campaign list's figures (Posts, Cost, Revenue, ROI) moved from row to row
 * with the width of each row's own figures. They sit in columns, and still reflow at 200 % zoom.
 */

const CAMPAIGNS = [
  { name: 'Winter launch of the new season', costCents: 1_234_567_00, revenueCents: 9_876_543_21 },
  { name: 'Spring', costCents: 100, revenueCents: 0 },
  { name: 'A', costCents: 45_00, revenueCents: 1_000_00 },
];

const COLUMNS = ['campaign-post-count', 'campaign-cost-value', 'campaign-revenue-value', 'campaign-roi'];

async function seed(host: RunningHost): Promise<void> {
  for (const c of CAMPAIGNS) await rpc(host, 'campaigns:save', c);
}

test('at 1024 px the campaign figures line up as columns, with no sideways scrolling', async ({ page, host, openApp }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await seed(host);
  await openApp(host, '#/campaigns');
  const rows = page.getByTestId('campaign-row');
  await expect(rows).toHaveCount(CAMPAIGNS.length);
  for (const column of COLUMNS) {
    const boxes = await Promise.all((await page.getByTestId(column).all()).map(async (cell) => (await cell.boundingBox())!));
    expect(boxes).toHaveLength(CAMPAIGNS.length);
    const lefts = new Set(boxes.map((b) => Math.round(b.x)));
    const rights = new Set(boxes.map((b) => Math.round(b.x + b.width)));
    expect([column, lefts.size, rights.size]).toEqual([column, 1, 1]);
  }
  // The figures sit flush right in their column, so digits line up.
  expect(await page.getByTestId('campaign-cost-value').first().evaluate((e) => e.ownerDocument.defaultView!.getComputedStyle(e).textAlign)).toBe('right');
  const reflow = await reflowOf(page);
  expect(reflow.offenders).toEqual([]);
  expect(reflow.scrollWidth).toBeLessThanOrEqual(reflow.clientWidth);
});

test.describe('at 200 % zoom', () => {
  test.use({ viewport: ZOOM_200, deviceScaleFactor: 2 });

  test('the campaign rows still fit the window', async ({ page, host, openApp }) => {
    await seed(host);
    await openApp(host, '#/campaigns');
    await expect(page.getByTestId('campaign-row')).toHaveCount(CAMPAIGNS.length);
    const reflow = await reflowOf(page);
    expect(reflow.offenders).toEqual([]);
    expect(reflow.scrollWidth).toBeLessThanOrEqual(reflow.clientWidth);
    await expect(page.getByTestId('campaign-edit').first()).toBeInViewport();
  });
});
