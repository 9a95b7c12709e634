import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { IncomingHttpHeaders } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLoopbackServer, type LoopbackServer } from '../../test/loopback-server.js';
import { EmwatchError } from '../errors.js';
import { MAX_QUARANTINE_BYTES } from './collector.js';
import {
  DEFAULT_FETCH_LIMITS,
  DEFAULT_USER_AGENT,
  fetchLimited,
  FetchError,
  type FetchLimitedOptions,
} from './fetch-limited.js';

const TEN_MB = 10 * 1024 * 1024;
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

let server: LoopbackServer;
let port: string;
const extra: LoopbackServer[] = [];

beforeEach(async () => {
  server = await startLoopbackServer();
  port = new URL(server.origin).port;
});
afterEach(async () => {
  await server.close();
  await Promise.all(extra.splice(0).map((s) => s.close()));
});

/** Fetches from the test server, which is on loopback and so must be allowed explicitly. */
const get = (path: string, options: Partial<FetchLimitedOptions> = {}) =>
  fetchLimited(server.url(path), { fetch: globalThis.fetch, allowPrivate: [`127.0.0.1:${port}`], ...options });

/** Resolves to the FetchError a promise rejects with (fails the test if it resolves). */
async function failure(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(FetchError);
    return error as FetchError;
  }
  throw new Error('expected the fetch to fail');
}

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port: free } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return free;
}

describe('fetchLimited', () => {
  it('returns the status, headers and whole body of a 200, naming itself in the User-Agent', async () => {
    let seen: IncomingHttpHeaders = {};
    server.route('/feed.xml', {
      handle: (request, response) => {
        seen = request.headers;
        response.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end('<rss/>');
      },
    });
    const response = await get('/feed.xml');
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"v1"');
    expect(text(response.body)).toBe('<rss/>');
    expect(response.url).toBe(server.url('/feed.xml'));
    expect(response.redirects).toEqual([]);
    expect(seen['user-agent']).toBe(DEFAULT_USER_AGENT);
  });

  it('keeps the User-Agent version in step with the package', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(DEFAULT_USER_AGENT).toBe(`emwatch/${pkg.version} (+https://github.com/emwatch)`);
  });

  it('sends the caller’s headers and resolves a 304 with an empty body', async () => {
    let seen: IncomingHttpHeaders = {};
    server.route('/feed.xml', {
      handle: (request, response) => {
        seen = request.headers;
        response.writeHead(304, { etag: '"v1"' }).end();
      },
    });
    const response = await get('/feed.xml', {
      headers: { 'If-None-Match': '"v1"', 'if-modified-since': 'Sun, 13 Apr 2025 06:00:00 GMT' },
      userAgent: 'test-agent',
    });
    expect(response.status).toBe(304);
    expect(response.body.byteLength).toBe(0);
    expect(seen['if-none-match']).toBe('"v1"');
    expect(seen['if-modified-since']).toBe('Sun, 13 Apr 2025 06:00:00 GMT');
    expect(seen['user-agent']).toBe('test-agent');
  });

  describe('SSRF guard', () => {
    it('refuses a loopback address unless the source allows it, saying how to allow it', async () => {
      server.route('/feed.xml', { body: 'secret' });
      const error = await failure(fetchLimited(server.url('/feed.xml'), { fetch: globalThis.fetch }));
      expect(error.code).toBe('EMW_FETCH_BLOCKED');
      expect(error.message).toContain('127.0.0.1, a loopback address');
      expect(error.message).toContain(`allowPrivate: ['127.0.0.1:${port}']`);
      expect(server.requests).toEqual([]);
    });

    it('lets any private address through with allowPrivate: true', async () => {
      server.route('/feed.xml', { body: 'ok' });
      const response = await fetchLimited(server.url('/feed.xml'), { fetch: globalThis.fetch, allowPrivate: true });
      expect(text(response.body)).toBe('ok');
    });

    it('refuses a redirect to another loopback port that is not in the allow-list', async () => {
      const other = await startLoopbackServer();
      extra.push(other);
      other.route('/admin', { body: 'internal' });
      server.route('/feed.xml', { status: 302, headers: { location: other.url('/admin') } });
      const error = await failure(get('/feed.xml'));
      expect(error.code).toBe('EMW_FETCH_BLOCKED');
      expect(error.url).toBe(other.url('/admin'));
      expect(error.message).toContain(`redirected from ${server.url('/feed.xml')}`);
      expect(other.requests).toEqual([]);
    });

    it('refuses a redirect to another loopback host (127.0.0.2)', async () => {
      server.route('/feed.xml', { status: 301, headers: { location: `http://127.0.0.2:${port}/feed.xml` } });
      const error = await failure(get('/feed.xml'));
      expect(error.code).toBe('EMW_FETCH_BLOCKED');
      expect(error.message).toContain(`allowPrivate: ['127.0.0.2:${port}']`);
    });

    it('refuses a redirect to the cloud metadata address', async () => {
      server.route('/feed.xml', { status: 307, headers: { location: 'http://169.254.169.254/latest/meta-data/' } });
      const error = await failure(get('/feed.xml'));
      expect(error.code).toBe('EMW_FETCH_BLOCKED');
      expect(error.message).toContain('169.254.169.254, a link-local address');
    });

    it('refuses a name that resolves to a private address, before connecting', async () => {
      const error = await failure(
        fetchLimited(`http://feeds.example:${port}/feed.xml`, {
          fetch: globalThis.fetch,
          resolveHost: async () => ['192.168.10.5'],
        }),
      );
      expect(error.code).toBe('EMW_FETCH_BLOCKED');
      expect(error.message).toContain('192.168.10.5, a private address (feeds.example resolves to it)');
    });

    it('reports a name that cannot be resolved as a network error with the resolver’s code', async () => {
      const error = await failure(
        fetchLimited('https://no-such-host.example/feed.xml', {
          fetch: globalThis.fetch,
          resolveHost: async (host) => {
            throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
          },
        }),
      );
      expect(error.code).toBe('EMW_FETCH_NETWORK');
      expect(error.message).toContain('cannot resolve no-such-host.example');
      expect(error.message).toContain('(ENOTFOUND)');
    });

    it('refuses schemes other than http and https', async () => {
      for (const url of ['file:///etc/passwd', 'ftp://example.org/feed.xml', 'data:text/plain,hi']) {
        const error = await failure(fetchLimited(url, { fetch: globalThis.fetch }));
        expect(error.code).toBe('EMW_FETCH_BLOCKED');
        expect(error.message).toMatch(/only http and https are fetched, not (file|ftp|data):/u);
      }
    });

    it('rejects an allow-list entry that is not a host', async () => {
      await expect(get('/x', { allowPrivate: ['http://127.0.0.1/'] })).rejects.toThrow(
        /allowPrivate entry "http:\/\/127\.0\.0\.1\/" is not a host or host:port/u,
      );
    });

    it('drops credentials when a redirect leaves the origin', async () => {
      const other = await startLoopbackServer();
      extra.push(other);
      let seen: IncomingHttpHeaders = {};
      other.route('/feed.xml', {
        handle: (request, response) => {
          seen = request.headers;
          response.end('ok');
        },
      });
      server.route('/feed.xml', { status: 302, headers: { location: other.url('/feed.xml') } });
      await get('/feed.xml', {
        allowPrivate: [`127.0.0.1:${port}`, `127.0.0.1:${new URL(other.origin).port}`],
        headers: { authorization: 'Bearer secret', accept: 'application/xml' },
      });
      expect(seen.authorization).toBeUndefined();
      expect(seen.accept).toBe('application/xml');
    });
  });

  describe('redirects', () => {
    it('follows redirects within the limit and reports the chain', async () => {
      server.route('/a', { status: 301, headers: { location: '/b' } });
      server.route('/b', { status: 308, headers: { location: server.url('/feed.xml') } });
      server.route('/feed.xml', { body: 'final' });
      const response = await get('/a');
      expect(text(response.body)).toBe('final');
      expect(response.url).toBe(server.url('/feed.xml'));
      expect(response.redirects).toEqual([server.url('/a'), server.url('/b')]);
    });

    it('stops a redirect loop and names the addresses in it', async () => {
      server.route('/a', { status: 302, headers: { location: '/b' } });
      server.route('/b', { status: 302, headers: { location: '/a' } });
      const error = await failure(get('/a'));
      expect(error.code).toBe('EMW_FETCH_REDIRECTS');
      expect(error.message).toContain(`redirect loop: ${server.url('/a')} → ${server.url('/b')} → ${server.url('/a')}`);
      expect(server.requests).toEqual(['/a', '/b']);
    });

    it('stops after maxRedirects redirects', async () => {
      for (let i = 0; i < 10; i++) server.route(`/r${i}`, { status: 302, headers: { location: `/r${i + 1}` } });
      const error = await failure(get('/r0', { limits: { maxRedirects: 3 } }));
      expect(error.code).toBe('EMW_FETCH_REDIRECTS');
      expect(error.message).toContain(
        `more than 3 redirects (from ${server.url('/r0')}; next would be ${server.url('/r4')})`,
      );
      expect(server.requests).toEqual(['/r0', '/r1', '/r2', '/r3']);
    });

    it('refuses a redirect without a Location header', async () => {
      server.route('/a', { status: 302 });
      const error = await failure(get('/a'));
      expect(error.code).toBe('EMW_FETCH_HTTP');
      expect(error.message).toContain('redirect status 302 without a Location header');
    });
  });

  describe('timeouts', () => {
    it('gives up when the headers do not arrive within the connect timeout', async () => {
      server.route('/slow', { handle: () => undefined }); // accepts, never answers
      const started = Date.now();
      const error = await failure(get('/slow', { limits: { connectTimeoutMs: 200 } }));
      expect(error.code).toBe('EMW_FETCH_TIMEOUT');
      expect(error.message).toContain('no response within 200 ms (connect timeout)');
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('gives up when the body does not complete within the read timeout, keeping what arrived', async () => {
      server.route('/dribble', {
        handle: (_request, response) => {
          response.writeHead(200, { 'content-type': 'text/plain' });
          response.write('first part;');
        },
      });
      const started = Date.now();
      const error = await failure(get('/dribble', { limits: { connectTimeoutMs: 5000, readTimeoutMs: 300 } }));
      expect(error.code).toBe('EMW_FETCH_TIMEOUT');
      expect(error.message).toContain('response not complete within 300 ms (read timeout)');
      expect(text(error.body!)).toBe('first part;');
      expect(error.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('stops at once when the caller aborts', async () => {
      server.route('/slow', { handle: () => undefined });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const started = Date.now();
      const error = await failure(get('/slow', { signal: controller.signal }));
      expect(error.code).toBe('EMW_FETCH_TIMEOUT');
      expect(error.message).toContain('aborted by the caller');
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('does not start when the caller’s signal is already aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      const error = await failure(get('/feed.xml', { signal: controller.signal }));
      expect(error.message).toContain('aborted by the caller');
      expect(server.requests).toEqual([]);
    });
  });

  describe('body size', () => {
    it('refuses a 10 MB body announced by Content-Length without reading it', async () => {
      server.route('/big', {
        handle: (_request, response) => {
          response.writeHead(200, { 'content-length': String(TEN_MB) });
          response.end(new Uint8Array(TEN_MB));
        },
      });
      const error = await failure(get('/big'));
      expect(error.code).toBe('EMW_FETCH_TOO_LARGE');
      expect(error.message).toContain(
        `Content-Length ${TEN_MB} bytes exceeds the limit of ${DEFAULT_FETCH_LIMITS.maxBytes} bytes; not read`,
      );
      expect(error.body).toBeUndefined();
    });

    it('stops reading a 10 MB chunked body at the limit and keeps a bounded prefix', async () => {
      server.route('/big', {
        handle: (_request, response) => {
          response.writeHead(200, { 'content-type': 'application/xml' });
          const chunk = new Uint8Array(64 * 1024).fill(0x61);
          let sent = 0;
          const pump = (): void => {
            while (sent < TEN_MB) {
              sent += chunk.byteLength;
              if (!response.write(chunk)) return void response.once('drain', pump);
            }
            response.end();
          };
          response.on('error', () => undefined);
          pump();
        },
      });
      const error = await failure(get('/big', { limits: { maxBytes: 1024 * 1024 } }));
      expect(error.code).toBe('EMW_FETCH_TOO_LARGE');
      expect(error.message).toMatch(/body exceeds the limit of 1048576 bytes; reading stopped at \d+ bytes/u);
      expect(error.body!.byteLength).toBe(MAX_QUARANTINE_BYTES + 1);
      expect(error.body![0]).toBe(0x61);
    });
  });

  describe('error statuses', () => {
    it('reports 429 as rate limited with Retry-After in seconds', async () => {
      server.route('/feed.xml', { status: 429, headers: { 'retry-after': '120' }, body: 'slow down' });
      const error = await failure(get('/feed.xml'));
      expect(error.code).toBe('EMW_FETCH_RATE_LIMITED');
      expect(error.status).toBe(429);
      expect(error.retryAfterMs).toBe(120_000);
      expect(text(error.body!)).toBe('slow down');
      expect(error.message).toContain('HTTP 429 (Retry-After 120 s)');
    });

    it('reads Retry-After given as an HTTP date', async () => {
      const at = new Date(Date.now() + 90_000).toUTCString();
      server.route('/feed.xml', { status: 503, headers: { 'retry-after': at } });
      const error = await failure(get('/feed.xml'));
      expect(error.code).toBe('EMW_FETCH_RATE_LIMITED');
      // The date has whole seconds, so the wait is between 89 and 90 s.
      expect(error.retryAfterMs).toBeGreaterThan(88_000);
      expect(error.retryAfterMs).toBeLessThanOrEqual(90_000);
    });

    it('caps an absurd Retry-After at one day', async () => {
      server.route('/feed.xml', { status: 429, headers: { 'retry-after': '99999999999' } });
      expect((await failure(get('/feed.xml'))).retryAfterMs).toBe(86_400_000);
    });

    it('reports a 503 without Retry-After, and a 500, as HTTP errors with the body', async () => {
      server.route('/a', { status: 503, body: 'maintenance' });
      server.route('/b', { status: 500, body: '<h1>Internal Server Error</h1>' });
      const a = await failure(get('/a'));
      expect([a.code, a.status, text(a.body!)]).toEqual(['EMW_FETCH_HTTP', 503, 'maintenance']);
      const b = await failure(get('/b'));
      expect([b.code, b.status, text(b.body!)]).toEqual(['EMW_FETCH_HTTP', 500, '<h1>Internal Server Error</h1>']);
      expect(b.message).toBe(`[emwatch] [fetch] ${server.url('/b')}: HTTP 500 Internal Server Error`);
    });
  });

  it('reports a refused connection as a network error with its code', async () => {
    const free = await closedPort();
    const error = await failure(
      fetchLimited(`http://127.0.0.1:${free}/feed.xml`, { fetch: globalThis.fetch, allowPrivate: true }),
    );
    expect(error.code).toBe('EMW_FETCH_NETWORK');
    expect(error.message).toContain(`http://127.0.0.1:${free}/feed.xml: request failed`);
    expect(error.message).toContain('(ECONNREFUSED)');
  });

  it('rejects limits that are not positive numbers', async () => {
    await expect(get('/x', { limits: { maxBytes: 0 } })).rejects.toThrow(EmwatchError);
    await expect(get('/x', { limits: { readTimeoutMs: Number.NaN } })).rejects.toThrow(
      /limits\.readTimeoutMs must be a number/u,
    );
  });
});
