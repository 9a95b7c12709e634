import { describe, expect, it } from 'vitest';
import { createCsvStream, parseCsv, type CsvEvent } from './csv.js';

describe('parseCsv', () => {
  it('reads the header and rows with their line numbers', () => {
    const result = parseCsv('latitude,longitude,frp\n43.95,116.07,12.4\n44.21,117.50,3.1\n');
    expect(result).toEqual({
      header: ['latitude', 'longitude', 'frp'],
      rows: [
        { line: 2, values: ['43.95', '116.07', '12.4'] },
        { line: 3, values: ['44.21', '117.50', '3.1'] },
      ],
      problems: [],
    });
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks inside', () => {
    const result = parseCsv('标题,内容\n暴雪,"锡林浩特 ""白毛风"",\n请减少外出"\n');
    expect(result.rows).toEqual([{ line: 2, values: ['暴雪', '锡林浩特 "白毛风",\n请减少外出'] }]);
  });

  it('counts lines inside quoted fields so later rows keep their real line numbers', () => {
    const result = parseCsv('a,b\n"x\r\ny\r\nz",1\r\nlast,2\r\n');
    expect(result.rows.map((row) => row.line)).toEqual([2, 5]);
  });

  it('accepts CRLF, LF and lone CR line ends and a last line without one', () => {
    expect(parseCsv('a,b\r\n1,2\r3,4\n5,6').rows.map((row) => row.values)).toEqual([
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
  });

  it('drops a leading byte order mark from the first header name', () => {
    expect(parseCsv('\uFEFF标题,链接\n通知,https://example.cn/1\n').header).toEqual(['标题', '链接']);
  });

  it('skips empty lines', () => {
    expect(parseCsv('a,b\n\n1,2\n\r\n\n3,4\n').rows).toEqual([
      { line: 3, values: ['1', '2'] },
      { line: 6, values: ['3', '4'] },
    ]);
  });

  it('reports a row with too few fields and keeps the rows after it', () => {
    const result = parseCsv('a,b,c\n1,2,3\n4,5\n7,8,9\n');
    expect(result.rows.map((row) => row.line)).toEqual([2, 4]);
    expect(result.problems).toEqual([
      { line: 3, reason: 'line 3: 2 fields, expected 3 as in the header', text: '4,5' },
    ]);
  });

  it('reports a row with too many fields', () => {
    expect(parseCsv('a,b\n1,2,3\n').problems).toEqual([
      { line: 2, reason: 'line 2: 3 fields, expected 2 as in the header', text: '1,2,3' },
    ]);
  });

  it('drops trailing empty fields past the header, as spreadsheets write them', () => {
    expect(parseCsv('a,b\n1,2,,\n').rows).toEqual([{ line: 2, values: ['1', '2'] }]);
  });

  it('keeps an empty last field that the header has', () => {
    expect(parseCsv('a,b\n1,\n').rows).toEqual([{ line: 2, values: ['1', ''] }]);
  });

  it('keeps a stray quote inside an unquoted field as written', () => {
    expect(parseCsv('a,b\n5"的雪,2\n').rows).toEqual([{ line: 2, values: ['5"的雪', '2'] }]);
  });

  it('keeps text after a closing quote as written', () => {
    expect(parseCsv('a,b\n"东乌"旗,2\n').rows).toEqual([{ line: 2, values: ['东乌旗', '2'] }]);
  });

  it('reads tab-separated text with the tab delimiter', () => {
    expect(parseCsv('a\tb\n1,5\t2\n', { delimiter: '\t' }).rows).toEqual([{ line: 2, values: ['1,5', '2'] }]);
  });

  it('reports a field over the size limit and resumes at the next line', () => {
    const result = parseCsv(`a,b\n${'x'.repeat(50)},1\nok,2\n`, { maxFieldBytes: 20 });
    expect(result.rows).toEqual([{ line: 3, values: ['ok', '2'] }]);
    expect(result.problems).toEqual([
      { line: 2, reason: 'line 2: field 1 is longer than 20 bytes', text: 'x'.repeat(20) },
    ]);
  });

  it('measures the field limit in UTF-8 bytes, not characters', () => {
    const result = parseCsv('a\n锡林郭勒盟\n', { maxFieldBytes: 12 });
    expect(result.problems.map((problem) => problem.reason)).toEqual(['line 2: field 1 is longer than 12 bytes']);
  });

  it('reports a quote that is never closed without losing the rows before it', () => {
    const result = parseCsv('a,b\n1,2\n"open,3\n4,5\n');
    expect(result.rows).toEqual([{ line: 2, values: ['1', '2'] }]);
    expect(result.problems).toEqual([
      { line: 3, reason: 'line 3: quoted field 1 is never closed before the end of the input', text: '"open,3\n4,5\n' },
    ]);
  });

  it('recovers from an unclosed quote once the field limit is reached', () => {
    const result = parseCsv(`a,b\n"open,3\n${'y'.repeat(30)}\n4,5\n`, { maxFieldBytes: 20 });
    expect(result.rows).toEqual([{ line: 4, values: ['4', '5'] }]);
    expect(result.problems[0]).toMatchObject({ line: 2 });
    expect(result.problems[0]!.reason).toContain('closing quote is missing');
  });

  it('reports a row over the row limit and resumes at the next line', () => {
    const result = parseCsv(`a,b,c\n${'x,'.repeat(40)}x\n1,2,3\n`, { maxRowBytes: 30 });
    expect(result.rows).toEqual([{ line: 3, values: ['1', '2', '3'] }]);
    expect(result.problems.map((problem) => problem.reason)).toEqual(['line 2: row is longer than 30 bytes']);
  });

  it('gives an empty header and no rows for empty input', () => {
    expect(parseCsv('')).toEqual({ header: [], rows: [], problems: [] });
  });

  it('refuses a delimiter that is not one character', () => {
    expect(() => parseCsv('a', { delimiter: '||' })).toThrow(/delimiter "\|\|" must be one character/);
  });

  it('reads a long input in linear time', () => {
    const row = '2025-04-13 06:00,"锡林浩特市出现""白毛风"",能见度不足100米",https://example.cn/p/1\n';
    const text = `时间,内容,链接\n${row.repeat(200_000)}`;
    const started = performance.now();
    const result = parseCsv(text);
    const elapsed = performance.now() - started;
    expect(result.rows).toHaveLength(200_000);
    expect(result.rows[199_999]!.values[1]).toBe('锡林浩特市出现"白毛风",能见度不足100米');
    // About 17 MB of text; a quadratic reader would take minutes.
    expect(elapsed).toBeLessThan(5000);
  });
});

describe('createCsvStream', () => {
  const text =
    '\uFEFF标题,内容,链接\r\n暴雪,"锡林浩特 ""白毛风""\r\n停课",https://a.cn/1\r\n坏行,缺字段\r\n沙尘,"阿拉善,强沙尘暴",https://a.cn/2\r\n';

  const collect = (chunks: readonly string[]): CsvEvent[] => {
    const stream = createCsvStream();
    return [...chunks.flatMap((chunk) => stream.push(chunk)), ...stream.end()];
  };

  it('gives the same events whatever the chunk size, down to one character', () => {
    const whole = collect([text]);
    expect(whole.map((event) => event.kind)).toEqual(['header', 'row', 'problem', 'row']);
    for (const size of [1, 2, 3, 7, 16]) {
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      expect(collect(chunks)).toEqual(whole);
    }
  });

  it('splits a CRLF across chunks without inventing an empty line', () => {
    expect(collect(['a,b\r', '\n1,2\r', '\n3,4'])).toEqual([
      { kind: 'header', line: 1, values: ['a', 'b'] },
      { kind: 'row', line: 2, values: ['1', '2'], text: '1,2' },
      { kind: 'row', line: 3, values: ['3', '4'], text: '3,4' },
    ]);
  });

  it('hands each row its text as written, for quarantine of rows that fail later checks', () => {
    const rows = collect([text]).filter((event) => event.kind === 'row');
    expect(rows.map((row) => row.text)).toEqual([
      '暴雪,"锡林浩特 ""白毛风""\r\n停课",https://a.cn/1',
      '沙尘,"阿拉善,强沙尘暴",https://a.cn/2',
    ]);
  });
});
