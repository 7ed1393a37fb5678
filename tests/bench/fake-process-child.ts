/**
 * The lateness bench's Mastodon fake in a process of its own (tests/bench/fake-process.ts): run
 * with jiti's loader, it starts the fake with the rates it is sent, makes the accounts, and then
 * answers the parent's questions over the IPC channel until told to stop.
 */
import { startMastodonFake, type MastodonFakeOptions } from '../fakes/mastodon';

type Ask = { id: number; op: 'statusCount'; username: string } | { id: number; op: 'stop' };

async function main(): Promise<void> {
  const { rates, usernames } = JSON.parse(process.argv[2] ?? '{}') as { rates: MastodonFakeOptions['rates']; usernames: string[] };
  const fake = await startMastodonFake({ rates });
  const tokens = usernames.map((u) => {
    fake.createAccount(u);
    return fake.tokenFor(u);
  });
  process.on('message', (ask: Ask) => {
    if (ask.op === 'statusCount') process.send!({ id: ask.id, value: fake.statusCount(fake.account(ask.username).id) });
    else void fake.stop().then(() => process.send!({ id: ask.id, value: null }, () => process.exit(0)));
  });
  // The parent went away without asking: do not linger.
  process.on('disconnect', () => process.exit(0));
  process.send!({ id: 0, value: { url: fake.url, tokens } });
}

void main();
