import { ComingSoon } from '../../ui/ComingSoon';

export function AnalyticsScreen() {
  return (
    <ComingSoon
      testId="analytics-screen"
      title="Analytics"
      icon="analytics"
      lead="How your published posts do: views, engagement and the times that work for you."
      planned={[
        'A few large numbers for the period you pick, with the change against the one before',
        'Charts and sortable tables per account and platform',
        'Suggestions that always say how many posts they are based on',
      ]}
      meanwhile="Each platform client can already read a published post's numbers; collecting and charting them over time is what comes next. Nothing here is made up."
    />
  );
}
