import { describe, expect, it } from 'vitest';
import { EmwatchError } from '../errors.js';
import { getPath, parseJsonPath } from './json-path.js';

const body = {
  code: 0,
  data: {
    list: [
      { title: '锡林浩特市发生草原火灾', 'pub.time': '2025-04-05 16:20', tags: ['火灾'] },
      { title: '乌拉特中旗发布大风蓝色预警', "it's": 'quoted' },
    ],
    数据: { 条数: 2 },
  },
};

describe('parseJsonPath', () => {
  it('splits dotted names, indexes and quoted keys', () => {
    expect(parseJsonPath('data.list[0]["title"]')).toEqual(['data', 'list', 0, 'title']);
  });

  it('accepts single quotes and backslash escapes in quoted keys', () => {
    expect(parseJsonPath("data.list[1]['it\\'s']")).toEqual(['data', 'list', 1, "it's"]);
  });

  it('reads a leading $ as the root, as JSONPath writes it', () => {
    expect(parseJsonPath('$.data.list')).toEqual(['data', 'list']);
    expect(parseJsonPath('$[0].id')).toEqual([0, 'id']);
    expect(parseJsonPath('$')).toEqual([]);
    expect(parseJsonPath('')).toEqual([]);
  });

  it('keeps a name that merely starts with $', () => {
    expect(parseJsonPath('_id.$oid')).toEqual(['_id', '$oid']);
  });

  it('accepts Chinese names without quotes', () => {
    expect(parseJsonPath('data.数据.条数')).toEqual(['data', '数据', '条数']);
  });

  it.each(['__proto__', 'a.constructor', 'a["prototype"]', "x['__proto__'].y"])(
    'refuses the prototype key in %s',
    (path) => {
      expect(() => parseJsonPath(path)).toThrowError(/is refused/);
    },
  );

  it.each([
    ['a..b', /empty name/],
    ['.a', /empty name/],
    ['a.', /ends with a dot/],
    ['a[', /unclosed/],
    ['a[x]', /an index must be digits/],
    ['a[-1]', /an index must be digits/],
    ['a["b"', /unterminated|needs "\]"/],
    ['a["b"x]', /needs "\]"/],
    ['a[0]b', /needs "\." or "\["/],
    ['a b', /spaces in the name/],
    ['a]', /stray \]/],
  ])('rejects the malformed path %s with a message naming it', (path, reason) => {
    let error: unknown;
    try {
      parseJsonPath(path);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EmwatchError);
    expect((error as EmwatchError).code).toBe('EMW_JSON_PATH_INVALID');
    expect((error as EmwatchError).message).toContain(JSON.stringify(path));
    expect((error as EmwatchError).message).toMatch(reason);
  });
});

describe('getPath', () => {
  it('reads a nested value through names, an index and a quoted key', () => {
    expect(getPath(body, 'data.list[0]["title"]')).toBe('锡林浩特市发生草原火灾');
  });

  it('reads keys containing dots when they are quoted', () => {
    expect(getPath(body, 'data.list[0]["pub.time"]')).toBe('2025-04-05 16:20');
  });

  it('treats a name made of digits as an array index', () => {
    expect(getPath(body, 'data.list.1.title')).toBe('乌拉特中旗发布大风蓝色预警');
  });

  it('returns the value itself for the empty path', () => {
    expect(getPath([1, 2], '')).toEqual([1, 2]);
  });

  it('returns undefined for a missing step, an index past the end or a step into a scalar', () => {
    expect(getPath(body, 'data.items[0]')).toBeUndefined();
    expect(getPath(body, 'data.list[5].title')).toBeUndefined();
    expect(getPath(body, 'code.value')).toBeUndefined();
    expect(getPath(null, 'a')).toBeUndefined();
  });

  it('finds nothing on the prototype chain', () => {
    expect(getPath({}, 'toString')).toBeUndefined();
    expect(getPath({ a: [] }, 'a.map')).toBeUndefined();
    expect(getPath({}, 'hasOwnProperty')).toBeUndefined();
  });

  it('does not follow a __proto__ key that JSON.parse made an own property', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}}') as unknown;
    expect(getPath(parsed, ['__proto__', 'polluted'])).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts pre-parsed segments', () => {
    expect(getPath(body, parseJsonPath('data.数据.条数'))).toBe(2);
  });
});
