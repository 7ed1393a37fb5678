import { useRef, type KeyboardEvent } from 'react';
import { Page } from '../../ui/Page';
import { PillarsTab } from '../voices/PillarsTab';
import { VoicesTab } from '../voices/VoicesTab';
import { LIBRARY_TABS, goLibrary, libraryHref, parseLibraryParam } from './library-route';
import { TemplatesTab } from './TemplatesTab';
import './templates.css';

const NOTES = {
  templates: 'Proven openers, video scripts, calls to action and thread skeletons. Fill in the blanks and make a post.',
  voices: 'How you sound: a tone, words to use and to avoid, and posts that show it.',
  pillars: 'The themes you post about, each with a colour, its accounts and a voice.',
};

/** Templates, voices and pillars: the reusable parts of a creator's posts. */
export function LibraryScreen({ param }: { param: string | null }) {
  const place = parseLibraryParam(param);
  const tabs = useRef<(HTMLAnchorElement | null)[]>([]);

  // Arrow keys move between tabs, as in any tab strip.
  const onTabKey = (e: KeyboardEvent, index: number) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = (index + step + LIBRARY_TABS.length) % LIBRARY_TABS.length;
    goLibrary(LIBRARY_TABS[next]!.tab);
    tabs.current[next]?.focus();
  };

  return (
    <Page title="Library" note={NOTES[place.tab]} testId="library-screen">
      <div className="library-tabs" role="tablist" aria-label="Library">
        {LIBRARY_TABS.map(({ tab, label }, i) => {
          const selected = place.tab === tab;
          return (
            <a
              key={tab}
              ref={(el) => {
                tabs.current[i] = el;
              }}
              role="tab"
              id={`library-tab-${tab}`}
              href={libraryHref(tab)}
              className="library-tab"
              aria-selected={selected}
              aria-controls="library-panel"
              tabIndex={selected ? 0 : -1}
              data-testid={`library-tab-${tab}`}
              onKeyDown={(e) => onTabKey(e, i)}
            >
              {label}
            </a>
          );
        })}
      </div>
      <div id="library-panel" role="tabpanel" aria-labelledby={`library-tab-${place.tab}`} className="library-panel">
        {place.tab === 'templates' ? <TemplatesTab place={place} /> : place.tab === 'voices' ? <VoicesTab /> : <PillarsTab />}
      </div>
    </Page>
  );
}
