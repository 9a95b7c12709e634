import { describe, expect, it } from 'vitest';
import { classifyAddress, findBlockedAddress, isAllowed, parseAllowEntry, parseIpv6 } from './address-guard.js';

describe('classifyAddress', () => {
  it.each([
    ['0.0.0.0', 'unspecified'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.254', 'carrier-grade NAT'],
    ['169.254.169.254', 'link-local'],
    ['224.0.0.251', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::192.168.0.1', 'private'],
    ['2002:c0a8:0101::1', 'private'],
    ['::10.0.0.1', 'private'],
    ['not-an-address', 'reserved'],
  ])('refuses %s as %s', (address, category) => {
    expect(classifyAddress(address)).toBe(category);
  });

  it.each([
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '169.253.1.1',
    '2001:4860:4860::8888',
    '::ffff:8.8.8.8',
    '2002:0808:0808::1',
  ])('lets the public address %s through', (address) => {
    expect(classifyAddress(address)).toBeUndefined();
  });
});

describe('parseIpv6', () => {
  it('expands compressed forms and IPv4 tails into eight groups', () => {
    expect(parseIpv6('2001:db8::1')).toEqual([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
    expect(parseIpv6('::ffff:1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]);
  });

  it('rejects text with two compressions or too many groups', () => {
    expect(parseIpv6('1::2::3')).toBeUndefined();
    expect(parseIpv6('1:2:3:4:5:6:7:8:9')).toBeUndefined();
    expect(parseIpv6('12345::1')).toBeUndefined();
  });
});

describe('parseAllowEntry and isAllowed', () => {
  it('reads host, host:port, bracketed IPv6 with a port and a bare IPv6 address', () => {
    expect(parseAllowEntry('127.0.0.1:8080')).toEqual({ host: '127.0.0.1', port: '8080' });
    expect(parseAllowEntry('Intranet.Example')).toEqual({ host: 'intranet.example' });
    expect(parseAllowEntry('[::1]:80')).toEqual({ host: '[::1]', port: '80' });
    expect(parseAllowEntry('0:0::1')).toEqual({ host: '[::1]' });
  });

  it('rejects entries that are not a host', () => {
    expect(parseAllowEntry('http://x/')).toBeUndefined();
    expect(parseAllowEntry('host:99999')).toBeUndefined();
    expect(parseAllowEntry('a b')).toBeUndefined();
  });

  it('matches the port only when the entry names one, counting default ports', () => {
    const entries = [parseAllowEntry('127.0.0.1:80')!, parseAllowEntry('intranet.example')!];
    expect(isAllowed(new URL('http://127.0.0.1/feed'), entries)).toBe(true);
    expect(isAllowed(new URL('http://127.0.0.1:81/feed'), entries)).toBe(false);
    expect(isAllowed(new URL('https://intranet.example:8443/'), entries)).toBe(true);
    expect(isAllowed(new URL('http://127.0.0.2/'), entries)).toBe(false);
  });
});

describe('findBlockedAddress', () => {
  it('refuses localhost names without resolving them', async () => {
    expect(await findBlockedAddress(new URL('http://api.localhost/'), undefined)).toEqual({
      host: 'api.localhost',
      address: 'api.localhost',
      category: 'loopback',
    });
  });

  it('refuses integer and hex spellings of loopback, which the URL parser turns into dotted quads', async () => {
    expect((await findBlockedAddress(new URL('http://2130706433/'), undefined))?.category).toBe('loopback');
    expect((await findBlockedAddress(new URL('http://0x7f.1/'), undefined))?.category).toBe('loopback');
    expect((await findBlockedAddress(new URL('http://[::ffff:127.0.0.1]/'), undefined))?.category).toBe('loopback');
  });

  it('refuses a name when any address it resolves to is private', async () => {
    const resolve = async (): Promise<readonly string[]> => ['93.184.215.14', '10.0.0.7'];
    expect(await findBlockedAddress(new URL('https://feeds.example/'), resolve)).toEqual({
      host: 'feeds.example',
      address: '10.0.0.7',
      category: 'private',
    });
  });

  it('lets a name through without a resolver, and a public one with it', async () => {
    expect(await findBlockedAddress(new URL('https://feeds.example/'), undefined)).toBeUndefined();
    expect(await findBlockedAddress(new URL('https://feeds.example/'), async () => ['93.184.215.14'])).toBeUndefined();
  });

  it('treats a resolver that finds no address as a lookup failure', async () => {
    await expect(findBlockedAddress(new URL('https://feeds.example/'), async () => [])).rejects.toMatchObject({
      code: 'ENODATA',
    });
  });
});
