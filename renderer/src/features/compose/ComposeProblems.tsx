import { Icon } from '../../ui/Icon';
import type { SubmitKind } from './useCompose';
import { controlIdOf, orderedProblems } from './compose-checks';
import type { ComposeField, FieldErrors } from './compose-form';

const ASKED: Record<SubmitKind, string> = { schedule: 'scheduled', draft: 'saved', queue: 'added to the queue', now: 'posted', review: 'sent for review' };

/** Puts the keyboard on a field's control (a group's first button), scrolled into view. */
export function focusField(field: ComposeField): boolean {
  const el = document.getElementById(controlIdOf(field));
  const target = el?.matches('input, textarea, select, button') ? el : el?.querySelector<HTMLElement>('button, input, textarea, select');
  if (!target) return false;
  target.scrollIntoView({ block: 'center' });
  target.focus({ preventScroll: true });
  return true;
}

/**
 * What keeps the post from going, all at once, in the order the fields read: announced when a
 * press is refused (the keyboard goes to the first field), each line a way to its field.
 */
export function ComposeProblems({ errors, asked }: { errors: FieldErrors; asked: SubmitKind }) {
  const list = orderedProblems(errors);
  if (list.length === 0) return null;
  const count = list.length === 1 ? 'One thing keeps' : `${list.length} things keep`;
  return (
    <div className="problem compose-summary" role="alert" data-testid="compose-summary">
      <Icon name="alert" size={16} />
      <div>
        <p className="compose-summary-title" data-testid="compose-summary-title">
          {count} this post from being {ASKED[asked]}:
        </p>
        <ul className="compose-summary-list">
          {list.map(([field, message]) => (
            <li key={field}>
              <button type="button" className="link compose-summary-item" data-testid="compose-summary-item" data-field={field} onClick={() => focusField(field)}>
                {message}
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
