// Feed parsing throughput on one core: parseFeed on decoded text, against rss-parser's
// parseString on the same strings in the same run. Target: ≥ 20 MB/s (UTF-8 bytes of the text).
// The feeds are built from the project's fixtures: 400 entries each, as a busy government
// news feed or an aggregator's would hold.
import { readFileSync } from 'node:fs';
import Parser from 'rss-parser';
import { decodeBody, parseFeed } from '@emwatch/core';

const fixture = (name: string): string =>
  decodeBody(new Uint8Array(readFileSync(new URL(`../packages/core/test/fixtures/feeds/${name}`, import.meta.url))))
    .text;

const ENTRIES = 400;

/** The fixture's entries repeated to `ENTRIES`, each with its own GUID and link, inside the fixture's own head and tail. */
function grow(text: string, tag: 'item' | 'entry'): string {
  // `<items>` (RSS 1.0's table of contents) is not an item.
  const first = text.search(new RegExp(`<${tag}[\\s>]`, 'u'));
  const last = text.lastIndexOf(`</${tag}>`) + tag.length + 3;
  const entries = text.slice(first, last).match(new RegExp(`<${tag}[\\s>][\\s\\S]*?</${tag}>`, 'gu')) ?? [];
  let body = '';
  for (let i = 0; i < ENTRIES; i++) {
    const entry = entries[i % entries.length]!;
    // Distinct ids and links, as a real feed has.
    body += `${entry.replace(/(t20\d{6}_)(\d+)/gu, `$1${100000 + i}`).replace(/(<(?:guid|id)[^>]*>[^<]*?)(<)/u, `$1-${i}$2`)}\n`;
  }
  return text.slice(0, first) + body + text.slice(last);
}

const gbk = fixture('xlgl-yjglj-gbk.rss.xml').replace('encoding="gb2312"', 'encoding="utf-8"');
const feeds: readonly [string, string][] = [
  ['RSS 2.0, government news (CDATA HTML)', grow(gbk, 'item')],
  ['RSS 2.0, georss + content:encoded', grow(fixture('nmgfire-rss20-georss.xml'), 'item')],
  ['RSS 1.0 (RDF, dc:date)', grow(fixture('nmgdzj-rss10.rdf'), 'item')],
  ['Atom 1.0 (html, xhtml)', grow(fixture('hlbe-atom10.xml'), 'entry')],
];

/**
 * Parses `text` repeatedly for about `budgetMs` and returns MB/s of its UTF-8 bytes at the median
 * run: the machines here are shared, and the median shrugs off runs another process slowed down.
 */
async function throughput(text: string, parse: (text: string) => unknown, budgetMs = 1500): Promise<number> {
  const bytes = new TextEncoder().encode(text).byteLength;
  for (let i = 0; i < 5; i++) await parse(text);
  const times: number[] = [];
  const start = performance.now();
  while (performance.now() - start < budgetMs) {
    const before = performance.now();
    await parse(text);
    times.push(performance.now() - before);
  }
  times.sort((a, b) => a - b);
  const median = times[times.length >> 1]!;
  return bytes / (median / 1000) / 1e6;
}

const rssParser = new Parser();
let totalBytes = 0;
let emwatchSeconds = 0;
let baselineSeconds = 0;
for (const [name, text] of feeds) {
  const { feed, problems } = parseFeed(text);
  if (
    feed.entries.length !== ENTRIES ||
    problems.some((p) => p.code !== 'EMW_PARSE_ITEM' && p.code !== 'EMW_PARSE_DATE')
  )
    throw new Error(
      `${name}: the benchmark feed should parse cleanly (${feed.entries.length} entries, ${problems.length} problems)`,
    );
  const mb = new TextEncoder().encode(text).byteLength / 1e6;
  const ours = await throughput(text, (t) => parseFeed(t));
  const theirs = await throughput(text, (t) => rssParser.parseString(t));
  totalBytes += mb;
  emwatchSeconds += mb / ours;
  baselineSeconds += mb / theirs;
  console.log(
    `${name}: ${ENTRIES} entries, ${mb.toFixed(2)} MB — parseFeed ${ours.toFixed(1)} MB/s, ` +
      `rss-parser ${theirs.toFixed(1)} MB/s, ${(ours / theirs).toFixed(1)}×`,
  );
}
const overall = totalBytes / emwatchSeconds;
console.log(
  `parseFeed overall: ${overall.toFixed(1)} MB/s (target ≥ 20), ` +
    `${(baselineSeconds / emwatchSeconds).toFixed(1)}× rss-parser (${(totalBytes / baselineSeconds).toFixed(1)} MB/s)`,
);
