import { ComingSoon } from '../../ui/ComingSoon';

export function IdeasScreen() {
  return (
    <ComingSoon
      testId="ideas-screen"
      title="Ideas"
      icon="ideas"
      lead="A place for half-formed thoughts before they become posts."
      planned={['Quick capture of a line or a link', 'Turning an idea into a post in one step']}
      meanwhile="For now, write the idea in the composer and save it as a draft: it keeps every version."
    />
  );
}
