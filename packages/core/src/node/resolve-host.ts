import { lookup } from 'node:dns/promises';

/**
 * Resolves a host name to every address the system resolver gives (IPv4 and IPv6, in the order
 * it returns them), for the SSRF guard of `fetchLimited` and collectors' `resolveHost`. Takes a
 * URL hostname as is: IPv6 literals may keep their brackets. Rejects with the resolver's error
 * (`code` `ENOTFOUND`, `EAI_AGAIN`…) when the name does not resolve.
 *
 * The guard checks these addresses, then `fetch` resolves the name again; a DNS server that
 * answers differently the second time (rebinding) is not caught here. Pin addresses with an
 * undici dispatcher where that matters.
 *
 * @example
 * ```ts
 * import { resolveHost } from '@emwatch/core/node';
 * await resolveHost('localhost'); // ['127.0.0.1']
 * await fetchLimited('https://www.nmc.cn/rss/alarm.xml', { fetch, resolveHost });
 * ```
 */
export async function resolveHost(hostname: string): Promise<readonly string[]> {
  const host = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  // verbatim: keep the resolver's order; every address is checked anyway.
  const answers = await lookup(host, { all: true, verbatim: true });
  return answers.map((answer) => answer.address);
}
