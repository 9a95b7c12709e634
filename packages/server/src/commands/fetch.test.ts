import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startLoopbackServer, type LoopbackServer } from '../../../core/test/loopback-server.js';
import { main } from '../main.js';

const fixture = (path: string): string =>
  fileURLToPath(new URL(`../../../core/test/fixtures/${path}`, import.meta.url));

async function run(...argv: string[]): Promise<{ status: number; out: unknown[]; err: Record<string, unknown>[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await main(
    argv,
    (text) => out.push(text),
    (text) => err.push(text),
  );
  return {
    status,
    out: out.map((line) => JSON.parse(line) as unknown),
    err: err.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('emwatch fetch', () => {
  let server: LoopbackServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('prints the signals of a GBK government feed file as JSONL and exits 0', async () => {
    const { status, out, err } = await run(
      'fetch',
      fixture('feeds/xlgl-yjglj-gbk.rss.xml'),
      '--source-kind',
      'official-news',
    );
    expect(status).toBe(0);
    expect(err).toEqual([]);
    expect(out.length).toBeGreaterThan(1);
    expect(out[0]).toMatchObject({
      sourceKind: 'official-news',
      title: '锡林郭勒盟发布森林草原火险橙色预警',
      language: 'zh-Hans',
    });
  });

  it('keeps the good entries of a truncated feed, reports the rest on stderr and still exits 0', async () => {
    const { status, out, err } = await run('fetch', fixture('feeds/tongliao-truncated.rss.xml'));
    expect(status).toBe(0);
    expect(out).toHaveLength(2);
    expect(err.map((line) => line.code)).toEqual(['EMW_PARSE_XML', 'EMW_PARSE_XML']);
    expect(err[1]).toMatchObject({ source: 'tongliao-truncated.rss.xml', itemIndex: 2, fatal: false });
  });

  it('rejects a page that is no feed with exit 2 and says what it starts with', async () => {
    const { status, out, err } = await run('fetch', fixture('feeds/not-a-feed.html'));
    expect(status).toBe(2);
    expect(out).toEqual([]);
    expect(err).toEqual([
      expect.objectContaining({
        code: 'EMW_PARSE_FORMAT',
        fatal: true,
        reason: expect.stringContaining('<!DOCTYPE html>'),
      }),
    ]);
  });

  it('refuses a CAP document that declares entities (XXE) with exit 2', async () => {
    const { status, err } = await run('fetch', fixture('cap/xxe.xml'));
    expect(status).toBe(2);
    expect(err[0]).toMatchObject({ code: 'EMW_PARSE_XML', reason: expect.stringContaining('declares entities') });
  });

  it('reads a CENC JSONP answer and a national-system CAP by their content', async () => {
    const quakes = await run('fetch', fixture('quake/cenc-speedsearch.jsonp'));
    expect(quakes.status).toBe(0);
    expect(quakes.out[0]).toMatchObject({ sourceKind: 'sensor', facts: { hintedType: 'earthquake' } });
    const warning = await run('fetch', fixture('cap/national-kerqin-gale.xml'));
    expect(warning.out[0]).toMatchObject({ sourceKind: 'official-warning', facts: { hintedType: 'gale' } });
  });

  it('maps any JSON API by guessing its item list and fields', async () => {
    const { status, out, err } = await run('fetch', fixture('json-api/cms-news.json'), '--format', 'json');
    expect(status).toBe(0);
    expect(out.length).toBeGreaterThan(0);
    expect(err.length).toBeGreaterThan(0);
    for (const line of err)
      expect(line).toMatchObject({
        code: expect.stringMatching(/^EMW_PARSE_(ITEM|DATE)$/),
        fatal: false,
        itemIndex: expect.any(Number),
      });
  });

  it('fetches a URL politely once, with private addresses allowed only when asked', async () => {
    server = await startLoopbackServer();
    server.route('/rss.xml', {
      headers: { 'content-type': 'application/rss+xml; charset=gb2312' },
      body: readFileSync(fixture('feeds/xlgl-yjglj-gbk.rss.xml')),
    });
    const blocked = await run('fetch', server.url('/rss.xml'));
    expect(blocked.status).toBe(2);
    expect(blocked.err[0]).toMatchObject({
      code: 'EMW_FETCH_BLOCKED',
      source: '127.0.0.1',
      url: server.url('/rss.xml'),
    });
    const allowed = await run('fetch', server.url('/rss.xml'), '--allow-private', '--source-id', 'xlgl');
    expect(allowed.status).toBe(0);
    expect(allowed.out[0]).toMatchObject({ sourceId: 'xlgl', sourceKind: 'media' });
  });

  it('reports an HTTP error as a rejection with the status', async () => {
    server = await startLoopbackServer();
    server.route('/down', { status: 500, body: 'Internal Server Error' });
    const { status, err } = await run('fetch', server.url('/down'), '--allow-private');
    expect(status).toBe(2);
    expect(err[0]).toMatchObject({ code: 'EMW_FETCH_HTTP', status: 500, fatal: true });
  });

  it('names a missing file and a bad format option', async () => {
    const missing = await run('fetch', '/nonexistent/feed.xml');
    expect(missing.status).toBe(2);
    expect(missing.err[0]).toMatchObject({
      code: 'EMW_SOURCE_FAILED',
      reason: expect.stringContaining('/nonexistent/feed.xml'),
    });
    const out: string[] = [];
    expect(
      await main(
        ['fetch', 'x.xml', '--format', 'atom'],
        () => undefined,
        (text) => out.push(text),
      ),
    ).toBe(2);
    expect(out[0]).toContain('--format must be one of auto, rss, cap, usgs-geojson, cenc-json, json');
  });
});
