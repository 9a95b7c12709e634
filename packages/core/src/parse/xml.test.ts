import { describe, expect, it } from 'vitest';
import { EmwatchError } from '../errors.js';
import { childElement, childElements, childText, parseXml } from './xml.js';

function xmlErrorOf(text: string): EmwatchError {
  try {
    parseXml(text);
  } catch (error) {
    if (error instanceof EmwatchError) return error;
    throw error;
  }
  throw new Error('expected parseXml to throw');
}

describe('parseXml', () => {
  it('gives local names, prefixes and resolved namespaces', () => {
    const root = parseXml(
      '<cap:alert xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2"><cap:info><cap:event>大风</cap:event></cap:info></cap:alert>',
    );
    expect(root.name).toBe('alert');
    expect(root.prefix).toBe('cap');
    expect(root.namespace).toBe('urn:oasis:names:tc:emergency:cap:1.2');
    expect(childElement(root, 'info')?.namespace).toBe('urn:oasis:names:tc:emergency:cap:1.2');
    expect(childText(childElement(root, 'info')!, 'event')).toBe('大风');
  });

  it('applies a default namespace to unprefixed descendants', () => {
    const root = parseXml('<feed xmlns="http://www.w3.org/2005/Atom"><entry/></feed>');
    expect(childElement(root, 'entry')).toEqual({
      name: 'entry',
      namespace: 'http://www.w3.org/2005/Atom',
      attributes: {},
      children: [],
      text: '',
    });
  });

  it('leaves namespace unset where none is declared', () => {
    const root = parseXml('<alert><identifier>x</identifier></alert>');
    expect(root.namespace).toBeUndefined();
    expect(root.prefix).toBeUndefined();
  });

  it('resolves the xml prefix without a declaration', () => {
    const root = parseXml('<p xml:lang="zh-CN"><xml:x/></p>');
    expect(root.attributes['xml:lang']).toBe('zh-CN');
    expect(root.children[0]?.namespace).toBe('http://www.w3.org/XML/1998/namespace');
  });

  it('decodes predefined entities and numeric references in text and attributes', () => {
    const root = parseXml('<r title="a &amp; b &#x4E2D;">&lt;p&gt; &quot;x&quot; &apos;y&apos; &#20013;&#x6587;</r>');
    expect(root.text).toBe('<p> "x" \'y\' 中文');
    expect(root.attributes.title).toBe('a & b 中');
  });

  it('keeps CDATA verbatim, without decoding references inside it', () => {
    const root = parseXml('<d><![CDATA[<p>a &amp; b</p>]]></d>');
    expect(root.text).toBe('<p>a &amp; b</p>');
  });

  it('joins direct text and CDATA in order, leaving out the text of child elements', () => {
    const root = parseXml('<d> before <b>bold</b><![CDATA[ middle ]]> after </d>');
    expect(root.text).toBe('before  middle  after');
  });

  it('leaves HTML named references such as &nbsp; as written', () => {
    expect(parseXml('<t>a&nbsp;b</t>').text).toBe('a&nbsp;b');
  });

  it('reads a bare ampersand in a link as a literal ampersand', () => {
    expect(parseXml('<link>http://x.cn/a?b=1&c=2</link>').text).toBe('http://x.cn/a?b=1&c=2');
  });

  it('keeps a numeric reference to a disallowed character as written', () => {
    expect(parseXml('<t>a&#0;b&#xD800;</t>').text).toBe('a&#0;b&#xD800;');
  });

  it('accepts a byte-order mark, a declaration, comments and a DOCTYPE without entities', () => {
    const root = parseXml(
      '\uFEFF<?xml version="1.0" encoding="utf-8"?>\n<!-- c -->\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss version="0.91"><channel/></rss>',
    );
    expect(root.name).toBe('rss');
    expect(root.attributes.version).toBe('0.91');
  });

  it('lists repeated children in document order', () => {
    const root = parseXml('<area><geocode><value>1</value></geocode><geocode><value>2</value></geocode></area>');
    expect(childElements(root, 'geocode').map((g) => childText(g, 'value'))).toEqual(['1', '2']);
  });

  it('returns undefined for a missing child and an empty string for an empty one', () => {
    const root = parseXml('<a><b/></a>');
    expect(childText(root, 'b')).toBe('');
    expect(childText(root, 'c')).toBeUndefined();
  });
});

describe('parseXml on hostile and broken input', () => {
  it('rejects an XXE document naming an external file, without reading it', () => {
    const error = xmlErrorOf(
      '<?xml version="1.0"?>\n<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<foo>&xxe;</foo>',
    );
    expect(error.code).toBe('EMW_PARSE_XML');
    expect(error.message).toBe(
      'not well-formed XML at line 2, column 16: the DOCTYPE declares entities, which emwatch refuses (no entity expansion, no external entities)',
    );
  });

  it('rejects a billion-laughs document before any expansion', () => {
    const lol = ['<!ENTITY lol0 "lol">'];
    for (let i = 1; i < 10; i += 1) lol.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
    const started = performance.now();
    const error = xmlErrorOf(`<?xml version="1.0"?><!DOCTYPE lolz [${lol.join('')}]><lolz>&lol9;</lolz>`);
    expect(error.message).toContain('the DOCTYPE declares entities');
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('rejects truncated XML naming the unclosed elements', () => {
    const error = xmlErrorOf('<alert><info><event>暴雪');
    expect(error.code).toBe('EMW_PARSE_XML');
    expect(error.message).toBe(
      'not well-formed XML at line 1, column 1: the input ends before <alert>, <info>, <event> are closed (truncated?)',
    );
  });

  it('rejects a mismatched closing tag with its line and column', () => {
    expect(xmlErrorOf('<a>\n  <b>text</c>\n</a>').message).toBe(
      "not well-formed XML at line 2, column 10: Expected closing tag 'b' (opened in line 2, col 3) instead of closing tag 'c'",
    );
  });

  it('rejects text that is not XML at all', () => {
    expect(xmlErrorOf('{"type":"FeatureCollection"}').message).toBe(
      "not well-formed XML at line 1, column 1: char '{' is not expected",
    );
  });

  it('rejects an empty document', () => {
    expect(xmlErrorOf('').message).toBe('not well-formed XML at line 1: no root element');
  });

  it('rejects two root elements', () => {
    expect(xmlErrorOf('<a/><b/>').message).toBe('not well-formed XML: a second root element <b> after <a>');
  });

  it('rejects text after the root element', () => {
    expect(xmlErrorOf('<a/>junk').message).toBe('not well-formed XML: text outside the root element');
  });

  it('rejects nesting deeper than maxDepth', () => {
    expect(() => parseXml('<a><b><c><d/></c></b></a>', { maxDepth: 3 })).toThrow(
      'not well-formed XML: elements are nested deeper than 3 levels (at <d>)',
    );
  });

  it('rejects a deeply nested document without overflowing the stack', () => {
    const deep = `${'<a>'.repeat(50_000)}${'</a>'.repeat(50_000)}`;
    expect(xmlErrorOf(deep).code).toBe('EMW_PARSE_XML');
  });

  it('rejects an attribute named __proto__ instead of polluting prototypes', () => {
    const error = xmlErrorOf('<r __proto__="x"/>');
    expect(error.code).toBe('EMW_PARSE_XML');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('scans many unterminated comments in linear time', () => {
    const started = performance.now();
    expect(xmlErrorOf(`<r>&${'<!--'.repeat(200_000)}`).code).toBe('EMW_PARSE_XML');
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
