import regionNmg from '@emwatch/region-nmg';
import { afterEach, describe, expect, it } from 'vitest';
import { instantTimer, startHttpReceiver, type HttpReceiver } from '../../test/fixtures/respond/http-receiver.js';
import { blizzard, mineAccident, scoreOf, wildfire } from '../../test/fixtures/respond/samples.js';
import type { Alert } from '../model/alert.js';
import { EmwatchError } from '../errors.js';
import type { AlertMessage } from './alert-message.js';
import { createAlerter, type AlerterOptions } from './alerter.js';
import type { Channel } from './channels/channel.js';
import { webhookChannel } from './channels/webhook.js';
import type { AlertRule } from './rules.js';
import type { Burst } from '../events/burst.js';
import { scoreEvent } from '../risk/score.js';

const MINUTE = 60_000;

/** A channel that keeps what it was sent; `fail` makes it refuse. */
function recorder(id: string, options: { fail?: string; maxPerMinute?: number } = {}) {
  const sent: AlertMessage[] = [];
  const channel: Channel & { sent: AlertMessage[] } = {
    id,
    kind: 'test',
    sent,
    ...(options.maxPerMinute ? { maxPerMinute: options.maxPerMinute } : {}),
    async send(message) {
      if (options.fail) throw new Error(options.fail);
      sent.push(message);
    },
  };
  return channel;
}

/** A settable clock starting at 2024-03-14 09:15 Beijing time. */
function clock(start = '2024-03-14T09:15:00+08:00') {
  let time = Date.parse(start);
  return {
    now: () => new Date(time),
    advance: (ms: number) => void (time += ms),
    at: (iso: string) => void (time = Date.parse(iso)),
  };
}

const dutyRule: AlertRule = {
  id: 'nmg-natural',
  when: { categories: ['natural'], regions: ['150000'], minLevel: 'III' },
  route: { channels: ['duty'], escalateTo: ['leaders'] },
};

function setup(overrides: Partial<AlerterOptions> = {}, rules: AlertRule[] = [dutyRule]) {
  const duty = recorder('duty');
  const leaders = recorder('leaders');
  const time = clock();
  const alerter = createAlerter({
    rules,
    channels: { duty, leaders },
    region: regionNmg,
    now: time.now,
    ...overrides,
  });
  return { alerter, duty, leaders, time };
}

describe('createAlerter', () => {
  it('raises one alert for a matching event and delivers it to the route', async () => {
    const { alerter, duty, leaders } = setup();

    const raised = await alerter.onScore(blizzard, scoreOf(blizzard, 'II'));

    expect(raised).toEqual([
      {
        id: 'alr:2024-03-14:152525:snow-disaster:II',
        eventId: blizzard.id,
        ruleId: 'nmg-natural',
        level: 'II',
        color: 'orange',
        score: 69,
        title: '【橙色】东乌旗遭遇暴雪 多条道路封闭',
        createdAt: '2024-03-14T09:15:00+08:00',
        status: 'open',
        escalations: 0,
        deliveries: [{ channelId: 'duty', at: '2024-03-14T09:15:00+08:00', status: 'sent', attempt: 1 }],
      },
    ]);
    expect(duty.sent.map((m) => m.title)).toEqual(['【橙色】东乌旗遭遇暴雪 多条道路封闭']);
    expect(leaders.sent).toEqual([]);
  });

  it('raises nothing when no rule matches', async () => {
    const { alerter, duty } = setup();

    expect(await alerter.onScore(mineAccident, scoreOf(mineAccident, 'I'))).toEqual([]);
    expect(await alerter.onScore(wildfire, scoreOf(wildfire, 'IV'))).toEqual([]);
    expect(duty.sent).toEqual([]);
  });

  it('alerts once per event per level: the same or a lower level raises nothing', async () => {
    const { alerter, duty } = setup();

    await alerter.onScore(blizzard, scoreOf(blizzard, 'II'));
    const again = await alerter.onScore(blizzard, { ...scoreOf(blizzard, 'II'), score: 72 });
    const lower = await alerter.onScore(blizzard, scoreOf(blizzard, 'III'));

    expect(again).toEqual([]);
    expect(lower).toEqual([]);
    expect(duty.sent).toHaveLength(1);
    expect(alerter.alerts()).toHaveLength(1);
  });

  it('escalates a rise in level with a new alert linked to the previous one', async () => {
    const { alerter, duty } = setup();
    const [first] = await alerter.onScore(blizzard, scoreOf(blizzard, 'III'));

    const [second] = await alerter.onScore(blizzard, scoreOf(blizzard, 'I'));

    expect(second).toMatchObject({
      id: 'alr:2024-03-14:152525:snow-disaster:I',
      level: 'I',
      color: 'red',
      previousAlertId: first!.id,
    });
    expect(duty.sent.map((m) => [m.kind, m.title])).toEqual([
      ['alert', '【黄色】东乌旗遭遇暴雪 多条道路封闭'],
      ['upgrade', '【级别提升】【红色】东乌旗遭遇暴雪 多条道路封闭'],
    ]);
    expect(duty.sent[1]?.entries[0]?.previousLevel).toBe('III');
  });

  it('sends a reminder when nobody acknowledged the alert in time, and not before', async () => {
    const { alerter, duty, time } = setup({ resendAfterMs: 10 * MINUTE, escalateAfterMs: 60 * MINUTE });
    const [alert] = await alerter.onScore(blizzard, scoreOf(blizzard, 'II'));

    time.advance(9 * MINUTE);
    const early = await alerter.tick();
    time.advance(1 * MINUTE);
    const due = await alerter.tick();

    expect(early.reminded).toEqual([]);
    expect(due.reminded.map((a) => a.id)).toEqual([alert!.id]);
    expect(duty.sent.map((m) => m.title)).toEqual([
      '【橙色】东乌旗遭遇暴雪 多条道路封闭',
      '【未确认·提醒】【橙色】东乌旗遭遇暴雪 多条道路封闭',
    ]);
    expect(due.reminded[0]?.deliveries.map((d) => [d.status, d.attempt, d.at])).toEqual([
      ['sent', 1, '2024-03-14T09:15:00+08:00'],
      ['sent', 2, '2024-03-14T09:25:00+08:00'],
    ]);
  });

  it('escalates an unacknowledged alert up the chain, at most maxEscalations times', async () => {
    const { alerter, duty, leaders, time } = setup({
      resendAfterMs: Infinity,
      escalateAfterMs: 30 * MINUTE,
      maxEscalations: 2,
    });
    await alerter.onScore(blizzard, scoreOf(blizzard, 'II'));

    time.advance(30 * MINUTE);
    const first = await alerter.tick();
    time.advance(30 * MINUTE);
    const second = await alerter.tick();
    time.advance(30 * MINUTE);
    const third = await alerter.tick();

    expect(first.escalated[0]).toMatchObject({ status: 'escalated', escalations: 1 });
    expect(second.escalated[0]).toMatchObject({ status: 'escalated', escalations: 2 });
    expect(third.escalated).toEqual([]);
    expect(leaders.sent.map((m) => [m.kind, m.escalations, m.title])).toEqual([
      ['escalation', 1, '【逾时未确认·上报】【橙色】东乌旗遭遇暴雪 多条道路封闭'],
      ['escalation', 2, '【逾时未确认·上报】【橙色】东乌旗遭遇暴雪 多条道路封闭'],
    ]);
    expect(duty.sent).toHaveLength(3);
  });

  it('records who acknowledged, when and why, and stops reminding', async () => {
    const { alerter, duty, time } = setup({ resendAfterMs: 5 * MINUTE });
    const [alert] = await alerter.onScore(blizzard, scoreOf(blizzard, 'II'));
    time.advance(2 * MINUTE);

    const acknowledged = alerter.acknowledge(alert!.id, 'duty-officer-1', '已电话联系东乌旗应急局');
    time.advance(3 * MINUTE);
    const later = alerter.acknowledge(alert!.id, 'duty-officer-2');
    time.advance(30 * MINUTE);
    const tick = await alerter.tick();

    expect(acknowledged).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: 'duty-officer-1',
      acknowledgedAt: '2024-03-14T09:17:00+08:00',
      acknowledgementNote: '已电话联系东乌旗应急局',
    });
    expect(later.acknowledgedBy).toBe('duty-officer-1');
    expect(tick).toEqual({ reminded: [], escalated: [], digests: [] });
    expect(duty.sent).toHaveLength(1);
  });

  it('refuses to acknowledge an unknown alert or without an actor', async () => {
    const { alerter } = setup();
    const [alert] = await alerter.onScore(blizzard, scoreOf(blizzard, 'II'));

    expect(() => alerter.acknowledge('alr:nope:I', 'a')).toThrow(EmwatchError);
    expect(() => alerter.acknowledge('alr:nope:I', 'a')).toThrow('[emwatch] [alerter] no alert with id "alr:nope:I"');
    expect(() => alerter.acknowledge(alert!.id, ' ')).toThrow(/actor must be a user id/);
  });

  it('holds back alerts below the quiet-hours level and sends them once the quiet hours end', async () => {
    const rule: AlertRule = { ...dutyRule, quietHours: { start: '22:00', end: '07:00', minLevelDuring: 'II' } };
    const { alerter, duty, time } = setup({ resendAfterMs: Infinity, escalateAfterMs: Infinity }, [rule]);
    time.at('2024-04-05T23:30:00+08:00');

    const [held] = await alerter.onScore(wildfire, scoreOf(wildfire, 'III'));
    const [urgent] = await alerter.onScore(blizzard, scoreOf(blizzard, 'II'));
    time.at('2024-04-06T06:59:00+08:00');
    const stillQuiet = await alerter.flushDigests();
    time.at('2024-04-06T07:00:00+08:00');
    const morning = await alerter.tick();

    expect(held?.deliveries).toEqual([
      {
        channelId: 'duty',
        at: '2024-04-05T23:30:00+08:00',
        status: 'suppressed',
        attempt: 1,
        error: 'EMW_ALERT_QUIET_HOURS: quiet hours 22:00–07:00 of rule nmg-natural; held until they end',
      },
    ]);
    expect(urgent?.deliveries.map((d) => d.status)).toEqual(['sent']);
    expect(stillQuiet).toEqual([]);
    expect(morning.digests).toEqual([
      { channelId: 'duty', ruleId: 'nmg-natural', reason: 'quiet-hours', alertIds: [held!.id], status: 'sent' },
    ]);
    expect(duty.sent.map((m) => m.title)).toEqual(['【橙色】东乌旗遭遇暴雪 多条道路封闭', '【黄色】西乌旗草原火灾']);
    const after = alerter.alerts().find((a) => a.id === held!.id)!;
    expect(after.deliveries.map((d) => [d.status, d.attempt, d.at])).toEqual([
      ['suppressed', 1, '2024-04-05T23:30:00+08:00'],
      ['sent', 2, '2024-04-06T07:00:00+08:00'],
    ]);
  });

  it('collects low levels into one digest message per period', async () => {
    const rule: AlertRule = {
      id: 'all',
      when: {},
      route: { channels: ['duty'] },
      digest: { levels: ['IV'], everyMinutes: 60 },
    };
    const { alerter, duty, time } = setup({}, [rule]);
    const events = [wildfire, mineAccident, blizzard];

    for (const event of events) {
      await alerter.onScore(event, scoreOf(event, 'IV'));
      time.advance(10 * MINUTE);
    }
    const early = await alerter.flushDigests();
    time.advance(30 * MINUTE);
    const due = await alerter.flushDigests();

    expect(early).toEqual([]);
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({ channelId: 'duty', ruleId: 'all', reason: 'digest', status: 'sent' });
    expect(duty.sent.map((m) => [m.kind, m.title, m.entries.length])).toEqual([
      ['digest', '【预警汇总】3 条（蓝色 3）', 3],
    ]);
    for (const alert of alerter.alerts()) {
      expect(alert.deliveries.map((d) => d.status)).toEqual(['suppressed', 'sent']);
      expect(alert.deliveries[0]?.error).toBe(
        "EMW_ALERT_DIGEST: level IV goes to rule all's digest, due at 2024-03-14T10:15:00+08:00",
      );
    }
  });

  it('records a failed delivery with its error and reminds through it later', async () => {
    const broken = recorder('duty', { fail: '[emwatch] [channel duty] robot offline' });
    const time = clock();
    const alerter = createAlerter({
      rules: [dutyRule],
      channels: { duty: broken, leaders: recorder('leaders') },
      now: time.now,
      resendAfterMs: MINUTE,
    });

    const [alert] = await alerter.onScore(blizzard, scoreOf(blizzard, 'II'));
    time.advance(MINUTE);
    const tick = await alerter.tick();

    expect(alert?.deliveries).toEqual([
      {
        channelId: 'duty',
        at: '2024-03-14T09:15:00+08:00',
        status: 'failed',
        attempt: 1,
        error: '[emwatch] [channel duty] robot offline',
      },
    ]);
    expect(tick.reminded[0]?.deliveries.map((d) => [d.status, d.attempt])).toEqual([
      ['failed', 1],
      ['failed', 2],
    ]);
  });

  it('holds the excess of a rate-limited channel and sends it as one digest a minute later', async () => {
    const robot = recorder('duty', { maxPerMinute: 2 });
    const time = clock();
    const alerter = createAlerter({
      rules: [{ id: 'all', when: {}, route: { channels: ['duty'] } }],
      channels: { duty: robot },
      now: time.now,
    });
    const events = [1, 2, 3, 4].map((i) => ({ ...wildfire, id: `evt:2024-04-05:152526:wildfire-${i}` }));

    for (const event of events) await alerter.onScore(event, scoreOf(event, 'III'));
    time.advance(MINUTE);
    const digests = await alerter.flushDigests();

    expect(robot.sent.map((m) => [m.kind, m.entries.length])).toEqual([
      ['alert', 1],
      ['alert', 1],
      ['digest', 2],
    ]);
    expect(digests[0]).toMatchObject({
      reason: 'throttle',
      alertIds: ['alr:2024-04-05:152526:wildfire-3:III', 'alr:2024-04-05:152526:wildfire-4:III'],
    });
    expect(alerter.alerts()[2]?.deliveries[0]?.error).toBe(
      'EMW_ALERT_THROTTLED: duty takes at most 2 messages a minute; held for a digest at 2024-03-14T09:16:00+08:00',
    );
  });

  it('keeps test and exercise events out unless a rule includes them', async () => {
    const { alerter, duty } = setup();

    expect(await alerter.onScore(blizzard, scoreOf(blizzard, 'II'), { test: true })).toEqual([]);
    expect(duty.sent).toEqual([]);
  });

  it('routes to the channels of every matching rule, naming the first rule', async () => {
    const rules: AlertRule[] = [
      dutyRule,
      { id: 'snow', when: { types: ['snow-disaster'] }, route: { channels: ['leaders'] } },
    ];
    const { alerter, duty, leaders } = setup({}, rules);

    const [alert] = await alerter.onScore(blizzard, scoreOf(blizzard, 'II'));

    expect(alert?.ruleId).toBe('nmg-natural');
    expect(alert?.deliveries.map((d) => d.channelId)).toEqual(['duty', 'leaders']);
    expect([duty.sent.length, leaders.sent.length]).toEqual([1, 1]);
  });

  it('keeps one alert per level across a restart from stored alerts', async () => {
    const first = setup();
    const stored: Alert[] = await first.alerter.onScore(blizzard, scoreOf(blizzard, 'II'));
    const restarted = setup({ initialAlerts: stored });

    expect(await restarted.alerter.onScore(blizzard, scoreOf(blizzard, 'II'))).toEqual([]);
    expect((await restarted.alerter.onScore(blizzard, scoreOf(blizzard, 'I')))[0]?.previousAlertId).toBe(stored[0]!.id);
  });

  it('hands every new or changed alert to onChange', async () => {
    const changes: Alert[] = [];
    const { alerter, time } = setup({ onChange: (alert) => void changes.push(alert), resendAfterMs: MINUTE });

    const [alert] = await alerter.onScore(blizzard, scoreOf(blizzard, 'II'));
    time.advance(MINUTE);
    await alerter.tick();
    alerter.acknowledge(alert!.id, 'duty-officer-1');
    await new Promise((resolve) => setTimeout(resolve, 0));

    expect(changes.map((a) => [a.status, a.deliveries.length])).toEqual([
      ['open', 1],
      ['open', 2],
      ['acknowledged', 2],
    ]);
  });

  it('ticks by itself when given a timer', async () => {
    const timers: { callback: () => void; ms: number }[] = [];
    const { alerter, duty, time } = setup({
      resendAfterMs: 10 * MINUTE,
      setTimeout: (callback, ms) => void timers.push({ callback, ms }),
    });

    await alerter.onScore(blizzard, scoreOf(blizzard, 'II'));
    expect(timers.map((t) => t.ms)).toEqual([10 * MINUTE]);
    time.advance(10 * MINUTE);
    timers[0]!.callback();
    await new Promise((resolve) => setTimeout(resolve, 10));
    alerter.close();

    expect(duty.sent.map((m) => m.kind)).toEqual(['alert', 'reminder']);
  });

  it('refuses rules that route to a channel it does not have', () => {
    expect(() => createAlerter({ rules: [dutyRule], channels: { duty: recorder('duty') } })).toThrow(
      'rule 0 ("nmg-natural") route.escalateTo[0]: "leaders" is not a configured channel id (duty)',
    );
  });

  it('refuses a channel registered under another id', () => {
    expect(() => createAlerter({ rules: [], channels: { duty: recorder('dingtalk') } })).toThrow(
      'channel registered as "duty" has id "dingtalk"; use its id as the key',
    );
  });

  it('keeps at most maxAlerts in memory, forgetting the oldest', async () => {
    const { alerter } = setup({ maxAlerts: 3 }, [{ id: 'all', when: {}, route: { channels: ['duty'] } }]);
    const events = [1, 2, 3, 4, 5].map((i) => ({ ...wildfire, id: `evt:2024-04-05:152526:wildfire-${i}` }));

    for (const event of events) await alerter.onScore(event, scoreOf(event, 'III'));

    expect(alerter.alerts().map((a) => a.eventId)).toEqual(events.slice(2).map((e) => e.id));
  });

  it('writes English messages and titles when asked', async () => {
    const { alerter, duty } = setup({ lang: 'en' });

    const [alert] = await alerter.onScore(blizzard, scoreOf(blizzard, 'II'));

    expect(alert?.title).toBe('[Orange] Snow disaster in East Ujimqin Banner, Xilingol League');
    expect(duty.sent[0]?.lang).toBe('en');
  });
});

describe('createAlerter with the real scorer', () => {
  it('alerts on a scoreEvent result and takes burst records as evidence', async () => {
    const rule: AlertRule = {
      id: 'bursting-snow',
      when: { types: ['snow-disaster'], burst: true },
      route: { channels: ['duty'] },
    };
    const { alerter, duty } = setup({}, [rule]);
    const score = scoreEvent(blizzard, { region: regionNmg });
    const burst: Burst = {
      unit: '152525',
      type: 'snow-disaster',
      hourStart: '2024-03-14T09:00:00+08:00',
      observed: 41,
      expected: 2.5,
      pValue: 1e-12,
      z: 24.4,
      ratio: 16.4,
    };

    const quiet = await alerter.onScore(blizzard, score);
    const [alert] = await alerter.onScore(blizzard, score, { bursts: [burst] });

    expect(quiet).toEqual([]);
    expect(alert).toMatchObject({ level: score.level, color: score.color, score: score.score });
    expect(duty.sent[0]?.entries[0]?.reasons.length).toBeGreaterThan(0);
  });
});

describe('createAlerter with a real webhook', () => {
  let receiver: HttpReceiver | undefined;
  afterEach(async () => {
    await receiver?.close();
  });

  it('records every attempt of a retrying channel, then the dead letter', async () => {
    receiver = await startHttpReceiver();
    receiver.answer({ status: 500 }, { status: 502 }, { status: 503 });
    const timer = instantTimer();
    const hook = webhookChannel({
      id: 'hook',
      url: receiver.url('/emwatch'),
      secret: 'whsec-3f9a1c7e5b2d4680',
      maxAttempts: 3,
      setTimeout: timer.setTimeout,
    });
    const time = clock();
    const alerter = createAlerter({
      rules: [{ id: 'all', when: {}, route: { channels: ['hook'] } }],
      channels: { hook },
      now: time.now,
    });

    const [alert] = await alerter.onScore(mineAccident, scoreOf(mineAccident, 'I'));

    expect(alert?.deliveries.map((d) => [d.status, d.attempt, d.error?.match(/HTTP \d+/)?.[0]])).toEqual([
      ['failed', 1, 'HTTP 500'],
      ['failed', 2, 'HTTP 502'],
      ['failed', 3, 'HTTP 503'],
    ]);
    expect(hook.deadLetters()[0]?.message.entries[0]?.alertId).toBe(alert?.id);
  });
});
