import { useEffect, useState } from 'react';
import type { WeeklyReportDto } from '../../../../shared/contract/features/reports';
import { api } from '../../api/client';
import { toProblem, type Problem } from '../../lib/errors';

/** The week's report (any day of it; null: the last full week), reloaded when posts change. */
export function useWeeklyReport(weekOf: string | null) {
  const [state, setState] = useState<{ report: WeeklyReportDto | null; problem: Problem | null }>({ report: null, problem: null });
  useEffect(() => {
    let live = true;
    const load = () =>
      api.call('reports:weekly', weekOf ? { weekOf } : {}).then(
        (report) => live && setState({ report, problem: null }),
        (err: unknown) => live && setState((s) => ({ ...s, problem: toProblem(err) })),
      );
    void load();
    const stop = api.subscribe('posts:changed', () => void load());
    return () => {
      live = false;
      stop();
    };
  }, [weekOf]);
  return state;
}
