import { describe, expect, it } from 'vitest';
import { resolveHost } from './resolve-host.js';

describe('resolveHost', () => {
  it('resolves localhost to a loopback address', async () => {
    const addresses = await resolveHost('localhost');
    expect(addresses.length).toBeGreaterThan(0);
    for (const address of addresses) expect(['127.0.0.1', '::1']).toContain(address);
  });

  it('returns literal addresses unchanged, with or without IPv6 brackets', async () => {
    expect(await resolveHost('127.0.0.1')).toEqual(['127.0.0.1']);
    expect(await resolveHost('[::1]')).toEqual(['::1']);
  });

  it('rejects with the resolver’s code for a name that does not exist', async () => {
    // .invalid is reserved (RFC 6761): it never resolves.
    await expect(resolveHost('no-such-host.invalid')).rejects.toMatchObject({ code: expect.stringMatching(/^E/u) });
  });
});
