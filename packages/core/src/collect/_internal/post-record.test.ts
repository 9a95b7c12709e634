import { describe, expect, it } from 'vitest';
import type { RawItem } from '../../model/raw-item.js';
import { parsePostPayload, postFieldKeys, readPostRecord } from './post-record.js';

describe('postFieldKeys', () => {
  it('maps Chinese export headers to record fields', () => {
    const keys = postFieldKeys(['序号', '标题', '正文', '链接', '发布时间', '作者', '来源', '经度', '纬度']);
    expect(Object.fromEntries(keys)).toEqual({
      title: ['标题'],
      text: ['正文'],
      url: ['链接'],
      publishedAt: ['发布时间'],
      author: ['作者'],
      outlet: ['来源'],
      lon: ['经度'],
      lat: ['纬度'],
    });
  });

  it('matches English names whatever their case, spaces, hyphens or underscores', () => {
    expect(Object.fromEntries(postFieldKeys(['Published_At', 'Source Kind', 'screen-name']))).toEqual({
      publishedAt: ['Published_At'],
      sourceKind: ['Source Kind'],
      author: ['screen-name'],
    });
  });

  it('orders several columns for one field best first', () => {
    expect(postFieldKeys(['摘要', '内容']).get('text')).toEqual(['内容', '摘要']);
  });
});

describe('readPostRecord', () => {
  it('reads a complete record', () => {
    expect(
      readPostRecord({
        id: '5152031890451203',
        title: '暴雪',
        text: '锡林浩特下了一夜的雪',
        url: 'https://weibo.com/6012345678/PeQ7xKm2a',
        publishedAt: '2025-04-13 06:42',
        author: '锡林河畔的老王',
        outlet: '微博',
        lat: 43.93,
        lon: 116.08,
        sourceKind: 'social',
      }),
    ).toEqual({
      post: {
        id: '5152031890451203',
        title: '暴雪',
        text: '锡林浩特下了一夜的雪',
        url: 'https://weibo.com/6012345678/PeQ7xKm2a',
        publishedAt: '2025-04-13T06:42:00+08:00',
        author: '锡林河畔的老王',
        outlet: '微博',
        point: [116.08, 43.93],
        sourceKind: 'social',
      },
      problems: [],
    });
  });

  it('reads numbers written as text, as CSV cells are', () => {
    const { post } = readPostRecord({ 内容: '阿巴嘎旗', 纬度: '44.02', 经度: '114.95', 发布时间: '1744500300' });
    expect(post).toMatchObject({ point: [114.95, 44.02], publishedAt: '2025-04-13T07:25:00+08:00' });
  });

  it('falls back to the next text column when the best one is empty', () => {
    expect(readPostRecord({ 内容: '  ', 摘要: '东乌旗停电' }).post?.text).toBe('东乌旗停电');
  });

  it('reads the date in the given zone when it names none', () => {
    expect(readPostRecord({ text: 'x', publishedAt: '2025-04-13 06:00' }, { timeZone: 'UTC' }).post?.publishedAt).toBe(
      '2025-04-13T06:00:00+00:00',
    );
  });

  it('reduces HTML markup in the text to plain text', () => {
    expect(readPostRecord({ text: '<p>满都宝力格镇停电&nbsp;<br>请注意</p>' }).post?.text).toBe(
      '满都宝力格镇停电\n请注意',
    );
  });

  it('leaves a less-than sign that is not markup alone', () => {
    expect(readPostRecord({ text: '气温<-30℃，注意防寒' }).post?.text).toBe('气温<-30℃，注意防寒');
  });

  it('keeps the record without its date and reports EMW_PARSE_DATE when the date is not one', () => {
    expect(readPostRecord({ 内容: '锡林浩特大雪', 发布时间: '昨天' })).toEqual({
      post: { text: '锡林浩特大雪', publishedAt: null },
      problems: [
        { code: 'EMW_PARSE_DATE', field: 'publishedAt', reason: 'publishedAt (发布时间) "昨天" is not a date' },
      ],
    });
  });

  it('drops a link that is not http(s) and says so', () => {
    const { post, problems } = readPostRecord({ text: 'x', url: 'javascript:alert(1)' });
    expect(post).toEqual({ text: 'x', publishedAt: null });
    expect(problems.map((problem) => problem.reason)).toEqual([
      'url "javascript:alert(1)" is not an absolute http(s) URL',
    ]);
  });

  it('drops a geotag with only one coordinate', () => {
    const { post, problems } = readPostRecord({ text: 'x', lat: 43.9 });
    expect(post?.point).toBeUndefined();
    expect(problems.map((problem) => problem.reason)).toEqual(['lat given without lon; the geotag is dropped']);
  });

  it('refuses a latitude out of range', () => {
    expect(readPostRecord({ text: 'x', lat: 143.9, lon: 116 }).problems.map((problem) => problem.reason)).toEqual([
      'lat 143.9 is not a latitude (−90 to 90)',
      'lon given without lat; the geotag is dropped',
    ]);
  });

  it('refuses an id that JSON has already rounded', () => {
    expect(readPostRecord({ id: 5152031890451203000, text: 'x' }).problems[0]?.reason).toBe(
      'id 5152031890451203000 is not a safe integer; send large ids as strings',
    );
  });

  it('finds no post in a record with neither text nor title', () => {
    expect(readPostRecord({ 作者: '某人' })).toEqual({
      problems: [
        {
          code: 'EMW_PARSE_ITEM',
          field: 'text',
          reason: 'no text: expected a field named text, content, body, message, 内容, 正文…, or a title',
        },
      ],
    });
  });

  it('finds no post in something that is not an object', () => {
    expect(readPostRecord(['x']).problems[0]?.reason).toBe('a record must be a JSON object, got an array');
  });
});

describe('parsePostPayload', () => {
  const raw = (payload: string): RawItem => ({
    id: 'w:1',
    sourceId: 'w',
    fetchedAt: '2025-04-13T07:30:00+08:00',
    payload,
    provenance: { contentHash: 'x' },
  });

  it('keeps the good records of a batch and reports the bad one by index', () => {
    const { signals, issues } = parsePostPayload(raw('[{"text":"一"},{"author":"空"},{"text":"三"}]'), {
      sourceKind: 'social',
      where: 'webhook body',
    });
    expect(signals.map((signal) => signal.text)).toEqual(['一', '三']);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: 'EMW_PARSE_ITEM',
      itemIndex: 1,
      quarantine: { payload: '{"author":"空"}' },
    });
    expect(issues[0]!.reason).toMatch(/^webhook body: record 1: no text/u);
  });

  it('reports a payload that is not JSON as one fatal issue with the payload kept', () => {
    const { signals, issues } = parsePostPayload(raw('{"text":'), {
      sourceKind: 'social',
      where: 'posts.jsonl line 3',
    });
    expect(signals).toEqual([]);
    expect(issues[0]).toMatchObject({ code: 'EMW_PARSE_JSON', fatal: true, quarantine: { payload: '{"text":' } });
  });
});
