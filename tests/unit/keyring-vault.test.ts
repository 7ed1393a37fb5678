import { describe, expect, it } from 'vitest';
import { createKeyringVault, type KeyringEntry } from '../../electron/core/vault/keyring-vault';
import { FakeClock } from '../support/clock';

/**
 * A keychain in memory that can be told to stop answering, as a wedged gnome-keyring does
 * (waiting on a system prompter that never comes): its calls then never settle.
 */
function keychain() {
  const secrets = new Map<string, string>();
  const state = { silent: false, calls: 0 };
  const hang = () => new Promise<never>(() => {});
  const entry = (service: string, account: string): KeyringEntry => {
    const key = `${service}/${account}`;
    const answer = async <T>(fn: () => T): Promise<T> => {
      state.calls += 1;
      return state.silent ? hang() : fn();
    };
    return {
      setPassword: (p) => answer(() => void secrets.set(key, p)),
      getPassword: () => answer(() => secrets.get(key) ?? null),
      deleteCredential: () => answer(() => secrets.delete(key)),
    };
  };
  return { secrets, state, entry };
}

/** Lets the vault's promise chains run before the clock moves. */
const settle = () => new Promise((r) => setImmediate(r));

describe('the keychain vault when the keychain does not answer', () => {
  it('reports it unavailable after 10 s with a reason that says so, instead of waiting forever', async () => {
    const kc = keychain();
    kc.state.silent = true;
    const clock = new FakeClock();
    const vault = createKeyringVault('test', { clock, entry: kc.entry });

    let outcome: Awaited<ReturnType<typeof vault.status>> | undefined;
    void vault.status().then((s) => (outcome = s));
    await settle();
    clock.advance(9_999);
    await settle();
    expect(outcome).toBeUndefined();
    clock.advance(1);
    await settle();
    expect(outcome).toEqual({ available: false, reason: expect.stringMatching(/^The system keychain did not answer within 10 s/) });
    expect(outcome).toMatchObject({ reason: expect.stringMatching(/will not store them in plain text/) });
  });

  it('does not keep a timed-out answer: a later status() asks again and finds the keychain', async () => {
    const kc = keychain();
    kc.state.silent = true;
    const clock = new FakeClock();
    const vault = createKeyringVault('test', { clock, entry: kc.entry });
    const first = vault.status();
    await settle();
    clock.advance(10_000);
    expect((await first).available).toBe(false);

    kc.state.silent = false;
    expect(await vault.status()).toEqual({ available: true });
    await vault.set('acct-1', 's3cret');
    expect(await vault.get('acct-1')).toBe('s3cret');
    // The probe entry was written and removed again.
    expect([...kc.secrets.keys()]).toEqual(['test/acct-1']);
  });

  it('callers that ask together share one probe', async () => {
    const kc = keychain();
    const vault = createKeyringVault('test', { clock: new FakeClock(), entry: kc.entry });
    const answers = await Promise.all([vault.status(), vault.status(), vault.status()]);
    expect(answers).toEqual([{ available: true }, { available: true }, { available: true }]);
    expect(kc.state.calls).toBe(2); // one write and one delete
  });

  it('bounds reads and writes too: a keychain that stops answering later makes the call fail as unavailable, then probes again', async () => {
    const kc = keychain();
    const clock = new FakeClock();
    const vault = createKeyringVault('test', { clock, entry: kc.entry, timeoutMs: 2_000 });
    expect(await vault.status()).toEqual({ available: true });

    kc.state.silent = true;
    const read = vault.get('acct-1');
    const failed = expect(read).rejects.toMatchObject({ name: 'VaultUnavailableError', message: expect.stringMatching(/did not answer within 2 s/) });
    await settle();
    clock.advance(2_000);
    await failed;

    const again = vault.status();
    await settle();
    clock.advance(2_000);
    expect((await again).available).toBe(false);
  });

  it('says the keychain is missing, with the library’s words, when it answers with an error', async () => {
    const broken = (): KeyringEntry => {
      throw new Error("Couldn't access platform storage");
    };
    const vault = createKeyringVault('test', { clock: new FakeClock(), entry: broken });
    expect(await vault.status()).toEqual({ available: false, reason: expect.stringMatching(/^No system keychain is available/), details: "Couldn't access platform storage" });
    await expect(vault.set('a', 'b')).rejects.toMatchObject({ name: 'VaultUnavailableError' });
  });
});
