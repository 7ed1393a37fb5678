import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { PostDto } from '../../shared/contract';
import { dayFromToday, expect, test } from './support/fixtures';
import { rpc } from './support/host';

const ZONE = 'Europe/Berlin';

/** Every screen the sidebar opens; the calendar is checked in each of its views. */
const SCREENS = ['compose', 'review', 'analytics', 'experiments', 'ideas', 'campaigns', 'reports', 'library', 'import', 'accounts', 'settings', 'calendar'] as const;
const CALENDAR_VIEWS = ['month', 'week', 'list'] as const;

type Finding = { where: string; id: string; impact: string; help: string; nodes: { target: string; summary: string }[] };

/**
 * The rules whose outcome depends on the colours: all a second theme can change. The structure,
 * names and roles are the same in both themes and are checked once, in the light one.
 */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/** Serious and critical WCAG 2 A/AA findings on the page as it is now (only the colour rules when asked). */
async function scan(page: Page, where: string, coloursOnly = false): Promise<Finding[]> {
  const axe = new AxeBuilder({ page });
  const result = await (coloursOnly ? axe.withRules(COLOUR_RULES) : axe.withTags(['wcag2a', 'wcag2aa'])).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      where,
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim() })),
    }));
}

function report(findings: Finding[]): string {
  return findings
    .map((f) => `[${f.where}] ${f.id} (${f.impact}): ${f.help}\n${f.nodes.map((n) => `    ${n.target}\n      ${n.summary}`).join('\n')}`)
    .join('\n');
}

for (const scheme of ['light', 'dark'] as const) {
  const what = scheme === 'light' ? 'serious or critical WCAG 2 AA problems' : 'serious or critical colour problems (contrast, links told apart by colour alone)';
  test(`every screen has no ${what} in the ${scheme} theme`, async ({ page, host, openApp }) => {
    test.setTimeout(180_000); // fourteen axe scans; slow on a busy machine
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await rpc(host, 'settings:update', { timeZone: ZONE, autoApproveOwnPosts: false });
    await rpc<PostDto>(host, 'posts:create', {
      text: 'Launch week starts Monday: a new episode every day.',
      platforms: ['mastodon', 'bluesky'],
      schedule: { date: dayFromToday(ZONE, 1), time: '09:30' },
    });
    await rpc<PostDto>(host, 'posts:create', { text: 'Half an idea: what a studio week looks like from the inside.', platforms: ['x'], schedule: null });

    await openApp(host);
    const findings: Finding[] = [];
    for (const screen of SCREENS) {
      await page.getByTestId(`nav-${screen}`).click();
      await expect(page.getByTestId(`${screen}-screen`)).toBeVisible();
      if (screen === 'calendar') {
        for (const view of CALENDAR_VIEWS) {
          await page.getByTestId(`calendar-view-${view}`).click();
          await expect(page.getByTestId(`calendar-view-${view}`)).toHaveAttribute('aria-pressed', 'true');
          findings.push(...(await scan(page, `calendar ${view}`, scheme === 'dark')));
        }
      } else {
        if (screen === 'review') await expect(page.getByTestId('review-detail')).toBeVisible();
        findings.push(...(await scan(page, screen, scheme === 'dark')));
      }
    }
    expect(findings, report(findings)).toEqual([]);
  });
}
