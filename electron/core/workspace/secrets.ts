/**
 * What a workspace archive must not carry, applied to the snapshot (never the live database).
 * Credentials live in the OS keychain, not in SQLite; what SQLite holds that could still let
 * someone act as the creator is blanked here, and every other table is listed as reviewed so a
 * new table is a decision, not an accident (the round-trip test fails on an unreviewed one).
 */
import type Database from 'better-sqlite3';
import { WORKSPACE_LEFT_OUT } from '../../../shared/contract/features/workspace';
import { WorkspaceArchiveError } from './errors';

/** Tables reviewed and found to hold no secret: copied as they are. */
export const TABLES_WITHOUT_SECRETS = [
  'schema_migrations', 'audit_log', 'campaigns', 'templates', 'media', 'posts', 'post_versions', 'post_media', 'targets', 'target_parts',
  'metric_snapshots', 'alerts', 'queue_slots', 'queue_settings', 'recurrences', 'recurrence_occurrences', 'templates_fts', 'ideas', 'imports',
  'version_provenance', 'generation_jobs', 'variant_sets', 'variant_arms', 'voices', 'pillars', 'pillar_accounts', 'voice_example_drops',
  'metric_checks', 'metric_check_log', 'metric_latest', 'metric_daily', 'follower_snapshots', 'experiments', 'experiment_arms', 'experiment_posts',
  'metric_account_daily', 'metric_at_age',
] as const;

/** Tables (and the columns) the policy below changes; a comparison after import skips these columns. */
export const STRIPPED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  accounts: ['status', 'token_expires_at', 'sign_in_ends_at', 'last_error'],
  app_credentials: ['has_secret'],
  settings: ['value'],
  webhooks: ['url', 'url_in_vault', 'enabled'],
  webhook_deliveries: ['state', 'next_attempt_at', 'last_error'],
  // Emptied: a token opens this computer's local API only, and new ones are made in Settings.
  api_tokens: ['id', 'name', 'scope', 'token_hash', 'created_at', 'last_used_at', 'revoked_at'],
  // Emptied with the search index it numbers: rebuilt from the posts on the first search.
  post_search_docs: ['doc', 'post_id', 'updated_at'],
  post_search_dirty: ['post_id'],
  // Emptied: Recently deleted stays on the computer where the posts were deleted.
  deleted_posts: ['post_id', 'deleted_at', 'deleted_by', 'text', 'copies', 'rows'],
  // Emptied: ids only, but of keychain entries on the computer the workspace came from.
  pending_secrets: ['account_id', 'noted_at'],
  pending_webhook_secrets: ['webhook_id', 'noted_at'],
};

export const RECONNECT_MESSAGE = 'Sign in again on this computer: sign-ins stay in the keychain of the computer the workspace came from.';
export const UNSENT_MESSAGE = 'Not sent: the workspace was moved to another computer before this went out.';

/** Said in the manifest and shown to the creator: what the archive does not hold. */
export const LEFT_OUT = WORKSPACE_LEFT_OUT;

/** Reduces an address to its site: Slack and Discord put the secret in the path. */
export function siteOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/`;
  } catch {
    return 'https://invalid.invalid/';
  }
}

/** Blanks or removes everything secret-like in the snapshot. Runs inside one transaction. */
export function stripSecrets(db: Database.Database): void {
  db.transaction(() => {
    db.prepare('UPDATE accounts SET status = ?, token_expires_at = NULL, sign_in_ends_at = NULL, last_error = ?').run('needs_reconnect', RECONNECT_MESSAGE);
    db.prepare('UPDATE app_credentials SET has_secret = 0').run();
    // The bucket's key id belongs with its secret; the feed's fingerprint verifies a private link.
    db.prepare(`UPDATE settings SET value = json_set(value, '$.accessKeyId', '') WHERE key = 'media_bucket' AND json_type(value) = 'object'`).run();
    db.prepare(`DELETE FROM settings WHERE key = 'io.icalFeed'`).run();
    db.prepare('DELETE FROM api_tokens').run();
    // The search index copies the posts' words into tables the scrub below cannot reach (a
    // full-text index's own); it is derived, so it goes, and the first search rebuilds it.
    db.prepare('DELETE FROM post_search').run();
    db.prepare('DELETE FROM post_search_docs').run();
    db.prepare('DELETE FROM post_search_dirty').run();
    // Deleted posts are kept whole, with copies as they were: brought back on another computer,
    // a copy the import marks "not sent" here would come back scheduled there. They stay behind.
    db.prepare('DELETE FROM deleted_posts').run();
    db.prepare('DELETE FROM pending_secrets').run();
    db.prepare('DELETE FROM pending_webhook_secrets').run();
    // (A row not moved to the keychain yet still holds its whole address.) The site stays, to
    // show; the address itself was in this computer's keychain, so it is asked for again.
    const hooks = db.prepare('SELECT id, url FROM webhooks').all() as { id: string; url: string }[];
    const setHook = db.prepare('UPDATE webhooks SET url = ?, url_in_vault = 1, enabled = 0 WHERE id = ?');
    for (const h of hooks) setHook.run(siteOf(h.url), h.id);
    db.prepare(`UPDATE webhook_deliveries SET state = 'failed', next_attempt_at = NULL, last_error = ? WHERE state = 'pending'`).run(UNSENT_MESSAGE);
  })();
}

/** Every string inside a vault entry worth searching for (credentials are JSON). */
export function secretStrings(raw: string): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  out.push(raw);
  try {
    walk(JSON.parse(raw));
  } catch {
    /* a plain secret */
  }
  // Short strings ("Bearer", scopes, ids) would blank innocent text; secrets are long.
  return [...new Set(out.filter((s) => s.length >= 12))];
}

/** `https://user:password@host` → `https://host`: a password or token in an address is still one. */
const USERINFO = /([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi;

export function scrubText(text: string, secrets: readonly string[]): string {
  let out = text.replace(USERINFO, '$1');
  // Longest first: a token that starts with another one goes whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) if (out.includes(secret)) out = out.split(secret).join('[removed]');
  return out;
}

/**
 * The safety net over every text cell of every ordinary table: a secret read from the keychain
 * (an error message that echoed a token, a pasted key) becomes "[removed]", and sign-in details
 * inside an address go (a model's address in the audit log). A cell that cannot be rewritten
 * fails the export rather than leak. Returns how many cells changed.
 */
export function scrubKnownSecrets(db: Database.Database, secrets: readonly string[]): number {
  db.function('loomcast_scrub', { deterministic: true }, (v: unknown) => (typeof v === 'string' ? scrubText(v, secrets) : v) as string);
  const tables = (db.prepare(`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map((r) => r.name);
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  let changed = 0;
  db.transaction(() => {
    for (const table of tables) {
      for (const col of db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]) {
        try {
          changed += db.prepare(`UPDATE ${q(table)} SET ${q(col.name)} = loomcast_scrub(${q(col.name)}) WHERE typeof(${q(col.name)}) = 'text' AND loomcast_scrub(${q(col.name)}) IS NOT ${q(col.name)}`).run().changes;
        } catch (err) {
          throw new WorkspaceArchiveError('secret_left', `A secret is in ${table}.${col.name} and could not be removed (${(err as Error).message}). Nothing was exported.`);
        }
      }
    }
  })();
  return changed;
}
