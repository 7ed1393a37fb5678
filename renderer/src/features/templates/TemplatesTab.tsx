import { useRef } from 'react';
import { libraryHref, type LibraryPlace } from './library-route';
import { TemplateDetail } from './TemplateDetail';
import { TemplateEditor } from './TemplateEditor';
import { TemplateList } from './TemplateList';
import { useOneColumn, useOpenFocus } from './useOpenFocus';
import './library-columns.css';

/**
 * The list on the left; on the right the open template, its editor, or a hint. In a narrow
 * window (one column) the open template takes the list's place, with a way back to it.
 */
export function TemplatesTab({ place }: { place: Extract<LibraryPlace, { tab: 'templates' }> }) {
  const openId = place.view === 'detail' || place.view === 'edit' ? place.id : null;
  const open = place.view === 'list' ? null : place.view === 'new' ? 'new' : `${place.view}:${openId}`;
  const pane = useRef<HTMLDivElement>(null);
  const browser = useRef<HTMLDivElement>(null);
  const narrow = useOneColumn();
  useOpenFocus(pane, browser, open === null ? null : (openId ?? open), narrow);
  return (
    <div className="library-split" data-open={open !== null}>
      <div ref={browser} className="library-browser">
        <TemplateList openId={openId} />
      </div>
      <div ref={pane} className="library-pane">
        {open !== null ? (
          <a className="library-back link" href={libraryHref('templates')} data-testid="template-back">
            <span aria-hidden="true">←</span> All templates
          </a>
        ) : null}
        {place.view === 'detail' ? (
          <TemplateDetail key={place.id} id={place.id} />
        ) : place.view === 'edit' ? (
          <TemplateEditor key={`edit-${place.id}`} id={place.id} />
        ) : place.view === 'new' ? (
          <TemplateEditor key="new" id={null} />
        ) : (
          <div className="library-hint" data-testid="template-hint">
            <p>Pick a template to fill in its blanks and see the post take shape.</p>
            <p className="muted">
              Variables are written in braces, like <code>{'{product}'}</code> or <code>{'{benefit}'}</code>. A line holding only <code>---</code> starts the next post of a
              thread.
            </p>
          </div>
        )}
      </div>
    </div>
  );
}
