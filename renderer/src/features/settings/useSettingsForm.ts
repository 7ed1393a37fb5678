import { useMemo, useState } from 'react';
import type { SettingsDto } from '../../../../shared/contract';
import { updateSettings, useAppInfo, useSettings } from '../../data/useAppData';
import { useNow } from '../../data/useNow';
import { toProblem, type Problem } from '../../lib/errors';
import { zoneAbbrev } from '../../lib/format';

/** Every zone this browser knows, with how it reads today ("Europe/Berlin · CET, UTC+1"). */
function useZoneOptions(current: string | undefined): { value: string; label: string }[] {
  const now = useNow(60 * 60_000);
  return useMemo(() => {
    const zones = new Set(Intl.supportedValuesOf('timeZone'));
    zones.add('UTC');
    if (current) zones.add(current);
    return [...zones].sort().map((z) => ({ value: z, label: `${z.replace(/_/g, ' ')} · ${zoneAbbrev(z, now)}` }));
  }, [current, now]);
}

/** Settings save as soon as they change; the screen says when they did or why not. */
export function useSettingsForm() {
  const settings = useSettings();
  const info = useAppInfo();
  const zones = useZoneOptions(settings?.timeZone);
  const [saved, setSaved] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  const save = async (patch: Partial<SettingsDto>, what: string) => {
    setProblem(null);
    setSaved(null);
    try {
      await updateSettings(patch);
      setSaved(what);
    } catch (err) {
      setProblem(toProblem(err));
    }
  };

  return { settings, info, zones, saved, problem, save };
}
