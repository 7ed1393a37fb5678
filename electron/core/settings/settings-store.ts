/**
 * The settings table, typed: every key is declared once below with its zod schema and its
 * default, and this is the only code that writes `INSERT INTO settings` (besides migration 0030,
 * which marks a recount of the rollups due). A stored value that no longer fits its schema
 * (hand-edited, written by an older Loomcast, or not JSON at all) reads as the default and is
 * logged; it never stops the app. Writes are validated first.
 *
 * The store keeps nothing in memory, so any number of them over one database agree.
 */
import { z } from 'zod';
import { AppError, Settings, type SettingsDto } from '../../../shared/contract';
import { StoredTargetBands } from '../../../shared/contract/features/analytics';
import { GUARD_WINDOW_DEFAULT_DAYS, GuardSettings } from '../../../shared/contract/features/guard';
import { WritingProvider } from '../../../shared/contract/features/writing';
import { AlertRules, DEFAULT_ALERT_RULES } from '../../../shared/contract/features/alerts';
import { DEFAULT_NOTIFICATION_SWITCHES, NotificationSwitches } from '../../../shared/contract/features/desktop';
import type { Logger } from '../deps';
import type { Db } from '../store/open';

const setting = <S extends z.ZodType>(schema: S, fallback: z.output<S>) => ({ schema, fallback });

/** The creator's media bucket, without its secret key (that lives in the vault). */
const StoredBucket = z.object({
  endpoint: z.string(),
  region: z.string(),
  bucket: z.string(),
  accessKeyId: z.string(),
  forcePathStyle: z.boolean().optional(),
  expiresInSeconds: z.number().int().positive().optional(),
  keyPrefix: z.string().optional(),
});

/** The calendar feed's token, kept as its SHA-256 fingerprint only. */
const StoredFeed = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.number(),
  lastFetchedAt: z.number().nullable().catch(null),
});

/**
 * Every row of the settings table. The names are the stored keys: keep them when renaming
 * code, or existing databases lose the value.
 */
export const SETTINGS = {
  // General settings (Settings in the contract, settings:get / settings:update).
  timeZone: setting(Settings.shape.timeZone, 'UTC'),
  theme: setting(Settings.shape.theme, 'system'),
  timeFormat: setting(Settings.shape.timeFormat, 'system'),
  locale: setting(Settings.shape.locale, 'en-US'),
  missedGraceMinutes: setting(Settings.shape.missedGraceMinutes, 120),
  missedAction: setting(Settings.shape.missedAction, 'hold'),
  autoApproveOwnPosts: setting(Settings.shape.autoApproveOwnPosts, true),
  importedPostsSkipReview: setting(Settings.shape.importedPostsSkipReview, false),
  agentPostsWaitInReview: setting(Settings.shape.agentPostsWaitInReview, true),
  firstRun: setting(Settings.shape.firstRun, { state: 'open', steps: [] }),
  // Features' own rows.
  media_bucket: setting(StoredBucket.nullable(), null),
  'io.icalFeed': setting(StoredFeed.nullable(), null),
  'guard.windowDays': setting(GuardSettings.shape.windowDays, GUARD_WINDOW_DEFAULT_DAYS),
  /** The text model (no key: that is in the vault); null writes offline. */
  'writing.provider': setting(WritingProvider.nullable(), null),
  /**
   * The zone whose calendar days the daily metric rollups count (analytics/rollups.ts): the
   * creator's time zone, once the rollups have been counted again in it. 'UTC' is what every
   * database before this key counted in.
   */
  'analytics.dayZone': setting(Settings.shape.timeZone, 'UTC'),
  /**
   * The daily metric rollups are to be counted again at the next start, whatever the zone: set by
   * a migration whose rows were counted in a way since put right (0030), cleared by the recount.
   */
  'analytics.recountDue': setting(z.boolean(), false),
  /** The creator's own engagement-rate target bands per platform; a platform absent uses its default. */
  'analytics.targetBands': setting(StoredTargetBands, {}),
  /** Each alert rule's switch and thresholds (Settings → Alerts). */
  'alerts.rules': setting(AlertRules, DEFAULT_ALERT_RULES),
  /** Which kinds of notification show on the desktop (Settings → Notifications). */
  'notifications.desktop': setting(NotificationSwitches, DEFAULT_NOTIFICATION_SWITCHES),
  /** When the creator paused publishing (epoch ms); null while publishing runs. Survives restarts. */
  'publishing.pausedAt': setting(z.number().int().nonnegative().nullable(), null),
  /** The desktop shell told the creator, once ever, that closing the window keeps Loomcast publishing. */
  'shell.trayNoticeShown': setting(z.boolean(), false),
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTINGS)[K]['schema']>;
export type SettingValues = { [K in SettingKey]: SettingValue<K> };

/** The keys `settings:get` answers, in the contract's order. */
export const GENERAL_SETTING_KEYS = Object.keys(Settings.shape) as (keyof SettingsDto)[];

export interface SettingsStore {
  /** The stored value, or the key's default when there is none or it is invalid (logged). */
  get<K extends SettingKey>(key: K): SettingValue<K>;
  /** Several keys in one read. */
  getMany<K extends SettingKey>(keys: readonly K[]): { [P in K]: SettingValue<P> };
  /** Validates and stores one value; throws AppError('invalid_input') and writes nothing if it does not fit. */
  set<K extends SettingKey>(key: K, value: SettingValue<K>): SettingValue<K>;
  /** Validates every value first, then stores them all in one transaction (or none). */
  setMany(values: Partial<SettingValues>): void;
  /** Forgets the stored value, so the key reads as its default again. */
  reset(key: SettingKey): void;
}

function declared(key: string): (typeof SETTINGS)[SettingKey] {
  if (!Object.prototype.hasOwnProperty.call(SETTINGS, key)) {
    throw new Error(`There is no setting "${key}"; declare it in electron/core/settings/settings-store.ts.`);
  }
  return SETTINGS[key as SettingKey];
}

/**
 * `defaults` overrides a key's declared default where it is only known at start-up (the
 * machine's time zone).
 */
/**
 * The default-free store of a database, made once: readers on hot paths (the duplicate guard on
 * every post created or imported) would otherwise prepare its statements on every call.
 */
const shared = new WeakMap<Db, SettingsStore>();
export function settingsStoreOf(db: Db, log: Logger): SettingsStore {
  let store = shared.get(db);
  if (!store) {
    store = createSettingsStore({ db, log });
    shared.set(db, store);
  }
  return store;
}

export function createSettingsStore({ db, log, defaults = {} }: { db: Db; log: Logger; defaults?: Partial<SettingValues> }): SettingsStore {
  const readOne = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const readAll = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
  const upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const remove = db.prepare('DELETE FROM settings WHERE key = ?');

  const fallback = <K extends SettingKey>(key: K): SettingValue<K> =>
    (Object.prototype.hasOwnProperty.call(defaults, key) ? defaults[key] : SETTINGS[key].fallback) as SettingValue<K>;

  const decode = <K extends SettingKey>(key: K, raw: string | undefined): SettingValue<K> => {
    const { schema } = declared(key);
    if (raw === undefined) return fallback(key);
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      log.warn('a stored setting is not JSON; using its default', { setting: key });
      return fallback(key);
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) return parsed.data as SettingValue<K>;
    log.warn('a stored setting is invalid; using its default', { setting: key, issues: parsed.error.issues.map((i) => `${i.path.join('.') || '(value)'}: ${i.message}`) });
    return fallback(key);
  };

  const encode = (key: string, value: unknown): string => {
    const parsed = declared(key).schema.safeParse(value);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: [key, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], message: i.message }));
      throw new AppError('invalid_input', `Invalid value for the setting ${key}: ${issues.map((i) => i.message).join('; ')}`, { issues });
    }
    return JSON.stringify(parsed.data);
  };

  const writeAll = db.transaction((rows: [string, string][]) => {
    for (const [key, value] of rows) upsert.run(key, value);
  });

  // The last decoded primitive per key (a number, string, boolean or null, which no caller can
  // change): the scheduler reads whether publishing is paused before every post it sends, and a
  // JSON parse and schema check each time was a measurable share of publishing a burst. Keyed by
  // the stored text, so a write through any store (or none) is seen at the next read.
  const primitives = new Map<string, { raw: string | undefined; value: unknown }>();

  return {
    get: (key) => {
      const raw = readOne.get(key)?.value;
      const hit = primitives.get(key);
      if (hit && hit.raw === raw) return hit.value as SettingValue<typeof key>;
      const value = decode(key, raw);
      if (value === null || typeof value !== 'object') primitives.set(key, { raw, value });
      return value;
    },

    getMany<K extends SettingKey>(keys: readonly K[]) {
      for (const key of keys) declared(key);
      const stored = new Map(readAll.all().map((r) => [r.key, r.value]));
      return Object.fromEntries(keys.map((key) => [key, decode(key, stored.get(key))])) as { [P in K]: SettingValue<P> };
    },

    set(key, value) {
      upsert.run(key, encode(key, value));
      return value;
    },

    setMany(values) {
      // Encode (validate) everything before the first write.
      const rows = Object.entries(values)
        .filter(([, v]) => v !== undefined)
        .map(([key, v]): [string, string] => [key, encode(key, v)]);
      writeAll(rows);
    },

    reset(key) {
      declared(key);
      remove.run(key);
    },
  };
}
