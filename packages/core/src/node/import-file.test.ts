import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeCollectorConformance } from '../../test/collector-conformance.js';
import { expectGolden, fixturePath } from '../../test/golden.js';
import {
  isCollectorIssue,
  type Collector,
  type CollectorContext,
  type CollectorIssue,
  type CursorHandle,
  type SourceCursor,
} from '../collect/collector.js';
import type { RawItem } from '../model/raw-item.js';
import type { Signal } from '../model/signal.js';
import { importFile } from './import-file.js';

const NOW = new Date('2025-04-14T09:00:00+08:00');

function memoryCursor(): CursorHandle & { value(): SourceCursor | undefined } {
  let cursor: SourceCursor | undefined;
  return { get: async () => cursor, set: async (next) => void (cursor = next), value: () => cursor };
}

function context(cursor: CursorHandle = memoryCursor(), signal = new AbortController().signal): CollectorContext {
  return { fetch: globalThis.fetch, now: () => NOW, signal, cursor };
}

interface Imported {
  readonly raws: RawItem[];
  readonly signals: Signal[];
  readonly issues: CollectorIssue[];
}

async function run(collector: Collector, ctx: CollectorContext = context()): Promise<Imported> {
  const out: Imported = { raws: [], signals: [], issues: [] };
  for await (const item of collector.collect(ctx)) {
    if (isCollectorIssue(item)) {
      out.issues.push(item);
      continue;
    }
    out.raws.push(item);
    const parsed = collector.parse(item);
    out.signals.push(...parsed.signals);
    out.issues.push(...parsed.issues);
  }
  return out;
}

/** The import as a golden file: the fixtures folder's address replaced, so the file is the same on every machine. */
function portable(value: unknown): unknown {
  const base = pathToFileURL(fixturePath('')).href;
  return JSON.parse(JSON.stringify(value).replaceAll(base, 'fixtures:'));
}

const texts = (imported: Imported): string[] => imported.signals.map((signal) => signal.text);

describe('importFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'emwatch-import-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('imports a JSONL export, reporting the broken lines by number, as in the golden file', async () => {
    const imported = await run(importFile(fixturePath('import/posts.jsonl'), { id: 'archive' }));
    expect(imported.signals).toHaveLength(5);
    expect(imported.issues.map((issue) => [issue.code, issue.reason])).toEqual([
      ['EMW_PARSE_JSON', expect.stringMatching(/^posts\.jsonl: line 5 is not JSON: /u)],
      ['EMW_PARSE_ITEM', expect.stringMatching(/^posts\.jsonl: line 6: no text: /u)],
      ['EMW_PARSE_DATE', 'posts.jsonl line 7: publishedAt "前天" is not a date'],
    ]);
    expectGolden('import/posts.jsonl', portable(imported));
  });

  it('imports a GBK CSV saved by Excel with Chinese headers, as in the golden file', async () => {
    const imported = await run(importFile(fixturePath('import/posts-gbk.csv'), { id: 'archive' }));
    expect(imported.raws[0]?.encoding).toBe('gb18030');
    expect(imported.signals.map((signal) => signal.author)).toEqual([
      '锡林河畔的老王',
      '锡林郭勒盟气象台',
      '东乌珠穆沁小马',
      '记者 其其格',
      '阿巴嘎小李',
      undefined,
    ]);
    expect(imported.issues.map((issue) => issue.reason)).toEqual([
      'posts-gbk.csv: line 7: 7 fields, expected 9 as in the header',
      'posts-gbk.csv line 8: publishedAt (发布时间) "昨天 晚上" is not a date',
    ]);
    expectGolden('import/posts-gbk.csv', portable(imported));
  });

  it('keeps the broken row’s text in quarantine', async () => {
    const { issues } = await run(importFile(fixturePath('import/posts-gbk.csv')));
    expect(issues[0]?.quarantine?.payload).toBe(
      '5,,正蓝旗那日图苏木有牧民走失，家人正在找，穿黑色棉袄，知道的请联系,,2025/4/13 9:15,上都河,微博',
    );
  });

  it('delivers nothing again on a re-run, and only what was appended since', async () => {
    const path = join(dir, 'posts.jsonl');
    writeFileSync(path, '{"id":"1","text":"锡林浩特暴雪"}\n{"id":"2","text":"正蓝旗停电"}\n');
    const cursor = memoryCursor();
    const archive = importFile(path);
    expect(texts(await run(archive, context(cursor)))).toEqual(['锡林浩特暴雪', '正蓝旗停电']);
    expect(cursor.value()?.position).toBe('2');
    expect(await run(archive, context(cursor))).toEqual({ raws: [], signals: [], issues: [] });
    appendFileSync(path, '{"id":"3","text":"二连浩特口岸关闭"}\n');
    expect(texts(await run(archive, context(cursor)))).toEqual(['二连浩特口岸关闭']);
  });

  it('resumes at the last record handed over when a run stops early, since the consumer may not have kept it', async () => {
    const path = join(dir, 'posts.csv');
    writeFileSync(path, '标题,内容\n一,锡林浩特\n二,正蓝旗\n三,阿巴嘎旗\n');
    const cursor = memoryCursor();
    const archive = importFile(path);
    let handed = 0;
    for await (const item of archive.collect(context(cursor))) {
      expect(isCollectorIssue(item)).toBe(false);
      if (++handed === 2) break;
    }
    expect(cursor.value()?.position).toBe('1');
    expect((await run(importFile(path), context(cursor))).signals.map((signal) => signal.title)).toEqual(['二', '三']);
  });

  it('starts over when the file under the name was replaced by another', async () => {
    const path = join(dir, 'posts.jsonl');
    writeFileSync(path, '{"text":"旧文件一"}\n{"text":"旧文件二"}\n');
    const cursor = memoryCursor();
    await run(importFile(path), context(cursor));
    writeFileSync(path, '{"text":"新文件一"}\n{"text":"新文件二"}\n{"text":"新文件三"}\n');
    expect(texts(await run(importFile(path), context(cursor)))).toEqual(['新文件一', '新文件二', '新文件三']);
  });

  it('reports a line in another encoding by its number, with its bytes, and reads the rest', async () => {
    const path = join(dir, 'mixed.jsonl');
    const gbkLine = new Uint8Array([...Buffer.from('{"text":"'), 0xd1, 0xa9, 0xd4, 0xd6, ...Buffer.from('"}\n')]); // 雪灾 in GBK
    writeFileSync(
      path,
      Buffer.concat([Buffer.from('{"text":"第一行，UTF-8"}\n'), gbkLine, Buffer.from('{"text":"第三行"}\n')]),
    );
    const { signals, issues } = await run(importFile(path));
    expect(signals.map((signal) => signal.text)).toEqual(['第一行，UTF-8', '第三行']);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: 'EMW_DECODE',
      reason: "mixed.jsonl: line 2 is not valid utf-8 (the file's encoding, by sniff)",
      quarantine: { payloadEncoding: 'base64', payload: Buffer.from(gbkLine.subarray(0, -1)).toString('base64') },
    });
  });

  it('reads UTF-8 with a byte order mark', async () => {
    const path = join(dir, 'bom.csv');
    writeFileSync(path, '\uFEFF标题,正文,发布时间\r\n暴雪,锡林浩特大雪,2025-04-13 06:00\r\n');
    const { signals } = await run(importFile(path));
    expect(signals.map((signal) => [signal.title, signal.text, signal.publishedAt])).toEqual([
      ['暴雪', '锡林浩特大雪', '2025-04-13T06:00:00+08:00'],
    ]);
  });

  it('reads Excel’s tab-separated UTF-16 "Unicode text"', async () => {
    const path = join(dir, 'unicode.txt');
    const text = '标题\t内容\r\n暴雪\t锡林浩特大雪，能见度低\r\n沙尘\t阿拉善扬沙\r\n';
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const { signals, raws } = await run(importFile(path));
    expect(signals.map((signal) => signal.text)).toEqual(['锡林浩特大雪，能见度低', '阿拉善扬沙']);
    expect(raws[0]?.encoding).toBe('utf-16le');
  });

  it('reads dates without an offset in the given zone', async () => {
    const path = join(dir, 'utc.jsonl');
    writeFileSync(path, '{"text":"x","publishedAt":"2025-04-13 06:00"}\n');
    const { signals } = await run(importFile(path, { timeZone: 'UTC' }));
    expect(signals[0]?.publishedAt).toBe('2025-04-13T06:00:00+00:00');
  });

  it('reports a line over the size limit and goes on', async () => {
    const path = join(dir, 'long.jsonl');
    writeFileSync(path, `{"text":"${'雪'.repeat(100)}"}\n{"text":"短"}\n`);
    const { signals, issues } = await run(importFile(path, { maxRecordBytes: 200 }));
    expect(signals.map((signal) => signal.text)).toEqual(['短']);
    expect(issues.map((issue) => issue.reason)).toEqual(['long.jsonl: line 1 is longer than 200 bytes']);
  });

  it('refuses a CSV without a text or title column as a whole', async () => {
    const path = join(dir, 'numbers.csv');
    writeFileSync(path, '编号,数量\n1,2\n');
    const { raws, issues } = await run(importFile(path));
    expect(raws).toEqual([]);
    expect(issues).toMatchObject([
      {
        code: 'EMW_PARSE_FORMAT',
        fatal: true,
        reason: 'numbers.csv: line 1: no text or title column among "编号", "数量"',
      },
    ]);
  });

  it('reports a missing file as one fatal issue', async () => {
    const { issues } = await run(importFile(join(dir, 'absent.csv')));
    expect(issues).toMatchObject([
      { code: 'EMW_SOURCE_FAILED', fatal: true, reason: `no such file: ${join(dir, 'absent.csv')}` },
    ]);
  });

  it('stops promptly when the run is aborted', async () => {
    const path = join(dir, 'many.jsonl');
    writeFileSync(path, '{"text":"锡林浩特暴雪"}\n'.repeat(10_000));
    const controller = new AbortController();
    controller.abort();
    expect((await run(importFile(path), context(memoryCursor(), controller.signal))).raws).toEqual([]);
  });

  it('refuses an unknown encoding label when created', () => {
    expect(() => importFile('x.csv', { encoding: 'klingon' })).toThrow(
      /encoding "klingon" is not a known encoding label/u,
    );
  });
});

describeCollectorConformance('importFile', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'emwatch-import-conformance-'));
  const path = join(dir, 'archive.jsonl');
  writeFileSync(path, '');
  return {
    collector: importFile(path, { id: 'conformance-import' }),
    async publish(batch) {
      if (batch === 'first') {
        writeFileSync(
          path,
          '{"id":"1","text":"锡林浩特暴雪"}\n{"id":"2","text":"正蓝旗停电","url":"https://example.cn/2"}\n',
        );
      } else if (batch === 'second') appendFileSync(path, '{"id":"3","text":"二连浩特口岸关闭"}\n');
      else writeFileSync(path, '{"id":"1","text":"锡林浩特暴雪"}\n{"id":"2","text":\n');
    },
    async close() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
