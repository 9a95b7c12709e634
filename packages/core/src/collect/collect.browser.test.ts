import { describe, expect, it } from 'vitest';
import { decodeBody, parseCapItem, parseFeedItem, type RawItem } from '../index.js';

// Collectors' parsing must run in browsers as it does in Node (no Node built-ins on this path).
const raw = (payload: string, sourceId = 'browser'): RawItem => ({
  id: `${sourceId}:0`,
  sourceId,
  fetchedAt: '2025-04-13T06:00:00+08:00',
  payload,
  provenance: { contentHash: '0'.repeat(64) },
});

describe('collector parsing in a browser', () => {
  it('decodes a GBK feed by its XML declaration', () => {
    const head = new TextEncoder().encode(
      '<?xml version="1.0" encoding="gb2312"?><rss version="2.0"><channel><item><title>',
    );
    // 内蒙古 in GBK.
    const name = new Uint8Array([0xc4, 0xda, 0xc3, 0xc9, 0xb9, 0xc5]);
    const tail = new TextEncoder().encode('</title><guid>a1</guid></item></channel></rss>');
    const decoded = decodeBody(new Uint8Array([...head, ...name, ...tail]));
    expect(decoded.encoding).toBe('gb18030');
    const { signals, issues } = parseFeedItem(raw(decoded.text), 'official-news');
    expect(issues.map((i) => i.code)).toEqual(['EMW_PARSE_DATE']);
    expect(signals.map((s) => s.title)).toEqual(['内蒙古']);
  });

  it('reads a national-release-system CAP alert with a colour-word severity', () => {
    const xml = `<alert><identifier>15250041600000_20250413060000</identifier><sender>锡林郭勒盟气象台</sender>
      <sendTime>2025-04-13 06:00:00</sendTime><status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
      <info><language>zh-CN</language><category>Met</category><event>大风</event><eventType>11B06</eventType>
      <urgency>Expected</urgency><severity>橙色</severity><certainty>Likely</certainty>
      <headline>锡林郭勒盟气象台发布大风橙色预警</headline><description>预计未来24小时东乌珠穆沁旗有10级阵风。</description>
      <area><areaDesc>东乌珠穆沁旗</areaDesc><geocode>152525000000</geocode></area></info></alert>`;
    const { signals } = parseCapItem(raw(xml), 'official-warning');
    expect(signals[0]?.facts?.warning).toMatchObject({ color: 'orange', severity: 'Severe', eventCode: '11B06' });
    expect(signals[0]?.facts?.hintedType).toBe('gale');
  });
});
