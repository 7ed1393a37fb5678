import { navigate } from '../../app/router';
import { startNewPost } from '../../app/TopBar';
import { Icon } from '../../ui/Icon';
import { WelcomeEntry } from '../welcome/WelcomeEntry';

/** No post at all yet: say what the calendar is for, and offer the ways in (write, plan a month, import a sheet). */
export function EmptyCalendar() {
  return (
    <>
      <WelcomeEntry />
      <div className="empty" data-testid="calendar-empty">
        <div className="empty-icon" aria-hidden="true">
          <Icon name="calendar" size={22} />
        </div>
        <h2>No posts yet — write your first post</h2>
        <p>Write it once, pick the platforms, and choose a day and time in your own time zone. It will wait here in your calendar.</p>
        <button type="button" className="btn btn-primary" data-testid="empty-new-post" onClick={startNewPost}>
          <Icon name="plus" />
          Write your first post
        </button>
        <button type="button" className="btn" data-testid="empty-plan-month" onClick={() => navigate('planner')}>
          Plan a month
        </button>
        <button type="button" className="btn" data-testid="empty-import" onClick={() => navigate('import')}>
          Import CSV
        </button>
      </div>
    </>
  );
}
