import { EmwatchError } from '../errors.js';
import type { Event } from '../model/event.js';
import type { AuditEntry, Incident, IncidentState } from '../model/incident.js';
import { INCIDENT_STATES, incidentStateLabel } from '../model/incident.js';
import type { IsoDateTime } from '../model/iso-date-time.js';
import type { RiskScore } from '../model/risk-score.js';
import { isResponseLevel, type ResponseLevel } from '../model/taxonomy.js';
import { DEFAULT_TIME_ZONE, formatOffsetDateTime } from './_internal/local-time.js';

/**
 * What can be done to an incident. State changes: `verify` (start 核实), `respond` (start 处置),
 * `monitor` (持续关注), `close` (办结), `dismiss` (排除), `reopen`. Other records: `assign` (to a
 * person or a department), `note`, `link` (to another event or incident), `regrade` (new level).
 */
export type IncidentAction =
  'verify' | 'respond' | 'monitor' | 'close' | 'dismiss' | 'reopen' | 'assign' | 'note' | 'link' | 'regrade';

/** Particulars of an action. */
export interface TransitionDetails {
  /** Why (kept in the audit log); required for `dismiss` and `reopen`. */
  readonly reason?: string;
  /** For `assign`: the person's user id or the department's id. */
  readonly assignee?: string;
  /** For `assign`: whether the assignee is a person (default) or a department. */
  readonly assigneeKind?: 'person' | 'department';
  /** For `note`: the text. */
  readonly text?: string;
  /** For `link`: the id of the related event or incident. */
  readonly linkTo?: string;
  /** For `regrade`: the new level. */
  readonly level?: ResponseLevel;
}

/** One deadline: minutes allowed in a state at a level, and why that many. */
export interface IncidentDeadline {
  readonly minutes: number;
  readonly reason: string;
}

/** Deadlines by state (the non-terminal ones) and level. */
export type IncidentDeadlineTable = Readonly<
  Record<Exclude<IncidentState, 'closed' | 'dismissed'>, Readonly<Record<ResponseLevel, IncidentDeadline>>>
>;

/** Options of {@link createIncident} and {@link transition}. */
export interface IncidentOptions {
  /** Deadlines to use instead of {@link INCIDENT_DEADLINES}. */
  readonly deadlines?: IncidentDeadlineTable;
  /** Zone of the times written; `'Asia/Shanghai'` by default. */
  readonly timeZone?: string;
}

/** Whether an incident is late for its current step. */
export interface IncidentOverdue {
  readonly overdue: boolean;
  /** The state whose deadline it is. */
  readonly state: IncidentState;
  /** The deadline, absent when there is none (closed, dismissed, or no level). */
  readonly deadline?: IsoDateTime;
  /** Whole minutes past the deadline, 0 when not overdue. */
  readonly minutesLate: number;
}

const REPORT_RULE = '重大、特别重大突发事件通行要求事发后 30 分钟内电话报告、1 小时内书面报告';

/**
 * How long each step may take, by level, with the reason. Defaults chosen after the reporting
 * time limits common to provincial 突发事件信息报送 rules (重大、特别重大: by telephone within 30
 * minutes, in writing within 1 hour) and the one-hour report of 《生产安全事故报告和调查处理条例》
 * art. 9; the lower levels get proportionally more time. They are configuration: pass your own
 * table through `options.deadlines`.
 *
 * @example
 * ```ts
 * INCIDENT_DEADLINES.verifying.II.minutes; // 30
 * ```
 */
export const INCIDENT_DEADLINES: IncidentDeadlineTable = {
  reported: {
    I: { minutes: 10, reason: `接报即核实：${REPORT_RULE}，核实须先于电话报告完成` },
    II: { minutes: 15, reason: `接报即核实：${REPORT_RULE}，核实须先于电话报告完成` },
    III: { minutes: 30, reason: '较大事件当日须上报，半小时内开始核实' },
    IV: { minutes: 60, reason: '一般事件一小时内开始核实，不挤占较大以上事件' },
  },
  verifying: {
    I: { minutes: 30, reason: `研判结论即电话报告内容：${REPORT_RULE}` },
    II: { minutes: 30, reason: `研判结论即电话报告内容：${REPORT_RULE}` },
    III: { minutes: 60, reason: '较大事件一小时内完成研判，决定处置或排除' },
    IV: { minutes: 120, reason: '一般事件两小时内完成研判' },
  },
  responding: {
    I: {
      minutes: 60,
      reason: `进入处置后报送书面报告并持续续报：${REPORT_RULE}；《生产安全事故报告和调查处理条例》第九条亦为 1 小时`,
    },
    II: {
      minutes: 60,
      reason: `进入处置后报送书面报告并持续续报：${REPORT_RULE}；《生产安全事故报告和调查处理条例》第九条亦为 1 小时`,
    },
    III: { minutes: 120, reason: '较大事件两小时内书面报告处置进展' },
    IV: { minutes: 240, reason: '一般事件四小时内报告处置进展' },
  },
  monitoring: {
    I: { minutes: 240, reason: '特别重大事件转入持续关注后每 4 小时复核一次' },
    II: { minutes: 480, reason: '重大事件转入持续关注后每 8 小时复核一次' },
    III: { minutes: 1440, reason: '持续关注的事件实行日报制度，每日复核' },
    IV: { minutes: 1440, reason: '持续关注的事件实行日报制度，每日复核' },
  },
};

/** Which state each state-changing action leads to, and from which states it is allowed. */
const MOVES: Readonly<Record<string, { readonly from: readonly IncidentState[]; readonly to: IncidentState }>> = {
  verify: { from: ['reported'], to: 'verifying' },
  // Straight to 处置 from 已接报 when the facts are plain (an official report of a disaster);
  // back to 处置 from 持续关注 when the event flares up again.
  respond: { from: ['reported', 'verifying', 'monitoring'], to: 'responding' },
  monitor: { from: ['verifying', 'responding'], to: 'monitoring' },
  close: { from: ['responding', 'monitoring'], to: 'closed' },
  dismiss: { from: ['reported', 'verifying'], to: 'dismissed' },
  reopen: { from: ['closed', 'dismissed'], to: 'verifying' },
};

const MAX_TEXT = 4000;
const MAX_ID = 200;

/**
 * Opens an incident for an event: state 已接报 (reported), the level of its risk score, the
 * deadline for starting verification, and the first audit entry.
 *
 * @example
 * ```ts
 * const incident = createIncident(event, score, new Date('2024-03-14T01:20:00Z'));
 * incident.state; // 'reported'
 * incident.deadline; // '2024-03-14T09:35:00+08:00' (level II: 15 minutes)
 * ```
 */
export function createIncident(
  event: Event,
  score: RiskScore | null,
  now: Date | string,
  options: IncidentOptions & { readonly id?: string; readonly actor?: string } = {},
): Incident {
  const at = instant(now, event.id);
  const actor = checkId(options.actor ?? 'system', 'actor', event.id);
  const stamp = formatOffsetDateTime(at, options.timeZone ?? DEFAULT_TIME_ZONE);
  const level = score?.level;
  const deadline = level ? deadlineAfter(at, 'reported', level, options) : undefined;
  return {
    id: options.id ?? `inc:${event.id.replace(/^evt:/, '')}`,
    eventId: event.id,
    title: event.title,
    state: 'reported',
    ...(level ? { level } : {}),
    createdAt: stamp,
    updatedAt: stamp,
    ...(deadline ? { deadline } : {}),
    notes: [],
    audit: [
      {
        at: stamp,
        actor,
        action: 'create',
        to: 'reported',
        ...(score ? { detail: `风险评分 ${score.score}，${level} 级（${score.color}）` } : {}),
      },
    ],
  };
}

/**
 * Applies one action to an incident and returns the new incident; the old one is untouched. Every
 * action appends one audit entry (who, when, from, to, why). An action the current state does not
 * allow throws `EMW_INCIDENT_TRANSITION` naming both; `dismiss` and `reopen` need a reason.
 * Entering a state sets the deadline for it from the level (see {@link INCIDENT_DEADLINES}).
 *
 * @example
 * ```ts
 * let incident = createIncident(event, score, now);
 * incident = transition(incident, 'assign', 'duty-lead', now, { assignee: 'dept:xlgl-yjj', assigneeKind: 'department' });
 * incident = transition(incident, 'verify', 'duty-officer-1', later);
 * incident = transition(incident, 'dismiss', 'duty-officer-1', later, { reason: '经核实为演练' });
 * transition(incident, 'close', 'duty-officer-1', later); // throws: cannot close … 已排除 (dismissed)
 * ```
 */
export function transition(
  incident: Incident,
  action: IncidentAction,
  actor: string,
  now: Date | string,
  details: TransitionDetails = {},
  options: IncidentOptions = {},
): Incident {
  const at = instant(now, incident.id);
  const who = checkId(actor, 'actor', incident.id);
  const lastAt = Date.parse(incident.audit[incident.audit.length - 1]?.at ?? incident.createdAt);
  if (at.getTime() < lastAt) {
    throw new EmwatchError(
      'EMW_INCIDENT_TIME',
      `[emwatch] [incident ${incident.id}] ${action} at ${at.toISOString()} is earlier than the last audit entry; the log only grows forward`,
    );
  }
  const stamp = formatOffsetDateTime(at, options.timeZone ?? DEFAULT_TIME_ZONE);
  const reason = clean(details.reason);
  const fail = (why: string): never => {
    throw new EmwatchError('EMW_INCIDENT_TRANSITION', `[emwatch] [incident ${incident.id}] cannot ${action} ${why}`);
  };
  const stateText = `${incidentStateLabel(incident.state)} (${incident.state})`;
  const terminal = INCIDENT_STATES[incident.state].terminal;
  const append = (entry: Omit<AuditEntry, 'at' | 'actor'>, change: Partial<Incident> = {}): Incident => ({
    ...incident,
    ...change,
    updatedAt: stamp,
    audit: [
      ...incident.audit,
      { at: stamp, actor: who, ...entry, ...(entry.detail ? {} : reason ? { detail: reason } : {}) },
    ],
  });

  const move = MOVES[action];
  if (move) {
    if (!move.from.includes(incident.state)) {
      fail(`from ${stateText}: ${action} is allowed from ${move.from.join(', ')}`);
    }
    if ((action === 'dismiss' || action === 'reopen') && !reason) fail(`without a reason: say why in details.reason`);
    const deadline = incident.level ? deadlineAfter(at, move.to, incident.level, options) : undefined;
    const { deadline: _previous, ...rest } = incident;
    void _previous;
    return {
      ...rest,
      state: move.to,
      updatedAt: stamp,
      ...(deadline ? { deadline } : {}),
      audit: [
        ...incident.audit,
        {
          at: stamp,
          actor: who,
          action: 'transition',
          from: incident.state,
          to: move.to,
          ...(reason ? { detail: reason } : {}),
        },
      ],
    };
  }

  switch (action) {
    case 'assign': {
      if (terminal) fail(`in ${stateText}: reopen it first`);
      const assignee = checkId(details.assignee, 'details.assignee', incident.id);
      const kind = details.assigneeKind ?? 'person';
      if (kind !== 'person' && kind !== 'department')
        fail(`with assigneeKind ${JSON.stringify(kind)}: use person or department`);
      return append(
        { action: 'assign', ...(incident.assignee ? { from: incident.assignee } : {}), to: assignee },
        { assignee, assigneeKind: kind },
      );
    }
    case 'note': {
      const text = clean(details.text);
      if (!text) fail('without text: put the note in details.text');
      return {
        ...append({ action: 'note', detail: text! }),
        notes: [...incident.notes, { at: stamp, author: who, text: text! }],
      };
    }
    case 'link': {
      const target = checkId(details.linkTo, 'details.linkTo', incident.id);
      return append({ action: 'link', to: target });
    }
    case 'regrade': {
      if (terminal) fail(`in ${stateText}: reopen it first`);
      if (!isResponseLevel(details.level))
        fail(`to ${JSON.stringify(details.level)}: details.level must be IV, III, II or I`);
      const level = details.level as ResponseLevel;
      // The clock of the current step keeps running from when the step began; only its length changes.
      const deadline = deadlineAfter(new Date(stateEnteredAt(incident)), incident.state, level, options);
      return append(
        { action: 'regrade', ...(incident.level ? { from: incident.level } : {}), to: level },
        { level, ...(deadline ? { deadline } : {}) },
      );
    }
    default:
      return fail(`: unknown action ${JSON.stringify(String(action).slice(0, 40))}`);
  }
}

/**
 * Tells whether an incident is late for its current step, and by how much.
 *
 * @example
 * ```ts
 * overdue(incident, new Date('2024-03-14T01:50:00Z'));
 * // { overdue: true, state: 'reported', deadline: '2024-03-14T09:35:00+08:00', minutesLate: 15 }
 * ```
 */
export function overdue(incident: Incident, now: Date | string): IncidentOverdue {
  const at = instant(now, incident.id);
  if (INCIDENT_STATES[incident.state].terminal || !incident.deadline) {
    return { overdue: false, state: incident.state, minutesLate: 0 };
  }
  const late = at.getTime() - Date.parse(incident.deadline);
  return {
    overdue: late > 0,
    state: incident.state,
    deadline: incident.deadline,
    minutesLate: late > 0 ? Math.floor(late / 60_000) : 0,
  };
}

function deadlineAfter(
  start: Date,
  state: IncidentState,
  level: ResponseLevel,
  options: IncidentOptions,
): IsoDateTime | undefined {
  if (state === 'closed' || state === 'dismissed') return undefined;
  const minutes = (options.deadlines ?? INCIDENT_DEADLINES)[state][level].minutes;
  return formatOffsetDateTime(new Date(start.getTime() + minutes * 60_000), options.timeZone ?? DEFAULT_TIME_ZONE);
}

/** When the current state began: the last transition into it, else the creation. */
function stateEnteredAt(incident: Incident): IsoDateTime {
  for (let i = incident.audit.length - 1; i >= 0; i--) {
    const entry = incident.audit[i]!;
    if (entry.action === 'transition' || entry.action === 'create') return entry.at;
  }
  return incident.createdAt;
}

function instant(value: Date | string, id: string): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new EmwatchError(
      'EMW_INCIDENT_TIME',
      `[emwatch] [incident ${id}] ${JSON.stringify(String(value).slice(0, 40))} is not a time`,
    );
  }
  return date;
}

function checkId(value: unknown, name: string, id: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_ID) {
    throw new EmwatchError(
      'EMW_INCIDENT_INPUT',
      `[emwatch] [incident ${id}] ${name} must be an id of 1–${MAX_ID} characters`,
    );
  }
  return value;
}

function clean(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  return trimmed.length > MAX_TEXT ? `${trimmed.slice(0, MAX_TEXT - 1)}…` : trimmed;
}
