/**
 * Starts the fake Mastodon instance for manual tries:
 *
 *   npx jiti tests/fakes/mastodon/cli.ts [port] [--max-characters N] [--user NAME]
 *
 * Prints its URL; register an app with POST /api/v1/apps, then open /oauth/authorize in a browser.
 */
import { startMastodonFake } from './index';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const positional = process.argv.slice(2).find((a, i, all) => /^\d+$/.test(a) && !all[i - 1]?.startsWith('--'));
  const port = Number(arg('port') ?? positional ?? 4300);
  const maxCharacters = arg('max-characters');
  const fake = await startMastodonFake({
    port,
    ...(arg('user') ? { username: arg('user') } : {}),
    ...(maxCharacters ? { limits: { maxCharacters: Number(maxCharacters) } } : {}),
  });
  console.log(fake.url);
  console.log(`signed in as @${fake.signedIn.username}@${fake.host}; Ctrl-C to stop`);
  const stop = () => void fake.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
