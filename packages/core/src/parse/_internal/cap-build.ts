import { EmwatchError } from '../../errors.js';
import type { IsoDateTime } from '../../model/iso-date-time.js';
import type { CapMsgType, CapStatus, WarningArea } from '../../model/signal.js';
import {
  colorToCapSeverity,
  isCapSeverity,
  levelToColor,
  parseNmcAlarmCode,
  parseSignalCode,
  capSeverityToColor,
  type CapSeverity,
  type WarningColor,
} from '../../model/taxonomy.js';
import { detectLanguage } from '../../text/detect-language.js';
import type {
  CapAlert,
  CapInfo,
  CapProblem,
  CapReference,
  CapResource,
  CapValue,
  ParseCapOptions,
} from '../parse-cap.js';
import { parseDate } from '../parse-date.js';
import type { CapNode } from './cap-node.js';
import { readCircle, readPolygon } from './cap-geometry.js';
import { capRegionCodes } from './cap-region-codes.js';

/** Info blocks read per alert; real alerts have one per language (MoWaS: nine). */
const MAX_INFOS = 64;
/** Areas read per info block. */
const MAX_AREAS = 1000;

const ALERT_FIELDS = new Set([
  'identifier',
  'sender',
  'sent',
  'sendTime',
  'status',
  'msgType',
  'source',
  'scope',
  'restriction',
  'addresses',
  'code',
  'note',
  'references',
  'incidents',
  'info',
  'Signature',
]);
const INFO_FIELDS = new Set([
  'language',
  'category',
  'event',
  'eventType',
  'responseType',
  'urgency',
  'severity',
  'certainty',
  'audience',
  'eventCode',
  'effective',
  'onset',
  'expires',
  'senderName',
  'headline',
  'description',
  'instruction',
  'web',
  'contact',
  'parameter',
  'resource',
  'area',
]);

const STATUS_WORDS: Readonly<Record<string, CapStatus>> = {
  actual: 'Actual',
  实际: 'Actual',
  正式: 'Actual',
  exercise: 'Exercise',
  演练: 'Exercise',
  演习: 'Exercise',
  system: 'System',
  系统: 'System',
  test: 'Test',
  测试: 'Test',
  draft: 'Draft',
  草稿: 'Draft',
};
const MSG_TYPE_WORDS: Readonly<Record<string, CapMsgType>> = {
  alert: 'Alert',
  发布: 'Alert',
  首次: 'Alert',
  update: 'Update',
  更新: 'Update',
  变更: 'Update',
  cancel: 'Cancel',
  取消: 'Cancel',
  解除: 'Cancel',
  ack: 'Ack',
  error: 'Error',
};
/** Severity written as a colour or a response grade, as the national release system does. */
const SEVERITY_COLORS: Readonly<Record<string, WarningColor>> = {
  红色: 'red',
  红: 'red',
  red: 'red',
  橙色: 'orange',
  橙: 'orange',
  orange: 'orange',
  黄色: 'yellow',
  黄: 'yellow',
  yellow: 'yellow',
  蓝色: 'blue',
  蓝: 'blue',
  blue: 'blue',
  特别重大: levelToColor('I'),
  重大: levelToColor('II'),
  较大: levelToColor('III'),
  一般: levelToColor('IV'),
  ⅰ级: levelToColor('I'),
  ⅱ级: levelToColor('II'),
  ⅲ级: levelToColor('III'),
  ⅳ级: levelToColor('IV'),
  i级: levelToColor('I'),
  ii级: levelToColor('II'),
  iii级: levelToColor('III'),
  iv级: levelToColor('IV'),
};
// A colour word, up to four characters of hazard name, then a warning word: 暴雪橙色预警 (mainland)
// and 黃色暴雨警告信號 (Hong Kong, Macao; Traditional 黃 藍 紅 預警 警報 信號).
const WARNING_WORD = '(?:预警|預警|警报|警報|警告|信号|信號)';
const COLOR_IN_TEXT: readonly [RegExp, WarningColor][] = [
  [new RegExp(`[红紅]色\\S{0,4}?${WARNING_WORD}|\\bred (?:warning|alert)`, 'i'), 'red'],
  [new RegExp(`橙色\\S{0,4}?${WARNING_WORD}|\\borange (?:warning|alert)`, 'i'), 'orange'],
  [new RegExp(`[黄黃]色\\S{0,4}?${WARNING_WORD}|\\byellow (?:warning|alert)`, 'i'), 'yellow'],
  [new RegExp(`[蓝藍]色\\S{0,4}?${WARNING_WORD}|\\bblue (?:warning|alert)`, 'i'), 'blue'],
];

/** Collects problems with a location prefix (`info 2 (en), area 1: …`). */
class Problems {
  readonly list: CapProblem[] = [];
  add(code: CapProblem['code'], reason: string): void {
    this.list.push({ code, reason });
  }
}

const quote = (text: string): string => JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);

function nonEmpty(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}

function readDate(
  text: string | undefined,
  field: string,
  where: string,
  options: ParseCapOptions,
  problems: Problems,
): IsoDateTime | undefined {
  const value = nonEmpty(text);
  if (value === undefined) return undefined;
  const date = parseDate(value, { timeZone: options.timeZone });
  if (date === null) problems.add('EMW_PARSE_DATE', `${where}${field} ${quote(value)} is not a date`);
  return date ?? undefined;
}

function readValues(nodes: readonly CapNode[]): CapValue[] {
  return nodes.map((node) => {
    const name = node.text('valueName');
    const value = node.text('value');
    // The national system writes bare `<geocode>150502000000</geocode>` without valueName/value.
    return name === undefined && value === undefined
      ? { name: '', value: node.own() }
      : { name: name ?? '', value: value ?? '' };
  });
}

function readReferences(text: string | undefined, sender: string, options: ParseCapOptions): CapReference[] {
  const value = nonEmpty(text);
  if (value === undefined) return [];
  const references: CapReference[] = [];
  // Triples sender,identifier,sent; the national system writes sent with a space, so the date is matched, not split.
  const TRIPLE = /([^,\s]+),([^,\s]+),(\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)/g;
  const rest = value.replace(TRIPLE, (raw: string, refSender: string, identifier: string, sent: string) => {
    const date = parseDate(sent, { timeZone: options.timeZone });
    references.push({ sender: refSender, identifier, ...(date ? { sent: date } : {}), raw });
    return ' ';
  });
  // Anything else is taken as bare identifiers of the same sender.
  for (const identifier of rest.split(/[\s,]+/).filter(Boolean))
    references.push({ sender, identifier, raw: identifier });
  return references;
}

function readSeverity(
  text: string | undefined,
  where: string,
  problems: Problems,
): { severity: CapSeverity; color?: WarningColor; severityText?: string } {
  const value = nonEmpty(text);
  if (value === undefined) {
    problems.add('EMW_CAP_INVALID', `${where}severity is missing`);
    return { severity: 'Unknown' };
  }
  const capitalised = value.charAt(0).toUpperCase() + value.slice(1).toLowerCase();
  if (isCapSeverity(capitalised)) return { severity: capitalised };
  const color = SEVERITY_COLORS[value.toLowerCase().replace(/\s+/g, '')];
  if (color) return { severity: colorToCapSeverity(color), color, severityText: value };
  problems.add('EMW_CAP_INVALID', `${where}severity ${quote(value)} is neither a CAP severity nor a warning colour`);
  return { severity: 'Unknown', severityText: value };
}

/** The warning colour an info block states or implies, most explicit source first. */
function colorOf(
  info: Omit<CapInfo, 'color' | 'regionCodes'>,
  stated: WarningColor | undefined,
): WarningColor | undefined {
  if (stated) return stated;
  for (const { value } of info.eventCodes) {
    const signal = parseNmcAlarmCode(value.trim()) ?? parseSignalCode(value.trim());
    if (signal) return signal.color;
  }
  // Meteoalarm's awareness_level: "2; yellow; Moderate".
  const awareness = info.parameters.find((p) => p.name === 'awareness_level')?.value;
  const awarenessColor = /;\s*(yellow|orange|red)\s*;/i.exec(awareness ?? '')?.[1]?.toLowerCase();
  if (awarenessColor) return awarenessColor as WarningColor;
  for (const text of [info.event, info.headline ?? '']) {
    for (const [pattern, color] of COLOR_IN_TEXT) if (pattern.test(text)) return color;
  }
  return capSeverityToColor(info.severity);
}

function inferLanguage(node: CapNode): string {
  const sample = `${node.text('headline') ?? ''} ${node.text('event') ?? ''} ${node.text('description') ?? ''}`;
  const detected = detectLanguage(sample);
  if (detected === 'zh-Hans') return 'zh-CN';
  if (detected === 'zh-Hant') return 'zh-TW';
  // CAP 1.2: the default language is en-US.
  return 'en-US';
}

function readArea(node: CapNode, where: string, problems: Problems): WarningArea {
  const polygons: WarningArea['polygons'][number][] = [];
  node.texts('polygon').forEach((text, index) => {
    // An empty <polygon/> (Israel's alerts) says nothing; it is skipped, not reported.
    if (text.trim() === '') return;
    const result = readPolygon(text);
    if (!result.ok) problems.add('EMW_CAP_INVALID', `${where}polygon ${index + 1}: ${result.reason}`);
    else {
      if (result.value.closed)
        problems.add('EMW_CAP_INVALID', `${where}polygon ${index + 1} was not closed; closed it`);
      polygons.push(result.value.ring);
    }
  });
  const circles: WarningArea['circles'][number][] = [];
  node.texts('circle').forEach((text, index) => {
    const result = readCircle(text);
    if (result.ok) circles.push(result.value);
    else problems.add('EMW_CAP_INVALID', `${where}circle ${index + 1}: ${result.reason}`);
  });
  const number = (field: 'altitude' | 'ceiling'): number | undefined => {
    const text = nonEmpty(node.text(field));
    if (text === undefined) return undefined;
    const value = Number(text);
    if (Number.isFinite(value)) return value;
    problems.add('EMW_CAP_INVALID', `${where}${field} ${quote(text)} is not a number`);
    return undefined;
  };
  const altitude = number('altitude');
  const ceiling = number('ceiling');
  return {
    description: node.text('areaDesc') ?? '',
    polygons,
    circles,
    geocodes: readValues(node.nodes('geocode')),
    ...(altitude === undefined ? {} : { altitude }),
    ...(ceiling === undefined ? {} : { ceiling }),
  };
}

function readResource(node: CapNode): CapResource {
  const size = Number(node.text('size'));
  const optional = (field: string): Record<string, string> => {
    const value = nonEmpty(node.text(field));
    return value === undefined ? {} : { [field]: value };
  };
  return {
    resourceDesc: node.text('resourceDesc') ?? '',
    ...optional('mimeType'),
    ...(node.text('size') !== undefined && Number.isFinite(size) ? { size } : {}),
    ...optional('uri'),
    ...optional('derefUri'),
    ...optional('digest'),
  };
}

function extensions(node: CapNode, known: ReadonlySet<string>): CapValue[] {
  return node
    .entries()
    .filter(([name]) => !known.has(name))
    .map(([name, value]) => ({ name, value }));
}

function readInfo(node: CapNode, index: number, options: ParseCapOptions, problems: Problems): CapInfo {
  const language = nonEmpty(node.text('language')) ?? inferLanguage(node);
  const where = `info ${index + 1} (${language}): `;
  const event = node.text('event') ?? '';
  const eventCodes = readValues(node.nodes('eventCode'));
  // The national system's `eventType` (a GB/T 35561-style code such as 11B06) is an event code.
  for (const code of node.texts('eventType')) if (code) eventCodes.push({ name: 'eventType', value: code });
  if (!event && eventCodes.length === 0) problems.add('EMW_CAP_INVALID', `${where}event is missing`);
  const { severity, color: statedColor, severityText } = readSeverity(node.text('severity'), where, problems);
  const areaNodes = node.nodes('area');
  if (areaNodes.length > MAX_AREAS)
    problems.add('EMW_CAP_INVALID', `${where}${areaNodes.length} areas; read the first ${MAX_AREAS}`);
  const areas = areaNodes.slice(0, MAX_AREAS).map((area, i) => readArea(area, `${where}area ${i + 1}: `, problems));
  const optional = (field: string, value = nonEmpty(node.text(field))): Record<string, string> =>
    value === undefined ? {} : { [field]: value };
  const dates: Record<string, IsoDateTime> = {};
  for (const field of ['effective', 'onset', 'expires'] as const) {
    const date = readDate(node.text(field), field, where, options, problems);
    if (date) dates[field] = date;
  }
  const instructions = node
    .texts('instruction')
    .map((text) => text.trim())
    .filter(Boolean);
  const base = {
    language,
    categories: node.texts('category'),
    event,
    responseTypes: node.texts('responseType'),
    urgency: node.text('urgency') ?? 'Unknown',
    severity,
    ...(severityText === undefined ? {} : { severityText }),
    certainty: node.text('certainty') ?? 'Unknown',
    ...optional('audience'),
    eventCodes,
    ...dates,
    ...optional('senderName'),
    ...optional('headline'),
    ...optional('description'),
    // CAP allows one instruction; some publishers (Alertswiss) write several: all are kept.
    ...optional('instruction', instructions.length > 0 ? instructions.join('\n') : undefined),
    ...optional('web'),
    ...optional('contact'),
    parameters: readValues(node.nodes('parameter')),
    resources: node.nodes('resource').map(readResource),
    areas,
    extensions: extensions(node, INFO_FIELDS),
  };
  const color = colorOf(base, statedColor);
  const chinese = language.toLowerCase().startsWith('zh');
  return {
    ...base,
    ...(color ? { color } : {}),
    regionCodes: options.region ? capRegionCodes(areas, options.region, chinese) : [],
  };
}

function readEnum<T extends string>(
  text: string | undefined,
  words: Readonly<Record<string, T>>,
  field: string,
  missing: T,
  unknown: T,
  problems: Problems,
): T {
  const value = nonEmpty(text);
  if (value === undefined) {
    problems.add('EMW_CAP_INVALID', `${field} is missing; taken as ${missing}`);
    return missing;
  }
  const known = words[value.toLowerCase()];
  if (known) return known;
  problems.add('EMW_CAP_INVALID', `${field} ${quote(value)} is not a CAP ${field}; taken as ${unknown}`);
  return unknown;
}

/**
 * Builds a {@link CapAlert} from a CAP `alert` element (XML or JSON), applying CAP 1.2's rules
 * and the national release system's variants; what breaks a rule is reported, not dropped.
 */
export function buildCapAlert(
  node: CapNode,
  format: CapAlert['format'],
  namespace: string | undefined,
  options: ParseCapOptions,
): { alert: CapAlert; problems: CapProblem[] } {
  const problems = new Problems();
  const identifier = nonEmpty(node.text('identifier'));
  if (identifier === undefined) throw new EmwatchError('EMW_CAP_INVALID', 'CAP alert has no identifier');
  const sender = nonEmpty(node.text('sender')) ?? nonEmpty(node.text('senderCode')) ?? '';
  if (!sender) problems.add('EMW_CAP_INVALID', 'sender is missing');
  // Unknown statuses are never taken as Actual: downstream must not treat them as real.
  const status = readEnum(node.text('status'), STATUS_WORDS, 'status', 'Actual', 'Draft', problems);
  const msgType = readEnum(node.text('msgType'), MSG_TYPE_WORDS, 'msgType', 'Alert', 'Alert', problems);
  const infoNodes = node.nodes('info');
  if (infoNodes.length > MAX_INFOS)
    problems.add('EMW_CAP_INVALID', `${infoNodes.length} info blocks; read the first ${MAX_INFOS}`);
  const infos = infoNodes.slice(0, MAX_INFOS).map((info, index) => readInfo(info, index, options, problems));
  const sentText = node.text('sent') ?? node.text('sendTime');
  let sent = readDate(sentText, 'sent', '', options, problems);
  if (sent === undefined) {
    const stand = infos.map((info) => info.effective ?? info.onset).find(Boolean);
    if (!stand) {
      throw new EmwatchError(
        'EMW_CAP_INVALID',
        `CAP alert ${identifier}: sent ${sentText === undefined ? 'is missing' : `${quote(sentText)} is not a date`} and no effective or onset time stands for it`,
      );
    }
    if (sentText === undefined)
      problems.add('EMW_CAP_INVALID', `sent is missing; the effective time ${stand} stands for it`);
    sent = stand;
  }
  const references = readReferences(node.text('references'), sender, options);
  if ((msgType === 'Update' || msgType === 'Cancel') && references.length === 0) {
    problems.add('EMW_CAP_INVALID', `${msgType} without references: it replaces nothing`);
  }
  const optional = (field: string): Record<string, string> => {
    const value = nonEmpty(node.text(field));
    return value === undefined ? {} : { [field]: value };
  };
  const alert: CapAlert = {
    format,
    ...(namespace ? { namespace } : {}),
    identifier,
    sender,
    sent,
    status,
    msgType,
    ...optional('source'),
    ...optional('scope'),
    ...optional('restriction'),
    ...optional('addresses'),
    codes: node.texts('code'),
    ...optional('note'),
    references,
    incidents: (nonEmpty(node.text('incidents')) ?? '').split(/\s+/).filter(Boolean),
    infos,
    extensions: extensions(node, ALERT_FIELDS),
  };
  return { alert, problems: problems.list };
}
