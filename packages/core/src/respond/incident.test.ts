import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mineAccident, scoreOf, wildfire } from '../../test/fixtures/respond/samples.js';
import type { EmwatchError } from '../errors.js';
import { INCIDENT_STATE_IDS, type Incident } from '../model/incident.js';
import { RESPONSE_LEVELS } from '../model/taxonomy.js';
import { createIncident, INCIDENT_DEADLINES, overdue, transition, type IncidentAction } from './incident.js';

const T0 = '2024-02-22T13:40:00+08:00';
const minutes = (n: number): string => new Date(Date.parse(T0) + n * 60_000).toISOString();

const opened = (): Incident => createIncident(mineAccident, scoreOf(mineAccident, 'II'), T0);

describe('createIncident', () => {
  it('opens a reported incident with its level, deadline and first audit entry', () => {
    expect(opened()).toEqual({
      id: 'inc:2024-02-22:150602:mining',
      eventId: mineAccident.id,
      title: '东胜区一煤矿发生冒顶事故 3人遇难',
      state: 'reported',
      level: 'II',
      createdAt: '2024-02-22T13:40:00+08:00',
      updatedAt: '2024-02-22T13:40:00+08:00',
      deadline: '2024-02-22T13:55:00+08:00',
      notes: [],
      audit: [
        {
          at: '2024-02-22T13:40:00+08:00',
          actor: 'system',
          action: 'create',
          to: 'reported',
          detail: '风险评分 69，II 级（orange）',
        },
      ],
    });
  });

  it('opens an incident without a score and so without a deadline', () => {
    const incident = createIncident(wildfire, null, T0, { actor: 'duty-officer-1' });
    expect([incident.level, incident.deadline, incident.audit[0]?.actor]).toEqual([
      undefined,
      undefined,
      'duty-officer-1',
    ]);
  });
});

describe('transition', () => {
  it('walks the workflow 已接报 → 核实中 → 处置中 → 持续关注 → 已办结, auditing every step', () => {
    let incident = opened();
    incident = transition(incident, 'verify', 'duty-officer-1', minutes(5));
    incident = transition(incident, 'respond', 'duty-officer-1', minutes(20), {
      reason: '矿方确认 3 人遇难，启动Ⅱ级响应',
    });
    incident = transition(incident, 'monitor', 'duty-lead', minutes(200));
    incident = transition(incident, 'close', 'duty-lead', minutes(1500), { reason: '善后完成' });

    expect(incident.state).toBe('closed');
    expect(incident.deadline).toBeUndefined();
    expect(incident.audit.slice(1)).toEqual([
      {
        at: '2024-02-22T13:45:00+08:00',
        actor: 'duty-officer-1',
        action: 'transition',
        from: 'reported',
        to: 'verifying',
      },
      {
        at: '2024-02-22T14:00:00+08:00',
        actor: 'duty-officer-1',
        action: 'transition',
        from: 'verifying',
        to: 'responding',
        detail: '矿方确认 3 人遇难，启动Ⅱ级响应',
      },
      {
        at: '2024-02-22T17:00:00+08:00',
        actor: 'duty-lead',
        action: 'transition',
        from: 'responding',
        to: 'monitoring',
      },
      {
        at: '2024-02-23T14:40:00+08:00',
        actor: 'duty-lead',
        action: 'transition',
        from: 'monitoring',
        to: 'closed',
        detail: '善后完成',
      },
    ]);
  });

  it('sets the deadline of each step from the level: assess within 30 minutes at level II', () => {
    const verifying = transition(opened(), 'verify', 'a', minutes(5));
    const responding = transition(verifying, 'respond', 'a', minutes(20));

    expect(verifying.deadline).toBe('2024-02-22T14:15:00+08:00');
    expect(responding.deadline).toBe('2024-02-22T15:00:00+08:00');
  });

  it('never changes the incident it was given', () => {
    const incident = opened();
    const copy = structuredClone(incident);
    transition(incident, 'verify', 'a', minutes(1));
    expect(incident).toEqual(copy);
  });

  it('throws naming state and action for an illegal transition', () => {
    const closed = transition(transition(opened(), 'respond', 'a', minutes(1)), 'close', 'a', minutes(2));

    expect(() => transition(opened(), 'close', 'a', minutes(1))).toThrow(
      '[emwatch] [incident inc:2024-02-22:150602:mining] cannot close from 已接报 (reported): close is allowed from responding, monitoring',
    );
    expect(() => transition(closed, 'verify', 'a', minutes(3))).toThrow('cannot verify from 已办结 (closed)');
    expect(() => transition(closed, 'assign', 'a', minutes(3), { assignee: 'b' })).toThrow(
      'cannot assign in 已办结 (closed): reopen it first',
    );
  });

  it('allows exactly the documented moves from each state', () => {
    const moves: IncidentAction[] = ['verify', 'respond', 'monitor', 'close', 'dismiss', 'reopen'];
    const allowed = (state: Incident['state']) =>
      moves.filter((action) => {
        try {
          transition({ ...opened(), state }, action, 'a', minutes(1), { reason: 'r' });
          return true;
        } catch (error) {
          expect((error as EmwatchError).code).toBe('EMW_INCIDENT_TRANSITION');
          return false;
        }
      });
    expect(Object.fromEntries(INCIDENT_STATE_IDS.map((state) => [state, allowed(state)]))).toEqual({
      reported: ['verify', 'respond', 'dismiss'],
      verifying: ['respond', 'monitor', 'dismiss'],
      responding: ['monitor', 'close'],
      monitoring: ['respond', 'close'],
      closed: ['reopen'],
      dismissed: ['reopen'],
    });
  });

  it('requires a reason to dismiss or reopen', () => {
    expect(() => transition(opened(), 'dismiss', 'a', minutes(1))).toThrow(
      'cannot dismiss without a reason: say why in details.reason',
    );
    const dismissed = transition(opened(), 'dismiss', 'a', minutes(1), { reason: '经核实为应急演练' });
    expect(() => transition(dismissed, 'reopen', 'a', minutes(2), { reason: '  ' })).toThrow(
      'cannot reopen without a reason',
    );
  });

  it('reopens a dismissed incident into verification with a fresh deadline', () => {
    const dismissed = transition(opened(), 'dismiss', 'a', minutes(1), { reason: '经核实为应急演练' });
    const reopened = transition(dismissed, 'reopen', 'duty-lead', minutes(60), { reason: '当地媒体确认有人员伤亡' });

    expect(reopened.state).toBe('verifying');
    expect(reopened.deadline).toBe('2024-02-22T15:10:00+08:00');
    expect(reopened.audit.at(-1)).toEqual({
      at: '2024-02-22T14:40:00+08:00',
      actor: 'duty-lead',
      action: 'transition',
      from: 'dismissed',
      to: 'verifying',
      detail: '当地媒体确认有人员伤亡',
    });
  });

  it('assigns to a person or a department and records the previous assignee', () => {
    const first = transition(opened(), 'assign', 'duty-lead', minutes(1), { assignee: 'duty-officer-1' });
    const second = transition(first, 'assign', 'duty-lead', minutes(2), {
      assignee: 'dept:ordos-yjj',
      assigneeKind: 'department',
      reason: '移交鄂尔多斯市应急管理局',
    });

    expect([first.assignee, first.assigneeKind]).toEqual(['duty-officer-1', 'person']);
    expect([second.assignee, second.assigneeKind]).toEqual(['dept:ordos-yjj', 'department']);
    expect(second.audit.at(-1)).toEqual({
      at: '2024-02-22T13:42:00+08:00',
      actor: 'duty-lead',
      action: 'assign',
      from: 'duty-officer-1',
      to: 'dept:ordos-yjj',
      detail: '移交鄂尔多斯市应急管理局',
    });
  });

  it('keeps notes, also on closed incidents, and audits them', () => {
    const closed = transition(transition(opened(), 'respond', 'a', minutes(1)), 'close', 'a', minutes(2));
    const noted = transition(closed, 'note', 'analyst-2', minutes(3), { text: '事故调查报告已公布' });

    expect(noted.notes).toEqual([{ at: '2024-02-22T13:43:00+08:00', author: 'analyst-2', text: '事故调查报告已公布' }]);
    expect(noted.audit.at(-1)).toMatchObject({ action: 'note', detail: '事故调查报告已公布' });
    expect(() => transition(closed, 'note', 'a', minutes(3), { text: ' ' })).toThrow('cannot note without text');
  });

  it('links a related event', () => {
    const linked = transition(opened(), 'link', 'a', minutes(1), { linkTo: 'evt:2024-02-22:150602:hazchem' });
    expect(linked.audit.at(-1)).toMatchObject({ action: 'link', to: 'evt:2024-02-22:150602:hazchem' });
  });

  it('regrades the level, keeping the clock of the current step and shortening its deadline', () => {
    const verifying = transition(
      createIncident(mineAccident, scoreOf(mineAccident, 'III'), T0),
      'verify',
      'a',
      minutes(5),
    );
    const regraded = transition(verifying, 'regrade', 'duty-lead', minutes(10), {
      level: 'I',
      reason: '死亡人数升至 12 人',
    });

    expect(verifying.deadline).toBe('2024-02-22T14:45:00+08:00');
    expect(regraded.level).toBe('I');
    expect(regraded.deadline).toBe('2024-02-22T14:15:00+08:00');
    expect(regraded.audit.at(-1)).toMatchObject({
      action: 'regrade',
      from: 'III',
      to: 'I',
      detail: '死亡人数升至 12 人',
    });
    expect(() => transition(verifying, 'regrade', 'a', minutes(11), { level: 'V' as never })).toThrow(
      'details.level must be IV, III, II or I',
    );
  });

  it('refuses a time earlier than the last audit entry, and no actor', () => {
    const verifying = transition(opened(), 'verify', 'a', minutes(10));
    expect(() => transition(verifying, 'respond', 'a', minutes(5))).toThrow(/earlier than the last audit entry/);
    expect(() => transition(verifying, 'respond', '', minutes(11))).toThrow('actor must be an id of 1–200 characters');
    expect(() => transition(verifying, 'respond', 'a', 'yesterday')).toThrow('"yesterday" is not a time');
  });

  it('only ever appends to the audit log', () => {
    let incident = opened();
    const actions: [IncidentAction, object][] = [
      ['assign', { assignee: 'x' }],
      ['verify', {}],
      ['note', { text: 'n' }],
      ['respond', {}],
      ['regrade', { level: 'I' }],
      ['close', {}],
    ];
    actions.forEach(([action, details], i) => {
      const before = incident.audit;
      incident = transition(incident, action, 'a', minutes(i + 1), details);
      expect(incident.audit.slice(0, before.length)).toEqual(before);
      expect(incident.audit).toHaveLength(before.length + 1);
    });
  });
});

describe('overdue', () => {
  it('flags an incident past the deadline of its step, with the minutes late', () => {
    const incident = opened();
    expect(overdue(incident, minutes(15))).toEqual({
      overdue: false,
      state: 'reported',
      deadline: '2024-02-22T13:55:00+08:00',
      minutesLate: 0,
    });
    expect(overdue(incident, minutes(40))).toEqual({
      overdue: true,
      state: 'reported',
      deadline: '2024-02-22T13:55:00+08:00',
      minutesLate: 25,
    });
  });

  it('never flags a closed or dismissed incident', () => {
    const dismissed = transition(opened(), 'dismiss', 'a', minutes(1), { reason: '重复' });
    expect(overdue(dismissed, minutes(10_000))).toEqual({ overdue: false, state: 'dismissed', minutesLate: 0 });
  });
});

describe('INCIDENT_DEADLINES', () => {
  it('gives every step less time at a higher level, each with a reason', () => {
    for (const [state, byLevel] of Object.entries(INCIDENT_DEADLINES)) {
      const limits = RESPONSE_LEVELS.map((level) => byLevel[level].minutes);
      expect(limits, state).toEqual([...limits].sort((a, b) => b - a));
      for (const level of RESPONSE_LEVELS) expect(byLevel[level].reason.length, `${state} ${level}`).toBeGreaterThan(5);
    }
    expect(INCIDENT_DEADLINES.verifying.II.minutes).toBe(30);
    expect(INCIDENT_DEADLINES.verifying.I.minutes).toBe(30);
  });
});

describe('docs/risk-and-alerts.md', () => {
  it('shows the deadlines INCIDENT_DEADLINES holds', () => {
    const doc = readFileSync(new URL('../../../../docs/risk-and-alerts.md', import.meta.url), 'utf8');
    const table = doc.split('<!-- incident-deadlines -->')[1]!.split('<!-- /incident-deadlines -->')[0]!;
    const rows = table
      .split('\n')
      .filter((line) => /^\| \S+ (→|->)/.test(line))
      .map((line) =>
        line
          .split('|')
          .slice(2, 6)
          .map((cell) => Number(cell.trim())),
      );
    const states = ['reported', 'verifying', 'responding', 'monitoring'] as const;
    expect(rows).toEqual(
      states.map((state) =>
        (['I', 'II', 'III', 'IV'] as const).map((level) => INCIDENT_DEADLINES[state][level].minutes),
      ),
    );
  });
});
