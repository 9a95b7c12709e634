import { describe, expect, it } from 'vitest';
import { getPath } from './json-path.js';
import { inferJsonApi } from './infer-json-api.js';

describe('inferJsonApi', () => {
  it('finds the item list under its wrappers and maps Chinese export keys', () => {
    const body = {
      code: 0,
      data: {
        total: 2,
        list: [
          {
            id: 7,
            标题: '扎兰屯市发布山洪预警',
            内容: '雅鲁河水位上涨',
            发布时间: '2025-07-21 14:05',
            链接: 'https://example.org/7',
          },
          {
            id: 8,
            标题: '呼伦贝尔市防汛抗旱指挥部启动IV级应急响应',
            内容: '…',
            发布时间: '2025-07-21 15:30',
            链接: 'https://example.org/8',
          },
        ],
      },
    };
    const inferred = inferJsonApi(body);
    expect(inferred).toEqual({
      itemsPath: 'data.list',
      fields: { id: 'id', title: '["标题"]', text: '["内容"]', time: '["发布时间"]', url: '["链接"]' },
    });
    // The guessed paths are real paths: they read the values back.
    const first = (getPath(body, inferred!.itemsPath) as unknown[])[0];
    expect(getPath(first, inferred!.fields.title!)).toBe('扎兰屯市发布山洪预警');
  });

  it('reads a top-level array and English keys in any case', () => {
    expect(
      inferJsonApi([
        {
          Title: 'Dust storm in Alxa',
          PubDate: '2025-04-13',
          Link: 'https://e.org/1',
          Latitude: 38.8,
          Longitude: 105.7,
        },
      ]),
    ).toEqual({
      itemsPath: '',
      fields: { title: 'Title', time: 'PubDate', url: 'Link', lat: 'Latitude', lon: 'Longitude' },
    });
  });

  it('gives up when nothing looks like text items', () => {
    expect(inferJsonApi({ status: 'ok', count: 3 })).toBeUndefined();
    expect(inferJsonApi([{ a: 1 }, { a: 2 }])).toBeUndefined();
  });
});
