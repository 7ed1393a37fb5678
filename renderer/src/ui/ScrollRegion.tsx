import type { ReactNode } from 'react';

/**
 * A wide table's own sideways scroll, so the page itself never scrolls sideways (WCAG 1.4.10
 * Reflow). It is a labelled region in the tab order: a keyboard reaches it and scrolls it with
 * the arrow keys, a screen reader names it.
 */
export function ScrollRegion({ label, className, testId, children }: { label: string; className?: string; testId?: string; children: ReactNode }) {
  return (
    <div className={className ? `scroll-region ${className}` : 'scroll-region'} role="region" aria-label={label} tabIndex={0} data-testid={testId}>
      {children}
    </div>
  );
}
