import { describe, expect, it } from 'vitest';
import { EmwatchError } from '../errors.js';
import { decodeBody } from './decode-body.js';

const ascii = (text: string): number[] => [...text].map((char) => char.charCodeAt(0));
const hex = (digits: string): number[] => digits.match(/../g)!.map((pair) => parseInt(pair, 16));
const bytesOf = (...parts: (string | number[])[]): Uint8Array =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? ascii(part) : part)));
const utf8 = (text: string): number[] => [...new TextEncoder().encode(text)];

// 锡林郭勒盟应急管理局发布森林草原火险预警, in GBK (python3 .encode('gb18030')).
const GBK_NOTICE = hex('cefdc1d6b9f9c0d5c3cbd3a6bcb1b9dcc0edbed6b7a2b2bcc9adc1d6b2ddd4adbbf0cfd5d4a4beaf');
const NOTICE = '锡林郭勒盟应急管理局发布森林草原火险预警';
// 澳門地球物理氣象局發出黃色暴雨警告信號，市民應注意安全。 in Big5 (python3 .encode('big5')).
const BIG5_WARNING = hex(
  'bf44aaf9a661b279aaabb27aaef0b648a7bdb56fa558b6c0a6e2bcc9ab42c4b5a769ab48b8b9a141a5aba5c1c0b3aa60b74ea677a5fea143',
);
const WARNING = '澳門地球物理氣象局發出黃色暴雨警告信號，市民應注意安全。';

describe('decodeBody', () => {
  it('decodes by a UTF-8 byte order mark and strips it from the text', () => {
    const body = decodeBody(bytesOf([0xef, 0xbb, 0xbf], utf8('<rss>暴雪</rss>')));

    expect(body).toEqual({ text: '<rss>暴雪</rss>', encoding: 'utf-8', detectedBy: 'bom', warnings: [] });
  });

  it('decodes a UTF-16LE body by its byte order mark', () => {
    const body = decodeBody(new Uint8Array([0xff, 0xfe, 0x3c, 0x00, 0x8f, 0x66, 0x3e, 0x00]));

    expect(body).toMatchObject({ text: '<暏>', encoding: 'utf-16le', detectedBy: 'bom' });
  });

  it('decodes GB2312 declared in the HTTP Content-Type as GB18030', () => {
    const body = decodeBody(bytesOf('<p>', GBK_NOTICE, '</p>'), { contentType: 'text/html; charset=GB2312' });

    expect(body).toEqual({ text: `<p>${NOTICE}</p>`, encoding: 'gb18030', detectedBy: 'http', warnings: [] });
  });

  it('reads a quoted charset parameter', () => {
    const body = decodeBody(bytesOf(GBK_NOTICE), { contentType: 'application/rss+xml; charset="gbk"' });

    expect(body).toMatchObject({ text: NOTICE, encoding: 'gb18030', detectedBy: 'http' });
  });

  it('decodes by the encoding in the XML declaration', () => {
    const body = decodeBody(bytesOf('<?xml version="1.0" encoding="gb2312"?><title>', GBK_NOTICE, '</title>'));

    expect(body.text).toBe(`<?xml version="1.0" encoding="gb2312"?><title>${NOTICE}</title>`);
    expect(body.detectedBy).toBe('xml');
    expect(body.encoding).toBe('gb18030');
  });

  it('decodes by an HTML meta charset', () => {
    const body = decodeBody(
      bytesOf('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"></head><body>', GBK_NOTICE),
    );

    expect(body).toMatchObject({ encoding: 'gb18030', detectedBy: 'html-meta' });
    expect(body.text.endsWith(NOTICE)).toBe(true);
  });

  it('lets the HTTP charset win over the XML declaration', () => {
    const body = decodeBody(bytesOf('<?xml version="1.0" encoding="big5"?><t>', GBK_NOTICE, '</t>'), {
      contentType: 'text/xml; charset=gb18030',
    });

    expect(body).toMatchObject({ encoding: 'gb18030', detectedBy: 'http', warnings: [] });
  });

  it('overrules a UTF-8 declaration over GBK bytes and names both encodings in a warning', () => {
    const body = decodeBody(bytesOf('<?xml version="1.0" encoding="UTF-8"?><t>', GBK_NOTICE, '</t>'));

    expect(body.text).toContain(NOTICE);
    expect(body.encoding).toBe('gb18030');
    expect(body.detectedBy).toBe('sniff');
    expect(body.warnings).toEqual([
      'XML declaration declares UTF-8 but the bytes are invalid in utf-8 at byte offset 41 (0xCE); decoded as gb18030 (sniffing)',
    ]);
  });

  it('takes UTF-8 bytes under a GBK label as UTF-8 instead of decoding them into nonsense', () => {
    const body = decodeBody(bytesOf('<t>', utf8(NOTICE), '</t>'), { contentType: 'text/xml; charset=gbk' });

    expect(body.text).toBe(`<t>${NOTICE}</t>`);
    expect(body.encoding).toBe('utf-8');
    expect(body.warnings).toEqual([
      'HTTP Content-Type declares gbk but the bytes are UTF-8; decoded as utf-8 (sniffing)',
    ]);
  });

  it('takes Big5 bytes under a GB2312 label as Big5', () => {
    const body = decodeBody(bytesOf('<?xml version="1.0" encoding="gb2312"?><t>', BIG5_WARNING, '</t>'));

    expect(body.text).toContain(WARNING);
    expect(body.encoding).toBe('big5');
    expect(body.warnings).toEqual([
      'XML declaration declares gb2312 but the bytes read as Chinese only in big5; decoded as big5 (sniffing)',
    ]);
  });

  it('sniffs undeclared UTF-8', () => {
    expect(decodeBody(bytesOf(utf8('<t>呼和浩特市暴雪</t>')))).toEqual({
      text: '<t>呼和浩特市暴雪</t>',
      encoding: 'utf-8',
      detectedBy: 'sniff',
      warnings: [],
    });
  });

  it('sniffs undeclared GBK as GB18030', () => {
    expect(decodeBody(bytesOf('<t>', GBK_NOTICE, '</t>'))).toMatchObject({
      text: `<t>${NOTICE}</t>`,
      encoding: 'gb18030',
      detectedBy: 'sniff',
    });
  });

  it('sniffs undeclared Big5 even though GB18030 also decodes the bytes', () => {
    expect(decodeBody(bytesOf('<t>', BIG5_WARNING, '</t>'))).toMatchObject({
      text: `<t>${WARNING}</t>`,
      encoding: 'big5',
      detectedBy: 'sniff',
    });
  });

  it('uses the configured default for plain ASCII', () => {
    expect(decodeBody(bytesOf('<rss/>'), { defaultEncoding: 'gbk' })).toMatchObject({
      text: '<rss/>',
      encoding: 'gb18030',
      detectedBy: 'default',
    });
  });

  it('warns about an unknown declared charset and decodes anyway', () => {
    const body = decodeBody(bytesOf(utf8('<t>暴雪</t>')), { contentType: 'text/xml; charset=x-unknown-cs' });

    expect(body.encoding).toBe('utf-8');
    expect(body.warnings).toEqual(['HTTP Content-Type declares unknown charset "x-unknown-cs"; ignored']);
  });

  it('throws EMW_DECODE naming the declared encoding and the first bad byte when nothing decodes', () => {
    // A GBK lead byte followed by "<" is invalid in every candidate encoding.
    const bytes = bytesOf('<?xml version="1.0" encoding="utf-8"?><t>ok', [0xa1], '</t>');

    const failure = (() => {
      try {
        decodeBody(bytes);
      } catch (error) {
        return error;
      }
    })();

    expect(failure).toBeInstanceOf(EmwatchError);
    expect((failure as EmwatchError).code).toBe('EMW_DECODE');
    expect((failure as EmwatchError).message).toBe(
      'body of 48 bytes cannot be decoded: declared encoding utf-8 (XML declaration), ' +
        'first bad byte in utf-8 at byte offset 43 (0xA1); utf-8, gb18030 and big5 fail too',
    );
  });

  it('names an unfinished last character as the place decoding failed', () => {
    const cut = bytesOf(utf8('暴雪').slice(0, 5));

    expect(() => decodeBody(cut, { contentType: 'text/plain; charset=utf-8' })).toThrow(
      'first bad byte in utf-8 at the end of the body (an unfinished character at byte offset 5)',
    );
  });
});
