import type { IsoDateTime } from './iso-date-time.js';
import type { LabelLanguage, ResponseLevel } from './taxonomy.js';

/**
 * The states of the incident-handling workflow, in workflow order.
 *
 * @example
 * ```ts
 * INCIDENT_STATE_IDS[0]; // 'reported'
 * ```
 */
export const INCIDENT_STATE_IDS = ['reported', 'verifying', 'responding', 'monitoring', 'closed', 'dismissed'] as const;

/**
 * Where an incident stands: `reported` (已接报), `verifying` (核实中), `responding` (处置中),
 * `monitoring` (持续关注), `closed` (已办结) or `dismissed` (已排除, found not to be real or not ours).
 */
export type IncidentState = (typeof INCIDENT_STATE_IDS)[number];

/** Definition of one incident state. */
export interface IncidentStateDefinition {
  /** The state id. */
  readonly id: IncidentState;
  /** Chinese name, e.g. `'核实中'`. */
  readonly zh: string;
  /** English name, e.g. `'Verifying'`. */
  readonly en: string;
  /** True for the end states (`closed`, `dismissed`). */
  readonly terminal: boolean;
}

/**
 * Every incident state with its names.
 *
 * @example
 * ```ts
 * INCIDENT_STATES.responding.zh; // '处置中'
 * ```
 */
export const INCIDENT_STATES: Readonly<Record<IncidentState, IncidentStateDefinition>> = {
  reported: { id: 'reported', zh: '已接报', en: 'Reported', terminal: false },
  verifying: { id: 'verifying', zh: '核实中', en: 'Verifying', terminal: false },
  responding: { id: 'responding', zh: '处置中', en: 'Responding', terminal: false },
  monitoring: { id: 'monitoring', zh: '持续关注', en: 'Monitoring', terminal: false },
  closed: { id: 'closed', zh: '已办结', en: 'Closed', terminal: true },
  dismissed: { id: 'dismissed', zh: '已排除', en: 'Dismissed', terminal: true },
};

/**
 * Tells whether a value is one of the incident states.
 *
 * @example
 * ```ts
 * isIncidentState('verifying'); // true
 * ```
 */
export function isIncidentState(value: unknown): value is IncidentState {
  return typeof value === 'string' && (INCIDENT_STATE_IDS as readonly string[]).includes(value);
}

/**
 * Returns the display name of an incident state; zh-CN by default.
 *
 * @example
 * ```ts
 * incidentStateLabel('monitoring'); // '持续关注'
 * incidentStateLabel('monitoring', 'en'); // 'Monitoring'
 * ```
 */
export function incidentStateLabel(state: IncidentState, lang: LabelLanguage = 'zh-CN'): string {
  return lang === 'en' ? INCIDENT_STATES[state].en : INCIDENT_STATES[state].zh;
}

/** What an audit entry records. */
export type AuditAction = 'create' | 'transition' | 'assign' | 'note' | 'link' | 'regrade';

/** One line of an incident's audit log. Entries are only ever appended. */
export interface AuditEntry {
  /** When it happened (ISO 8601 with offset). */
  readonly at: IsoDateTime;
  /** Id of the user who did it, or `'system'`. */
  readonly actor: string;
  /** `create`, a state `transition`, an `assign`ment, a `note`, a `link` to another event or incident, or a `regrade` (new response level). */
  readonly action: AuditAction;
  /** State before a `transition`; for `assign`, the previous assignee; for `regrade`, the previous level. */
  readonly from?: string;
  /** State after a `transition`; for `assign`, the new assignee; for `link`, the linked id; for `regrade`, the new level. */
  readonly to?: string;
  /** Free text: the note, or the reason given for the action. */
  readonly detail?: string;
}

/** A remark written on an incident. */
export interface IncidentNote {
  /** When it was written (ISO 8601 with offset). */
  readonly at: IsoDateTime;
  /** Id of the user who wrote it. */
  readonly author: string;
  /** The note, plain text. */
  readonly text: string;
}

/**
 * An event taken up by the duty room for handling, with its workflow state and audit log.
 *
 * @example
 * ```ts
 * const incident: Incident = {
 *   id: 'inc:2024-0405-001',
 *   eventId: 'evt:2024-04-05:152526:wildfire',
 *   title: '西乌旗草原火灾',
 *   state: 'verifying',
 *   assignee: 'duty-officer-1',
 *   createdAt: '2024-04-05T18:05:00+08:00',
 *   updatedAt: '2024-04-05T18:07:00+08:00',
 *   deadline: '2024-04-05T18:35:00+08:00',
 *   notes: [],
 *   audit: [
 *     { at: '2024-04-05T18:05:00+08:00', actor: 'duty-officer-1', action: 'create' },
 *     { at: '2024-04-05T18:07:00+08:00', actor: 'duty-officer-1', action: 'transition', from: 'reported', to: 'verifying' },
 *   ],
 * };
 * ```
 */
export interface Incident {
  /** Unique identifier of the incident. */
  readonly id: string;
  /** Id of the event being handled. */
  readonly eventId: string;
  /** Headline, initially the event's title. */
  readonly title: string;
  /** Where the incident stands in the workflow. */
  readonly state: IncidentState;
  /** Id of the user responsible; absent while unassigned. */
  readonly assignee?: string;
  /** Whether `assignee` is a person (a user id) or a department (e.g. `'dept:xlgl-yjj'`, 锡盟应急管理局); `'person'` when absent. */
  readonly assigneeKind?: 'person' | 'department';
  /** Response level the incident is handled at (sets its deadlines); absent for incidents opened without a score. */
  readonly level?: ResponseLevel;
  /** When the incident was opened (ISO 8601 with offset). */
  readonly createdAt: IsoDateTime;
  /** When anything about it last changed (ISO 8601 with offset). */
  readonly updatedAt: IsoDateTime;
  /** When the current step must be done by, e.g. the reporting deadline (ISO 8601 with offset). */
  readonly deadline?: IsoDateTime;
  /** Remarks written on the incident, oldest first. */
  readonly notes: readonly IncidentNote[];
  /** Everything done to the incident, oldest first, append-only. */
  readonly audit: readonly AuditEntry[];
}
