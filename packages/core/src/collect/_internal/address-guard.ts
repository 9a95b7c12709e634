/**
 * Why an address may not be fetched: the kinds of network a request from a server must never
 * reach on behalf of a feed (SSRF), because they hold the server's own services, the cloud
 * metadata endpoint (169.254.169.254) or the office network.
 */
export type BlockedCategory =
  'unspecified' | 'loopback' | 'private' | 'carrier-grade NAT' | 'link-local' | 'multicast' | 'reserved' | 'broadcast';

/** An address the guard refused, and why. */
export interface BlockedAddress {
  /** The host as written in the URL. */
  readonly host: string;
  /** The address that is not allowed (the host itself when it is a literal). */
  readonly address: string;
  readonly category: BlockedCategory;
}

/** One `allowPrivate` entry: a host, optionally with a port. */
export interface AllowEntry {
  /** Canonical host, as `URL.hostname` writes it (IPv6 in brackets, lower case, punycode). */
  readonly host: string;
  /** Port as a decimal string; any port when absent. */
  readonly port?: string;
}

/** Parses a dotted-quad IPv4 address (the only form `URL.hostname` and DNS produce) into its four bytes. */
export function parseIpv4(text: string): readonly number[] | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/u.exec(text);
  if (!match) return undefined;
  const bytes = match.slice(1).map(Number);
  return bytes.every((b) => b <= 255) ? bytes : undefined;
}

/** Parses an IPv6 address (brackets and a zone id allowed, an IPv4 tail allowed) into its eight 16-bit groups. */
export function parseIpv6(text: string): readonly number[] | undefined {
  let s = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  // Zone ids (fe80::1%eth0) come back from DNS for link-local addresses; they do not change the class.
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (!/^[0-9a-f:.]+$/iu.test(s) || !s.includes(':')) return undefined;
  if (s.includes('.')) {
    const lastColon = s.lastIndexOf(':');
    const v4 = parseIpv4(s.slice(lastColon + 1));
    if (!v4) return undefined;
    const [a, b, c, d] = v4 as [number, number, number, number];
    s = `${s.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (!/^[0-9a-f]{1,4}$/iu.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  if (head.length + tail.length > 7) return undefined;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

function classifyIpv4([a, b, c]: readonly number[]): BlockedCategory | undefined {
  if (a === undefined || b === undefined || c === undefined) return undefined;
  if (a === 0) return 'unspecified'; // 0.0.0.0/8 "this network": 0.0.0.0 reaches the local host on Linux
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && (b & 0xf0) === 16) || (a === 192 && b === 168)) return 'private';
  if (a === 100 && (b & 0xc0) === 64) return 'carrier-grade NAT';
  if (a === 169 && b === 254) return 'link-local';
  // 192.0.0.0/24 (protocol assignments) and 198.18.0.0/15 (benchmarking) are not routed on the
  // Internet; when they answer at all, they are someone's internal network.
  if ((a === 192 && b === 0 && c === 0) || (a === 198 && (b & 0xfe) === 18)) return 'reserved';
  if (a >= 224 && a < 240) return 'multicast';
  if (a === 255 && b === 255 && c === 255) return 'broadcast';
  if (a >= 240) return 'reserved';
  return undefined;
}

function classifyIpv6(g: readonly number[]): BlockedCategory | undefined {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const v4 = (hi: number, lo: number): BlockedCategory | undefined =>
    classifyIpv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  const zeroTo = (n: number): boolean => g.slice(0, n).every((x) => x === 0);
  if (zeroTo(8)) return 'unspecified';
  if (zeroTo(7) && g7 === 1) return 'loopback';
  // Forms that carry an IPv4 address, which the stack (or a translator) will reach:
  // mapped ::ffff:a.b.c.d, translated ::ffff:0:a.b.c.d, compatible ::a.b.c.d, NAT64 64:ff9b::a.b.c.d, 6to4 2002:AABB:CCDD::.
  if (zeroTo(5) && g5 === 0xffff) return v4(g6, g7);
  if (zeroTo(4) && g4 === 0xffff && g5 === 0) return v4(g6, g7);
  if (zeroTo(6)) return v4(g6, g7);
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return v4(g6, g7);
  if (g0 === 0x2002) return v4(g1, g2);
  if ((g0 & 0xfe00) === 0xfc00) return 'private'; // unique local fc00::/7
  if ((g0 & 0xffc0) === 0xfec0) return 'private'; // deprecated site-local fec0::/10
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local';
  if ((g0 & 0xff00) === 0xff00) return 'multicast';
  return undefined;
}

/**
 * Tells whether an IP address literal is one a feed fetch must not reach, and why; `undefined`
 * for a public address. Returns `'reserved'` for text that is not an address at all, so a
 * malformed answer from a resolver is refused rather than trusted.
 */
export function classifyAddress(address: string): BlockedCategory | undefined {
  const v4 = parseIpv4(address);
  if (v4) return classifyIpv4(v4);
  const v6 = parseIpv6(address);
  if (v6) return classifyIpv6(v6);
  return 'reserved';
}

/** True when the host is an IP literal (IPv6 in brackets, as in URLs), not a name to resolve. */
export function isIpLiteral(host: string): boolean {
  return parseIpv4(host) !== undefined || (host.startsWith('[') && parseIpv6(host) !== undefined);
}

/** The port a URL connects to, spelled out even when it is the scheme's default. */
export function effectivePort(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

/**
 * Reads `allowPrivate` entries (`host`, `host:port`, `[v6]:port` or a bare IPv6 address) into
 * canonical form; `undefined` for an entry that is neither, so the caller can say which.
 */
export function parseAllowEntry(entry: string): AllowEntry | undefined {
  const text = entry.trim().toLowerCase();
  let host = text;
  let port: string | undefined;
  const bracketed = /^(\[[^\]]+\])(?::(\d{1,5}))?$/u.exec(text);
  if (bracketed) {
    host = bracketed[1]!;
    port = bracketed[2];
  } else if ((text.match(/:/gu) ?? []).length > 1) {
    host = `[${text}]`; // a bare IPv6 address has no port
  } else {
    const withPort = /^(.+):(\d{1,5})$/u.exec(text);
    if (withPort) {
      host = withPort[1]!;
      port = withPort[2];
    }
  }
  if (port !== undefined && Number(port) > 65535) return undefined;
  try {
    // The URL parser canonicalises the host exactly as it will for the hop's URL (IDN, IPv6 zeros).
    const url = new URL(`http://${host}/`);
    if (url.username || url.password || url.port || url.pathname !== '/') return undefined;
    return { host: url.hostname.replace(/\.$/u, ''), ...(port === undefined ? {} : { port: String(Number(port)) }) };
  } catch {
    return undefined;
  }
}

/** True when an allow-list entry covers the URL's host (and port, when the entry names one). */
export function isAllowed(url: URL, entries: readonly AllowEntry[]): boolean {
  const host = url.hostname.replace(/\.$/u, '');
  return entries.some((e) => e.host === host && (e.port === undefined || e.port === effectivePort(url)));
}

/**
 * Finds the first address of a URL's host that may not be fetched: the literal itself, any
 * `localhost` name (RFC 6761 reserves them all for loopback), or every address `resolveHost`
 * gives. Without a resolver, names other than `localhost` pass: browsers cannot resolve, and
 * their own network rules apply there.
 */
export async function findBlockedAddress(
  url: URL,
  resolveHost: ((host: string) => Promise<readonly string[]>) | undefined,
): Promise<BlockedAddress | undefined> {
  const host = url.hostname.replace(/\.$/u, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return { host, address: host, category: 'loopback' };
  if (isIpLiteral(host)) {
    const category = classifyAddress(host);
    return category ? { host, address: host, category } : undefined;
  }
  if (!resolveHost) return undefined;
  const addresses = await resolveHost(host);
  // An empty answer would let the platform's own lookup decide unchecked: treat it as a lookup failure.
  if (addresses.length === 0) throw Object.assign(new Error(`${host} resolved to no addresses`), { code: 'ENODATA' });
  for (const address of addresses) {
    const category = classifyAddress(address);
    if (category) return { host, address, category };
  }
  return undefined;
}
