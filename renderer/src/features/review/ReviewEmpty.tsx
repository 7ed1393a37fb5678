import { navigate } from '../../app/router';
import { startNewPost } from '../../app/TopBar';
import { Icon } from '../../ui/Icon';

/** Nothing waits for review: say what lands here, and offer the two ways drafts get here. */
export function ReviewEmpty() {
  return (
    <div className="empty" data-testid="review-empty">
      <div className="empty-icon" aria-hidden="true">
        <Icon name="review" size={22} />
      </div>
      <h2>Nothing is waiting for review</h2>
      <p>Posts sent for review, and every generated draft, land here. Plan a month to have Loomcast write drafts for your posting times, or write a post and send it for review.</p>
      <button type="button" className="btn btn-primary" data-testid="review-empty-plan" onClick={() => navigate('planner')}>
        Plan a month
      </button>
      <button type="button" className="btn" data-testid="review-empty-new-post" onClick={startNewPost}>
        <Icon name="plus" />
        New post
      </button>
    </div>
  );
}
