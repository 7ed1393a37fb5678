import type { LibraryPlace } from './library-route';
import { TemplateDetail } from './TemplateDetail';
import { TemplateEditor } from './TemplateEditor';
import { TemplateList } from './TemplateList';

/** The list on the left; on the right the open template, its editor, or a hint. */
export function TemplatesTab({ place }: { place: Extract<LibraryPlace, { tab: 'templates' }> }) {
  const openId = place.view === 'detail' || place.view === 'edit' ? place.id : null;
  return (
    <div className="library-split">
      <TemplateList openId={openId} />
      <div className="library-pane">
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
