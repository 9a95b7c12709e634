import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../test/golden.js';
import { readSharedFixture, sharedFixtureNames } from '../../../test/shared-fixtures.js';
import { decodeBody } from '../decode-body.js';
import { parseXml } from '../xml.js';
import { readXmlTree } from './feed-xml-tree.js';

const FEEDS = [
  'xlgl-yjglj-gbk.rss.xml',
  'nmgqx-rss091.xml',
  'nmgdzj-rss10.rdf',
  'nmgfire-rss20-georss.xml',
  'hlbe-atom10.xml',
  'wulanchabu-wrong-charset.rss.xml',
  'ordos-bad-dates.rss.xml',
  'chifeng-duplicate-guids.rss.xml',
];

const failure = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('readXmlTree', () => {
  it.each(FEEDS)('builds the same tree as parseXml for %s', (name) => {
    const text = decodeBody(readFixture(`feeds/${name}`)).text;

    expect(readXmlTree(text)).toEqual(parseXml(text));
  });

  it.each(sharedFixtureNames('cap').filter((name) => name.endsWith('.xml')))(
    'builds the same tree as parseXml for the shared fixture %s',
    (name) => {
      const text = decodeBody(readSharedFixture(`cap/${name}`)).text;

      expect(readXmlTree(text)).toEqual(parseXml(text));
    },
  );

  it.each([
    ['mixed content with whitespace between children', '<p>a<b>x</b> <i>y</i>z &amp; &#x5927;&#39118; &nbsp;</p>'],
    ['CDATA beside text', '<d>前<![CDATA[<p>中</p>]]>后</d>'],
    [
      'namespaces declared on the way down',
      '<a xmlns="urn:a" xmlns:g="urn:g"><g:b xml:lang="zh"><c g:x="1"/></g:b></a>',
    ],
    ['quoted > and references in attributes', `<a t="x > y" u='&lt;&#34;' v="?a=1&b=2"/>`],
    ['a bare ampersand in text', '<a>A & B</a>'],
    ['bare ampersands around CDATA and comments', '<a><![CDATA[x & y]]> & <!-- & --> &amp; z &#; <b c="1&2"/></a>'],
    [
      'comments, processing instructions and a DOCTYPE without entities',
      '<?xml version="1.0"?><!DOCTYPE rss><!-- c --><rss><?pi x?><a>1</a><!-- d --></rss>',
    ],
    ['tabs and newlines in attribute values', '<a t="x\ty\nz"/>'],
  ])('agrees with parseXml on %s', (_, text) => {
    expect(readXmlTree(text)).toEqual(parseXml(text));
  });

  it.each([
    ['a second root', '<a/><b/>'],
    ['text after the root', '<a/>tail'],
    ['an unclosed element', '<a><b></a>'],
    ['a truncated document', '<rss><channel><item><title>大风'],
    ['entity declarations', '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>'],
  ])('throws parseXml’s own error for %s', (_, text) => {
    expect(failure(() => readXmlTree(text))).toEqual(failure(() => parseXml(text)));
    expect(failure(() => readXmlTree(text))).toBeDefined();
  });
});
