import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon';
import { Page } from './Page';

/** An honest page for a screen that isn't built yet: what it will do, and what works today. */
export function ComingSoon({ title, icon, lead, planned, meanwhile, testId }: { title: string; icon: IconName; lead: string; planned: string[]; meanwhile: ReactNode; testId: string }) {
  return (
    <Page title={title} testId={testId}>
      <div className="coming-soon">
        <div className="coming-soon-icon" aria-hidden="true">
          <Icon name={icon} size={22} />
        </div>
        <p className="coming-soon-lead">{lead}</p>
        <p className="coming-soon-tag">Not in this release yet. What it will do:</p>
        <ul className="coming-soon-list">
          {planned.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
        <p className="coming-soon-meanwhile">{meanwhile}</p>
      </div>
    </Page>
  );
}
