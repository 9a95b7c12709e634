import regionNmg from '@emwatch/region-nmg';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixturePath } from '../test/golden.js';
import { parseCapItem } from './collect/cap.js';
import { replay, type ReplayRecord } from './collect/replay.js';
import type { Event } from './model/event.js';
import type { Signal } from './model/signal.js';
import { createMonitor, type Monitor, type MonitorChange } from './monitor.js';
import { consoleChannel } from './respond/channels/console.js';
import { createMemoryStore } from './store/memory-store.js';
import type { Store } from './store/store.js';

/**
 * Three days in January 2025, as collected: a blizzard over 东乌珠穆沁旗 (CAP yellow, upgraded to
 * orange, cancelled; news; Weibo reposts), a roof fall in a 准格尔旗 coal mine (5 trapped, then 3
 * dead), a rumour of a chemical-plant blast in 赛罕区 and its official denial, a CAP system test,
 * everyday chatter and one unusable record.
 */
const RECORDING: ReplayRecord[] = readFileSync(fixturePath('monitor/dongwu-blizzard-ordos-mine-2025-01.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as ReplayRecord);

const START = Date.parse('2025-01-06T06:30:00+08:00');
const END = Date.parse('2025-01-09T00:00:00+08:00');
const STEP = 30 * 60_000;
const BLIZZARD = 'evt:ff31ca8a6f58b73b4f32d9c1';
const MINE = 'evt:2f8b10bdd089902fd3b2fe5f';
const RUMOUR = 'evt:caf8ddcd1679abeb4f9996ef';
const CAP_TEST = 'evt:3e2f79246bca2a88f099bdcc';

interface Harness {
  readonly monitor: Monitor;
  readonly store: Store;
  readonly clock: { t: number };
  readonly lines: string[];
  readonly changes: MonitorChange[];
  readonly errors: unknown[];
}

function harness(store: Store = createMemoryStore(), clock = { t: START }): Harness {
  const lines: string[] = [];
  const changes: MonitorChange[] = [];
  const errors: unknown[] = [];
  const monitor = createMonitor({
    collectors: [
      {
        collector: replay({
          id: 'recording',
          items: RECORDING,
          parse: (raw, options) => parseCapItem(raw, 'official-warning', options),
        }),
        intervalMs: STEP,
      },
    ],
    region: regionNmg,
    rules: [
      { id: 'duty-room', name: '值班室', when: { minLevel: 'III' }, route: { channels: ['console'] } },
      {
        id: 'xilingol-natural',
        name: '锡林郭勒盟自然灾害',
        when: { categories: ['natural'], regions: ['152500'], minLevel: 'IV' },
        route: { channels: ['console'] },
      },
    ],
    channels: { console: consoleChannel({ write: (text) => lines.push(text) }) },
    store,
    now: () => new Date(clock.t),
    onError: (error) => errors.push(error),
  });
  monitor.subscribe((change) => changes.push(change));
  return { monitor, store, clock, lines, changes, errors };
}

/** Runs the collectors every half hour of the recording until `until`. */
async function runUntil({ monitor, clock }: Harness, until: number): Promise<void> {
  for (; clock.t < until; clock.t += STEP) await monitor.runOnce();
}

async function allEvents(store: Store): Promise<Event[]> {
  return [...(await store.listEvents({ limit: 1000 })).items].sort((a, b) => a.firstSeen.localeCompare(b.firstSeen));
}

function webhookSignal(id: string, text: string, at: string): Signal {
  return {
    id,
    sourceId: 'webhook-weibo',
    sourceKind: 'social',
    text,
    language: 'zh-Hans',
    publishedAt: at,
    collectedAt: at,
    rawItemId: `raw:${id}`,
  };
}

describe('createMonitor', () => {
  it('turns three recorded days into one event per happening, with reposts counted, not repeated', async () => {
    const h = harness();
    await runUntil(h, END);

    const events = await allEvents(h.store);
    expect(events.map((event) => [event.type, event.title, event.signalCount, event.repostCount])).toEqual([
      ['gale', '东乌旗开始下雪了，风刮得呜呜的，今天牧场上的羊都没赶出去', 1, 0],
      ['snow-disaster', '东乌珠穆沁旗气象台发布暴雪黄色预警信号', 12, 7],
      ['gale', '【测试】内蒙古自治区气象台发布大风蓝色预警信号（系统测试，请勿转发）', 1, 0],
      ['mining', '鄂尔多斯市应急管理局关于准格尔旗某煤矿顶板事故的通报', 5, 7],
      ['hazchem', '网传"赛罕区化工厂爆炸"系谣言', 3, 1],
    ]);
    const mine = events.find((event) => event.id === MINE)!;
    expect(mine.casualties).toMatchObject({ deaths: 3, injured: 2, trapped: 5 });
    expect(mine.places).toEqual(['150622']);
    // Nothing about 包头烧麦 or 锡林浩特手把肉 became an event; the unusable record was quarantined.
    const quarantined = await h.store.listQuarantine();
    expect(quarantined.map((entry) => [entry.issue.code, entry.issue.reason])).toEqual([
      [
        'EMW_PARSE_ITEM',
        'replay item 43: no text: expected a field named text, content, body, message, 内容, 正文…, or a title',
      ],
    ]);
    expect(h.errors).toEqual([]);
  });

  it('raises the blizzard from yellow to orange as one linked upgrade, and opens one incident per serious event', async () => {
    const h = harness();
    await runUntil(h, END);

    const alerts = [...(await h.store.listAlerts()).items].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    expect(alerts.map((alert) => [alert.id, alert.level, alert.createdAt, alert.previousAlertId ?? null])).toEqual([
      ['alr:29d1f7a920be51f1c225ffd0:IV', 'IV', '2025-01-06T06:30:00+08:00', null],
      [`alr:${BLIZZARD.slice(4)}:III`, 'III', '2025-01-06T07:30:00+08:00', null],
      [`alr:${BLIZZARD.slice(4)}:II`, 'II', '2025-01-06T16:00:00+08:00', `alr:${BLIZZARD.slice(4)}:III`],
      [`alr:${MINE.slice(4)}:III`, 'III', '2025-01-07T11:00:00+08:00', null],
    ]);
    // The refuted rumour and the CAP system test never reach the duty room.
    expect(alerts.some((alert) => alert.eventId === RUMOUR || alert.eventId === CAP_TEST)).toBe(false);
    expect((await h.store.getScore(RUMOUR))!.score).toBeLessThan(20);
    expect((await h.store.getEvent(RUMOUR))!.stage).toBe('rumor');

    const incidents = [...(await h.store.listIncidents()).items].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    expect(incidents.map((incident) => [incident.eventId, incident.state, incident.level])).toEqual([
      [BLIZZARD, 'reported', 'II'],
      [MINE, 'reported', 'III'],
    ]);
    expect(
      incidents[0]!.audit.map((entry) => [entry.actor, entry.action, entry.from ?? null, entry.to ?? null]),
    ).toEqual([
      ['system', 'create', null, 'reported'],
      ['system', 'regrade', 'III', 'II'],
    ]);
  });

  it('sends zh-CN messages to the console channel', async () => {
    const h = harness();
    await runUntil(h, END);

    expect(h.lines).toHaveLength(4);
    const upgrade = h.lines.find((text) => text.startsWith('【级别提升】【橙色】'))!;
    expect(upgrade).toContain('预警级别：橙色 · Ⅱ级（重大）（原为Ⅲ级（较大））');
    expect(upgrade).toContain('事件类型：雪灾');
    expect(upgrade).toContain('涉及地区：东乌珠穆沁旗');
    const mine = h.lines.find((text) => text.includes('矿山事故'))!;
    expect(mine).toContain('【黄色】准格尔旗一煤矿发生顶板事故 5名矿工被困');
    expect(mine).toContain('人员伤亡：被困 5 人');
    expect(mine).toContain(`预警编号 alr:${MINE.slice(4)}:III，请及时确认`);
  });

  it('tells subscribers of every kind of change', async () => {
    const h = harness();
    await runUntil(h, END);

    const kinds = new Map<string, number>();
    for (const change of h.changes) kinds.set(change.kind, (kinds.get(change.kind) ?? 0) + 1);
    expect([...kinds.keys()].sort()).toEqual(['alert', 'event', 'incident', 'score', 'signal']);
    expect(kinds.get('signal')).toBe(43);
    const incidentChanges = h.changes.filter((change) => change.kind === 'incident');
    expect(incidentChanges.map((change) => change.id)).toEqual([
      `inc:${BLIZZARD.slice(4)}`,
      `inc:${BLIZZARD.slice(4)}`,
      `inc:${MINE.slice(4)}`,
    ]);
  });

  it('persists acknowledgements and incident transitions with their audit entries', async () => {
    const h = harness();
    await runUntil(h, Date.parse('2025-01-07T12:00:00+08:00'));
    h.clock.t = Date.parse('2025-01-07T12:05:00+08:00');

    const acknowledged = await h.monitor.acknowledge(
      `alr:${MINE.slice(4)}:III`,
      'duty-officer-1',
      '已电话联系准格尔旗应急局',
    );
    let incident = await h.monitor.transitionIncident(`inc:${MINE.slice(4)}`, 'verify', 'duty-officer-1');
    h.clock.t += 20 * 60_000;
    incident = await h.monitor.transitionIncident(`inc:${MINE.slice(4)}`, 'respond', 'duty-lead', {
      reason: '市应急管理局已通报，启动救援',
    });

    expect(acknowledged.status).toBe('acknowledged');
    expect(await h.store.getAlert(acknowledged.id)).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: 'duty-officer-1',
      acknowledgedAt: '2025-01-07T12:05:00+08:00',
      acknowledgementNote: '已电话联系准格尔旗应急局',
    });
    const stored = await h.store.getIncident(incident.id);
    expect(stored!.state).toBe('responding');
    expect(stored!.audit.slice(1)).toEqual([
      {
        at: '2025-01-07T12:05:00+08:00',
        actor: 'duty-officer-1',
        action: 'transition',
        from: 'reported',
        to: 'verifying',
      },
      {
        at: '2025-01-07T12:25:00+08:00',
        actor: 'duty-lead',
        action: 'transition',
        from: 'verifying',
        to: 'responding',
        detail: '市应急管理局已通报，启动救援',
      },
    ]);
    const alertChanges = h.changes.filter((change) => change.kind === 'alert' && change.id === acknowledged.id);
    expect(alertChanges.map((change) => (change.record as { status: string }).status)).toEqual([
      'open',
      'acknowledged',
    ]);
    await expect(h.monitor.transitionIncident(incident.id, 'dismiss', 'duty-lead', { reason: '误报' })).rejects.toThrow(
      /cannot dismiss from 处置中 \(responding\)/,
    );
  });

  it('continues after a restart over the same store without alerting anything twice', async () => {
    const reference = harness();
    await runUntil(reference, END);

    const store = createMemoryStore();
    const clock = { t: START };
    const first = harness(store, clock);
    await runUntil(first, Date.parse('2025-01-07T11:30:00+08:00'));
    await first.monitor.stop();
    const second = harness(store, clock);
    await runUntil(second, END);

    const summary = async (s: Store) =>
      (await allEvents(s)).map((event) => [event.id, event.signalCount, event.repostCount, event.stage]);
    expect(await summary(store)).toEqual(await summary(reference.store));
    const alertIds = async (s: Store) => (await s.listAlerts()).items.map((alert) => alert.id).sort();
    expect(await alertIds(store)).toEqual(await alertIds(reference.store));
    // The second run raised only what the first had not: the mine's alert (11:00 came before the stop).
    expect(first.lines).toHaveLength(4);
    expect(second.lines).toHaveLength(0);
    expect(await store.getState('monitor:bursts')).toMatchObject({ version: 1 });
    expect([...first.errors, ...second.errors]).toEqual([]);
  });

  it('runs signals from elsewhere down the same path, once', async () => {
    const h = harness(createMemoryStore(), { t: Date.parse('2025-03-02T10:00:00+08:00') });
    const posts = [
      webhookSignal(
        'wb-1',
        '达拉特旗树林召镇一处民房发生火灾，消防已到场扑救，暂无人员伤亡',
        '2025-03-02T09:10:00+08:00',
      ),
      webhookSignal(
        'wb-2',
        '转发//@达拉特发布:达拉特旗树林召镇一处民房发生火灾，消防已到场扑救，暂无人员伤亡',
        '2025-03-02T09:20:00+08:00',
      ),
    ];

    await h.monitor.ingest(posts);
    await h.monitor.ingest(posts);

    const events = await allEvents(h.store);
    expect(events.map((event) => [event.type, event.places, event.signalCount, event.repostCount])).toEqual([
      ['fire', ['150621'], 1, 1],
    ]);
    expect(h.changes.filter((change) => change.kind === 'signal')).toHaveLength(2);
  });

  it('quarantines a signal a stage cannot take and goes on with the rest', async () => {
    const h = harness(createMemoryStore(), { t: Date.parse('2025-03-02T10:00:00+08:00') });
    const broken = { ...webhookSignal('wb-bad', '乌海市海勃湾区一处仓库起火', 'yesterday'), collectedAt: 'soon' };

    await h.monitor.ingest([
      broken,
      webhookSignal('wb-ok', '乌海市海勃湾区一处仓库起火，浓烟滚滚，消防正在扑救', '2025-03-02T09:40:00+08:00'),
    ]);

    const [entry] = await h.store.listQuarantine();
    expect(entry!.issue).toMatchObject({ code: 'EMW_SOURCE_FAILED', sourceId: 'webhook-weibo' });
    expect(entry!.issue.reason).toMatch(/^clustering failed for signal wb-bad: .*has no valid time/);
    expect(entry!.issue.quarantine!.payload).toContain('"id":"wb-bad"');
    expect(h.errors).toHaveLength(1);
    expect((await allEvents(h.store)).map((event) => event.signalIds)).toEqual([['wb-ok']]);
  });

  it('merges and splits events for an analyst, recording both', async () => {
    const h = harness();
    await runUntil(h, Date.parse('2025-01-06T12:00:00+08:00'));
    const early = 'evt:29d1f7a920be51f1c225ffd0';

    const [firstPost] = (await h.store.getEvent(early))!.signalIds;

    const merged = await h.monitor.mergeEvents([BLIZZARD, early], 'analyst-1');
    expect(merged.id).toBe(early); // the event seen first survives
    expect(merged.type).toBe('snow-disaster');
    expect(merged.signalIds).toContain(firstPost);
    expect(merged.history.map((edit) => [edit.kind, edit.actor, edit.otherEventIds])).toEqual([
      ['merge', 'analyst-1', [BLIZZARD]],
    ]);
    expect(await h.store.getEvent(BLIZZARD)).toBeUndefined();
    expect(
      h.changes.some((change) => change.kind === 'event' && change.id === BLIZZARD && change.record === null),
    ).toBe(true);

    const [kept, moved] = await h.monitor.splitEvent(early, [firstPost!], 'analyst-1');
    expect(kept.signalCount + moved.signalCount).toBe(merged.signalCount);
    expect(moved.signalIds).toEqual([firstPost]);
    expect(moved.history.map((edit) => [edit.kind, edit.otherEventIds])).toEqual([['split', [early]]]);
    expect(await h.store.getEvent(moved.id)).toEqual(moved);
    expect(await h.store.getScore(moved.id)).toBeDefined();
  });
});
