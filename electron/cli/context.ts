/** What every command gets: its output streams, the options all commands share, and a lazy connection. */
import type { ParseArgsConfig } from 'node:util';
import { dateFormat, type DateFormat } from '../../shared/domain/datetime-format';
import { ApiError, EXIT, type ApiClient, type FetchLike } from './client';
import { connect, type Connection } from './connect';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  platform?: NodeJS.Platform;
  fetch?: FetchLike;
}

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | string[] | boolean[] | undefined>;

export const COMMON_OPTIONS = {
  json: { type: 'boolean', default: false },
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies Options;

export interface Prefs {
  zone: string;
  /** The creator's locale (BCP 47) as the app's window reports it: the order of day and month. */
  locale: string;
  format: DateFormat;
}

export interface Context {
  io: CliIo;
  json: boolean;
  out(text: string): void;
  /** The raw answer, as the API gave it (with --json). */
  printJson(value: unknown): void;
  connection(): Promise<Connection>;
  api(): Promise<ApiClient>;
  /** The creator's zone, locale and date format, from the app's settings (read once). */
  prefs(): Promise<Prefs>;
}

export function createContext(io: CliIo, values: Values): Context {
  let conn: Promise<Connection> | null = null;
  let prefs: Promise<Prefs> | null = null;
  const connection = () =>
    (conn ??= connect({ dataDir: values['data-dir'] as string | undefined, env: io.env, platform: io.platform, actor: 'script', client: () => 'loomcast-cli', fetch: io.fetch }));
  const api = async () => (await connection()).client;
  return {
    io,
    json: values.json === true,
    out: (text) => io.stdout(`${text}\n`),
    printJson: (value) => io.stdout(`${JSON.stringify(value, null, 2)}\n`),
    connection,
    api,
    prefs: () =>
      (prefs ??= api()
        .then((c) => c.call('settings:get'))
        .then((s) => ({ zone: s.timeZone, locale: s.locale, format: dateFormat({ locale: s.locale, timeFormat: s.timeFormat }) }))),
  };
}

export const usageError = (message: string): ApiError => new ApiError(EXIT.usage, message);
