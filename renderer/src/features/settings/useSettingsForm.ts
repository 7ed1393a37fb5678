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

/** The cards whose settings save through this form: a failed save is told in the card it was made in. */
export type SettingsSection = 'time' | 'review' | 'missed' | 'agents';

/** Saves a change now; true once the core has it. `section`: the card the change was made in. */
export type SaveSetting = (patch: Partial<SettingsDto>, what: string, section?: SettingsSection) => Promise<boolean>;

/**
 * Settings save as soon as they change; the screen says when they did or why not. Why not is
 * told beside the change (`problemIn` its card), not in the first card, far above a change made
 * lower down.
 */
export function useSettingsForm() {
  const settings = useSettings();
  const info = useAppInfo();
  const zones = useZoneOptions(settings?.timeZone);
  const [saved, setSaved] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ section: SettingsSection; problem: Problem } | null>(null);

  const save: SaveSetting = async (patch, what, section = 'time') => {
    setProblem(null);
    setSaved(null);
    try {
      await updateSettings(patch);
      setSaved(what);
      return true;
    } catch (err) {
      setProblem({ section, problem: toProblem(err) });
      return false;
    }
  };
  const problemIn = (section: SettingsSection): Problem | null => (problem?.section === section ? problem.problem : null);

  return { settings, info, zones, saved, problemIn, save };
}
