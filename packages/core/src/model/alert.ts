import type { IsoDateTime } from './iso-date-time.js';
import type { ResponseLevel, WarningColor } from './taxonomy.js';

/**
 * The states of an alert's life.
 *
 * @example
 * ```ts
 * ALERT_STATUSES.includes('acknowledged'); // true
 * ```
 */
export const ALERT_STATUSES = ['open', 'acknowledged', 'escalated', 'resolved'] as const;

/**
 * Where an alert stands: `open` (raised, nobody has acknowledged it), `acknowledged` (a person
 * took it), `escalated` (not acknowledged in time, sent up the escalation chain), `resolved`.
 */
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Outcome of one delivery attempt. */
export type AlertDeliveryStatus = 'sent' | 'failed' | 'suppressed';

/** One attempt to deliver an alert through one channel. */
export interface AlertDelivery {
  /** Id of the configured channel, e.g. `'dingtalk-duty-room'`. */
  readonly channelId: string;
  /** When the attempt finished (ISO 8601 with offset). */
  readonly at: IsoDateTime;
  /** `sent`: the channel accepted it; `failed`: it did not; `suppressed`: throttling or quiet hours held it back. */
  readonly status: AlertDeliveryStatus;
  /** Attempt number for this channel, starting at 1. */
  readonly attempt: number;
  /** Why the attempt failed or was suppressed (an emwatch message with its code); absent when sent. */
  readonly error?: string;
}

/**
 * A notification raised by an alert rule about one event, and what became of it.
 *
 * @example
 * ```ts
 * const alert: Alert = {
 *   id: 'alr:01HV…',
 *   eventId: 'evt:2024-04-05:152526:wildfire',
 *   ruleId: 'wildfire-yellow',
 *   level: 'III',
 *   color: 'yellow',
 *   score: 58,
 *   title: '【黄色】西乌旗草原火灾',
 *   createdAt: '2024-04-05T18:03:01+08:00',
 *   status: 'open',
 *   escalations: 0,
 *   deliveries: [{ channelId: 'dingtalk-duty-room', at: '2024-04-05T18:03:02+08:00', status: 'sent', attempt: 1 }],
 * };
 * ```
 */
export interface Alert {
  /** Unique identifier of the alert. */
  readonly id: string;
  /** Id of the event the alert is about. */
  readonly eventId: string;
  /** Id of the rule that raised it. */
  readonly ruleId: string;
  /** Response level at the time the alert was raised. */
  readonly level: ResponseLevel;
  /** Warning colour of `level`. */
  readonly color: WarningColor;
  /** Risk score (0–100) at the time the alert was raised. */
  readonly score: number;
  /** Message headline as delivered, e.g. `'【黄色】西乌旗草原火灾'`. */
  readonly title: string;
  /** When the alert was raised (ISO 8601 with offset). */
  readonly createdAt: IsoDateTime;
  /** Where the alert stands. */
  readonly status: AlertStatus;
  /** When a person acknowledged it (ISO 8601 with offset); absent until then. */
  readonly acknowledgedAt?: IsoDateTime;
  /** Id of the user who acknowledged it; absent until then. */
  readonly acknowledgedBy?: string;
  /** What the person who acknowledged it wrote, e.g. `'已电话联系西乌旗应急局'`; absent when nothing was written. */
  readonly acknowledgementNote?: string;
  /** Id of the lower-level alert about the same event that this one supersedes (the event's level rose); absent for the first. */
  readonly previousAlertId?: string;
  /** How many times the alert has been escalated, 0 if never. */
  readonly escalations: number;
  /** Every delivery attempt, oldest first. */
  readonly deliveries: readonly AlertDelivery[];
}
