/** Which addresses a link card may read from: the public internet's, and no other. */
import { describe, expect, it } from 'vitest';
import { isPublicAddress } from '../../electron/core/link-cards/public-web';

describe('a public address', () => {
  it('is a global unicast address, IPv4 or IPv6, also written inside IPv6 (mapped, NAT64)', () => {
    for (const a of ['93.184.215.14', '8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '2a00:1450:4001::200e', '::ffff:8.8.8.8', '::ffff:808:808', '64:ff9b::808:808']) {
      expect(isPublicAddress(a), a).toBe(true);
    }
  });

  it('is none of this machine, a private or link-local network, or a reserved range', () => {
    for (const a of [
      '127.0.0.1', '127.255.255.254', '0.0.0.0', '0.1.2.3', '10.0.0.1', '10.255.255.255', '172.16.0.1', '172.31.255.255',
      '192.168.0.1', '169.254.169.254', '100.64.0.1', '192.0.0.8', '192.0.2.1', '198.18.0.1', '198.51.100.7', '203.0.113.9',
      '224.0.0.1', '239.255.255.250', '240.0.0.1', '255.255.255.255',
      '::1', '::', 'fc00::1', 'fd12:3456::1', 'fe80::1', 'fe80::1%eth0', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1',
      '::ffff:10.0.0.1', '::ffff:a9fe:a9fe', '64:ff9b::7f00:1', '64:ff9b::a9fe:a9fe', '64:ff9b:1::a00:1', '2001:db8::1',
      '2001::1', '2002:7f00:1::1', '2002:c0a8:101::1', '3fff::1', '::127.0.0.1',
    ]) {
      expect(isPublicAddress(a), a).toBe(false);
    }
  });

  it('is an address, not a name', () => {
    for (const a of ['localhost', 'example.com', '', '[::1]', '2130706433']) expect(isPublicAddress(a), a).toBe(false);
  });
});
