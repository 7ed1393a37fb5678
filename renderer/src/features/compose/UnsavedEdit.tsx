import { dayTime } from '../../lib/format';
import { dropEdit, unsaved, useComposeStore } from './compose.store';

/**
 * In the post panel: this post has changes typed in the composer and not saved (the composer was
 * left, the window reloaded, the app crashed). Edit goes on with them; once the post is on its way
 * out they can only be let go.
 */
export function UnsavedEdit({ postId, zone, locked }: { postId: string; zone: string; locked: boolean }) {
  const session = useComposeStore((s) => s.edits[postId]);
  if (!unsaved(session)) return null;
  const at = session!.earlier?.at ?? session!.typedAt;
  return (
    <div className="waiting-note panel-unsaved" role="status" data-testid="post-unsaved">
      <p>
        {locked ? 'Changes you typed to this post were not saved, and it can no longer be edited.' : 'You have changes to this post that are not saved yet; Edit goes on with them.'}
        {at ? ` Typed on ${dayTime(at, zone)}.` : ''}
      </p>
      {locked ? (
        <button type="button" className="btn btn-small" data-testid="post-unsaved-drop" onClick={() => dropEdit(postId)}>
          Let them go
        </button>
      ) : null}
    </div>
  );
}
