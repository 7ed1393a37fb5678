import { Settings, type SettingsDto } from '../../../shared/contract';
import type { Audit } from '../audit';
import type { Logger } from '../deps';
import type { EventBus } from '../events';
import type { Db } from '../store/open';

/** Settings are rows of JSON values; unknown or broken rows fall back to defaults, loudly. */
export function createSettingsService({ db, audit, events, log, defaults }: { db: Db; audit: Audit; events: EventBus; log: Logger; defaults: SettingsDto }) {
  const readAll = db.prepare('SELECT key, value FROM settings');
  const upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');

  const get = (): SettingsDto => {
    const stored: Record<string, unknown> = {};
    for (const row of readAll.all() as { key: string; value: string }[]) stored[row.key] = JSON.parse(row.value);
    const merged = { ...defaults, ...stored };
    const parsed = Settings.safeParse(merged);
    if (parsed.success) return parsed.data;
    log.warn('stored settings are invalid; using defaults for the broken keys', { issues: parsed.error.issues.map((i) => i.path.join('.')) });
    const repaired: Record<string, unknown> = { ...merged };
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as keyof SettingsDto;
      repaired[key] = defaults[key];
    }
    return Settings.parse(repaired);
  };

  return {
    get,
    update(patch: Partial<SettingsDto>): SettingsDto {
      const next = Settings.parse({ ...get(), ...patch });
      db.transaction(() => {
        for (const [key, value] of Object.entries(patch)) upsert.run(key, JSON.stringify(value));
        audit.record({ actor: 'user', action: 'settings.update', entity: 'settings', detail: patch });
      })();
      events.emit('settings:changed', next);
      return next;
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
