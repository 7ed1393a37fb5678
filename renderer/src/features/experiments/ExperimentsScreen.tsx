import { ComingSoon } from '../../ui/ComingSoon';

export function ExperimentsScreen() {
  return (
    <ComingSoon
      testId="experiments-screen"
      title="Experiments"
      icon="experiments"
      lead="Try two versions of an idea and learn which one your audience prefers."
      planned={['Variants of a post sent to comparable slots', 'Results with the number of posts behind them, and a plain verdict when there is enough data']}
      meanwhile="Experiments build on publishing and analytics, which arrive first."
    />
  );
}
