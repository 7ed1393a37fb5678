import { ComingSoon } from '../../ui/ComingSoon';

export function ReviewScreen() {
  return (
    <ComingSoon
      testId="review-screen"
      title="Review"
      icon="review"
      lead="An inbox for posts that need a yes or no before they are scheduled."
      planned={[
        'A list on the left, the draft on the right with where it came from and what changed since the last version',
        'Keys for speed: J and K to move, A to approve, E to edit, R to reject with a reason',
        'Select many posts to approve them at once',
      ]}
      meanwhile="Today every post you write goes straight to your calendar or your drafts."
    />
  );
}
