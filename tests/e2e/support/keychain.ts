import { test } from '@playwright/test';
import { rpc, type RunningHost } from './host';

export interface VaultInfo {
  available: boolean;
  message: string | null;
  details: string | null;
}

/** What the host says about the OS keychain (app:info's vault). */
export async function vaultOf(host: RunningHost): Promise<VaultInfo> {
  return (await rpc<{ vault: VaultInfo }>(host, 'app:info')).vault;
}

/**
 * Skips the rest of the test when the host has no keychain (outside `scripts/with-keyring.sh`),
 * saying why, unless LOOMCAST_REQUIRE_KEYCHAIN=1 (CI), where the test runs on and fails.
 */
export async function needKeychain(host: RunningHost, what: string): Promise<VaultInfo> {
  const vault = await vaultOf(host);
  const required = process.env.LOOMCAST_REQUIRE_KEYCHAIN === '1';
  test.skip(
    !vault.available && !required,
    `${what} needs the OS keychain, and the host says it is unavailable: “${vault.message ?? 'no reason given'}”${vault.details ? ` (${vault.details})` : ''}. ` +
      'Run under scripts/with-keyring.sh (npm test does), or set LOOMCAST_REQUIRE_KEYCHAIN=1 to fail instead of skipping.',
  );
  return vault;
}
