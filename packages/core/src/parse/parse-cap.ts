import type { CollectorIssueCode } from '../collect/issue-codes.js';
import type { ParseOptions } from '../collect/collector.js';
import { EmwatchError } from '../errors.js';
import type { IsoDateTime } from '../model/iso-date-time.js';
import type { RegionPack } from '../model/region-pack.js';
import type { CapMsgType, CapStatus, WarningArea } from '../model/signal.js';
import type { CapSeverity, WarningColor } from '../model/taxonomy.js';
import { alertswissToCapJson, isAlertswissJson } from './_internal/cap-alertswiss.js';
import { buildCapAlert } from './_internal/cap-build.js';
import { readCapIndex } from './_internal/cap-index.js';
import { jsonCapNode, xmlCapNode } from './_internal/cap-node.js';
import { parseXml } from './xml.js';

/** A CAP name/value pair (`eventCode`, `parameter`, `geocode`), e.g. `{ name: 'SAME', value: 'HWA' }`. */
export interface CapValue {
  readonly name: string;
  readonly value: string;
}

/** One alert an Update or Cancel refers to: a `sender,identifier,sent` triple of `references`. */
export interface CapReference {
  readonly sender: string;
  readonly identifier: string;
  /** The referenced alert's `sent`, when given and readable. */
  readonly sent?: IsoDateTime;
  /** The triple (or bare identifier) as written. */
  readonly raw: string;
}

/** A CAP `resource`: a file that accompanies an info block. */
export interface CapResource {
  readonly resourceDesc: string;
  readonly mimeType?: string;
  /** Size in bytes, as stated. */
  readonly size?: number;
  readonly uri?: string;
  /** The resource inline, base64, as written (bounded by the document size limit). */
  readonly derefUri?: string;
  readonly digest?: string;
}

/** One CAP `info` block: the warning in one language. */
export interface CapInfo {
  /** `language` as written (`'zh-CN'`, `'en-US'`); inferred from the text when absent (CAP's default is en-US). */
  readonly language: string;
  readonly categories: readonly string[];
  /** `event`, verbatim; `''` when only an event code is given (the national system's `eventType`). */
  readonly event: string;
  readonly responseTypes: readonly string[];
  readonly urgency: string;
  /** CAP severity; a colour word or response grade is mapped to its severity (橙色 → Severe). */
  readonly severity: CapSeverity;
  /** `severity` as written when it was not a CAP value (`'橙色'`, `'Orange'`). */
  readonly severityText?: string;
  /** Warning colour stated (colour word, NMC or 12379 code, Meteoalarm awareness level, event text) or implied by the severity. */
  readonly color?: WarningColor;
  readonly certainty: string;
  readonly audience?: string;
  /** `eventCode` pairs, plus the national system's `eventType` as `{ name: 'eventType', value: '11B06' }`. */
  readonly eventCodes: readonly CapValue[];
  readonly effective?: IsoDateTime;
  readonly onset?: IsoDateTime;
  readonly expires?: IsoDateTime;
  readonly senderName?: string;
  readonly headline?: string;
  /** `description`, verbatim (it may hold escaped HTML). */
  readonly description?: string;
  /** `instruction`; several `instruction` elements are joined with line breaks. */
  readonly instruction?: string;
  readonly web?: string;
  readonly contact?: string;
  readonly parameters: readonly CapValue[];
  readonly resources: readonly CapResource[];
  readonly areas: readonly WarningArea[];
  /** Region units the geocodes designate (GB/T 2260 codes of the region pack), most specific first; empty without a region pack. */
  readonly regionCodes: readonly string[];
  /** Elements CAP 1.2 does not define, with their text (national-system extras). */
  readonly extensions: readonly CapValue[];
}

/** A CAP 1.2 alert with every field, from XML, CAP-JSON or the Alertswiss app JSON. */
export interface CapAlert {
  /** What the alert was read from. */
  readonly format: 'cap-xml' | 'cap-json' | 'alertswiss-json';
  /** The XML namespace; absent for the national system's namespace-less variant and for JSON. */
  readonly namespace?: string;
  readonly identifier: string;
  readonly sender: string;
  /** `sent` (or the national system's `sendTime`), with offset. */
  readonly sent: IsoDateTime;
  readonly status: CapStatus;
  readonly msgType: CapMsgType;
  readonly source?: string;
  readonly scope?: string;
  readonly restriction?: string;
  readonly addresses?: string;
  readonly codes: readonly string[];
  readonly note?: string;
  readonly references: readonly CapReference[];
  readonly incidents: readonly string[];
  readonly infos: readonly CapInfo[];
  /** Elements CAP 1.2 does not define, with their text (e.g. the national system's `senderCode`). */
  readonly extensions: readonly CapValue[];
}

/** A problem met while reading an alert that did not stop it being read. */
export interface CapProblem {
  readonly code: CollectorIssueCode;
  readonly reason: string;
}

/** What {@link parseCap} gives: the alert and the problems met on the way. */
export interface CapParseResult {
  readonly alert: CapAlert;
  readonly problems: readonly CapProblem[];
}

/** Options of {@link parseCap}: the zone for dates without offset and the region pack for geocodes. */
export type ParseCapOptions = ParseOptions & { readonly region?: RegionPack };

const CAP_NAMESPACE = /^urn:oasis:names:tc:emergency:cap:1\.[012]$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseCapJson(text: string, options: ParseCapOptions): CapParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new EmwatchError('EMW_PARSE_JSON', `CAP-JSON is not valid JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (isRecord(value) && isRecord(value.alert)) value = value.alert;
  if (!isRecord(value))
    throw new EmwatchError('EMW_PARSE_FORMAT', 'JSON document is not a CAP alert: its top level is not an object');
  if (value.type === 'FeatureCollection') {
    const features = Array.isArray(value.features) ? value.features.length : 0;
    const first: unknown = Array.isArray(value.features) ? value.features[0] : undefined;
    const warnId = isRecord(first) && isRecord(first.properties) ? first.properties.warnId : undefined;
    throw new EmwatchError(
      'EMW_PARSE_FORMAT',
      `GeoJSON FeatureCollection of ${features} area geometries${typeof warnId === 'string' ? ` for warning ${warnId}` : ''} is not a CAP alert: it has no sender, sent, status, msgType or info; read the alert from its CAP XML or CAP-JSON`,
    );
  }
  if (isAlertswissJson(value)) {
    return buildCapAlert(jsonCapNode(alertswissToCapJson(value)), 'alertswiss-json', undefined, options);
  }
  if (!('identifier' in value) || !('info' in value || 'msgType' in value || 'sent' in value)) {
    throw new EmwatchError(
      'EMW_PARSE_FORMAT',
      'JSON document is not a CAP alert: no identifier with sent, msgType or info',
    );
  }
  return buildCapAlert(jsonCapNode(value), 'cap-json', undefined, options);
}

/**
 * Parses one CAP 1.2 alert — XML, CAP-JSON or the Alertswiss app JSON — with every field of
 * alert, info, area and resource, and the Chinese national warning release system's variants
 * (no namespace, `sendTime` with a space, colour-word severity, `eventType` codes such as
 * `11B06`, 12-digit geocodes mapped to the region pack's GB/T 2260 units).
 *
 * What breaks a CAP rule but leaves the alert readable is returned in `problems` (an unreadable
 * date, an open polygon, an unknown severity). Throws `EmwatchError` when the input is not a CAP
 * alert at all: `EMW_PARSE_XML` / `EMW_PARSE_JSON` for malformed input, `EMW_PARSE_FORMAT` for
 * another document (an RSS/Atom index of CAP documents, a GeoJSON of areas), `EMW_CAP_INVALID`
 * for an alert without identifier or time.
 *
 * @example
 * ```ts
 * const { alert, problems } = parseCap(xml, { region: regionNmg });
 * alert.infos[0]?.severity; // 'Severe' (from <severity>橙色</severity>)
 * alert.infos[0]?.regionCodes; // ['150502']
 * ```
 */
export function parseCap(text: string, options: ParseCapOptions = {}): CapParseResult {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return parseCapJson(trimmed, options);
  const root = parseXml(trimmed);
  if (root.name !== 'alert') {
    const index = readCapIndex(root);
    if (index) {
      throw new EmwatchError(
        'EMW_PARSE_FORMAT',
        `${index.kind === 'atom' ? 'Atom' : 'RSS'} index of ${index.entries.length} CAP document(s), not a CAP alert: collect it with cap({ url }), which fetches each linked document`,
      );
    }
    throw new EmwatchError(
      'EMW_PARSE_FORMAT',
      `root element <${root.prefix ? `${root.prefix}:` : ''}${root.name}> is not a CAP <alert>`,
    );
  }
  const result = buildCapAlert(xmlCapNode(root), 'cap-xml', root.namespace, options);
  if (root.namespace !== undefined && !CAP_NAMESPACE.test(root.namespace)) {
    return {
      alert: result.alert,
      problems: [
        { code: 'EMW_CAP_INVALID', reason: `namespace ${root.namespace} is not CAP 1.x's; read as CAP 1.2` },
        ...result.problems,
      ],
    };
  }
  return result;
}
