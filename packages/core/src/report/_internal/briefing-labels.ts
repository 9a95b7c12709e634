import type { LabelLanguage } from '../../model/taxonomy.js';
import type { SourceKind } from '../../model/signal.js';
import type { WallTime } from './zoned-time.js';

/** Every fixed text of a briefing in one language. */
export interface BriefingLabels {
  readonly defaultTitle: (kind: 'day' | 'week' | 'special', region: string | undefined, event?: string) => string;
  readonly issued: (issuer: string | undefined, at: string) => string;
  readonly periodLine: (start: string, end: string, zone: string) => string;
  readonly dateTime: (w: WallTime) => string;
  readonly bucket: (w: WallTime, unit: 'hour' | 'day') => string;
  readonly sections: {
    readonly overview: string;
    readonly topEvents: string;
    readonly byLeague: string;
    readonly byType: string;
    readonly trend: string;
    readonly eventFacts: string;
    readonly risk: string;
    readonly timeline: string;
    readonly alerts: string;
    readonly incidents: string;
    readonly notes: string;
  };
  readonly overview: {
    readonly signals: (total: number, kinds: string) => string;
    readonly events: (total: number, fresh: number, levels: string, unscored: number, rumors: number) => string;
    readonly alerts: (total: number, levels: string, unacknowledged: number) => string;
    readonly incidents: (opened: number, closed: number, open: number, overdue: number) => string;
  };
  readonly count: (n: number, unit: 'signal' | 'event' | 'alert') => string;
  readonly sourceKinds: Readonly<Record<SourceKind, string>>;
  readonly columns: Readonly<Record<string, string>>;
  readonly unlocated: string;
  readonly none: string;
  readonly noEvents: string;
  readonly noRegion: string;
  readonly unscored: string;
  readonly noStage: string;
  readonly listSeparator: string;
  readonly chartCaption: { readonly trend: string; readonly types: string; readonly sources: string };
  readonly chartAxis: {
    readonly bucket: string;
    readonly signals: string;
    readonly type: string;
    readonly events: string;
    readonly sourceKind: string;
  };
  readonly casualty: (kind: 'deaths' | 'injured' | 'missing' | 'trapped', count: number | null) => string;
  readonly magnitude: (m: number) => string;
  readonly warning: (color: string) => string;
  readonly truncated: (what: string, max: number) => string;
  readonly chartFailed: (chart: string, reason: string) => string;
  readonly footer: string;
  readonly auditActions: Readonly<Record<string, string>>;
  readonly alertStatuses: Readonly<Record<string, string>>;
  readonly yes: string;
  readonly no: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');

const ZH: BriefingLabels = {
  defaultTitle: (kind, region, event) =>
    kind === 'special' ? `舆情专报：${event ?? ''}` : `${region ?? ''}突发事件舆情${kind === 'day' ? '日报' : '周报'}`,
  issued: (issuer, at) => `${issuer ? `${issuer}\u3000` : ''}${at} 编发`,
  periodLine: (start, end, zone) => `统计时段：${start} 至 ${end}（${zone}）`,
  dateTime: (w) => `${w.year}年${w.month}月${w.day}日 ${pad(w.hour)}:${pad(w.minute)}`,
  bucket: (w, unit) => (unit === 'hour' ? `${w.month}月${w.day}日${pad(w.hour)}时` : `${w.month}月${w.day}日`),
  sections: {
    overview: '一、总体情况',
    topEvents: '二、重点事件',
    byLeague: '三、分盟市情况',
    byType: '四、事件类型分布',
    trend: '五、信息量趋势',
    eventFacts: '一、事件概况',
    risk: '二、风险研判',
    timeline: '三、事件进程',
    alerts: '四、预警提示',
    incidents: '五、处置情况',
    notes: '说明',
  },
  overview: {
    signals: (total, kinds) => `监测信息 ${total} 条${kinds ? `（${kinds}）` : ''}。`,
    events: (total, fresh, levels, unscored, rumors) =>
      `涉及事件 ${total} 起，其中新发 ${fresh} 起；${levels}${unscored ? `，未评分 ${unscored} 起` : ''}${rumors ? `；已辟谣 ${rumors} 起` : ''}。`,
    alerts: (total, levels, unacknowledged) =>
      `发出预警提示 ${total} 条${total ? `（${levels}）` : ''}，截至时段末未确认 ${unacknowledged} 条。`,
    incidents: (opened, closed, open, overdue) =>
      `处置工单新建 ${opened} 件、办结 ${closed} 件，时段末在办 ${open} 件${overdue ? `（其中超时 ${overdue} 件）` : ''}。`,
  },
  count: (n, unit) => `${n} ${unit === 'event' ? '起' : '条'}`,
  sourceKinds: {
    'official-warning': '官方预警',
    'official-news': '官方发布',
    media: '新闻媒体',
    social: '社交媒体',
    sensor: '监测台网',
  },
  columns: {
    rank: '序号',
    event: '事件',
    type: '类型',
    places: '地区',
    score: '评分',
    level: '级别',
    stage: '阶段',
    signals: '信息',
    reposts: '转发',
    reasons: '主要依据',
    league: '盟市',
    events: '事件',
    newEvents: '新发',
    highestLevel: '最高级别',
    alerts: '预警',
    bucket: '时段',
    item: '项目',
    value: '内容',
    factor: '因素',
    factorValue: '取值',
    weight: '权重',
    contribution: '贡献分',
    evidence: '依据信息',
    facts: '要素',
    time: '时间',
    signalId: '信息编号',
    status: '状态',
    title: '标题',
    state: '状态',
    assignee: '责任人',
    deadline: '时限',
    actor: '操作人',
    action: '操作',
    from: '原',
    to: '新',
    detail: '说明',
    incident: '工单',
    firstSeen: '首次发现',
    lastUpdate: '最近更新',
    casualties: '人员伤亡',
    magnitude: '震级',
    warning: '预警信号',
    sources: '信源构成',
  },
  unlocated: '未定位到盟市',
  none: '无',
  noEvents: '本时段无事件。',
  noRegion: '未提供区域包，不分盟市统计。',
  unscored: '未评分',
  noStage: '未明',
  listSeparator: '、',
  chartCaption: { trend: '信息量趋势', types: '事件类型分布', sources: '信源构成' },
  chartAxis: {
    bucket: '时段',
    signals: '信息量（条）',
    type: '事件类型',
    events: '事件数（起）',
    sourceKind: '信源类型',
  },
  casualty: (kind, count) =>
    `${{ deaths: '死亡', injured: '受伤', missing: '失踪', trapped: '被困' }[kind]} ${count === null ? '若干（约数）' : `${count} 人`}`,
  magnitude: (m) => `${m} 级`,
  warning: (color) => `${color}预警`,
  truncated: (what, max) => `${what}超过 ${max} 条，仅统计前 ${max} 条。`,
  chartFailed: (chart, reason) => `图表「${chart}」未能生成：${reason}`,
  footer: '本报告由 emwatch 根据公开信息自动生成，仅供值班研判参考，以官方发布为准。',
  auditActions: { create: '立单', transition: '流转', assign: '指派', note: '备注', link: '关联', regrade: '调级' },
  alertStatuses: { open: '待确认', acknowledged: '已确认', escalated: '已上报', resolved: '已解除' },
  yes: '是',
  no: '否',
};

const EN: BriefingLabels = {
  defaultTitle: (kind, region, event) =>
    kind === 'special'
      ? `Special briefing: ${event ?? ''}`
      : `${kind === 'day' ? 'Daily' : 'Weekly'} emergency information briefing${region ? ` — ${region}` : ''}`,
  issued: (issuer, at) => `${issuer ? `${issuer} · ` : ''}issued ${at}`,
  periodLine: (start, end, zone) => `Period: ${start} to ${end} (${zone})`,
  dateTime: (w) => `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`,
  bucket: (w, unit) =>
    unit === 'hour' ? `${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:00` : `${pad(w.month)}-${pad(w.day)}`,
  sections: {
    overview: '1. Overview',
    topEvents: '2. Main events',
    byLeague: '3. By league',
    byType: '4. By type',
    trend: '5. Message volume',
    eventFacts: '1. The event',
    risk: '2. Risk assessment',
    timeline: '3. Timeline',
    alerts: '4. Alerts',
    incidents: '5. Handling',
    notes: 'Notes',
  },
  overview: {
    signals: (total, kinds) => `${total} messages monitored${kinds ? ` (${kinds})` : ''}.`,
    events: (total, fresh, levels, unscored, rumors) =>
      `${total} events, ${fresh} of them new; ${levels}${unscored ? `, ${unscored} not scored` : ''}${rumors ? `; refuted rumours: ${rumors}` : ''}.`,
    alerts: (total, levels, unacknowledged) =>
      `${total} alerts raised${total ? ` (${levels})` : ''}; ${unacknowledged} not acknowledged by the end of the period.`,
    incidents: (opened, closed, open, overdue) =>
      `Incidents: ${opened} opened, ${closed} closed, ${open} open at the end of the period${overdue ? ` (${overdue} overdue)` : ''}.`,
  },
  count: (n) => String(n),
  sourceKinds: {
    'official-warning': 'official warnings',
    'official-news': 'official news',
    media: 'media',
    social: 'social media',
    sensor: 'sensor networks',
  },
  columns: {
    rank: '#',
    event: 'Event',
    type: 'Type',
    places: 'Places',
    score: 'Score',
    level: 'Level',
    stage: 'Stage',
    signals: 'Messages',
    reposts: 'Reposts',
    reasons: 'Main reasons',
    league: 'League',
    events: 'Events',
    newEvents: 'New',
    highestLevel: 'Highest level',
    alerts: 'Alerts',
    bucket: 'Period',
    item: 'Item',
    value: 'Value',
    factor: 'Factor',
    factorValue: 'Value',
    weight: 'Weight',
    contribution: 'Points',
    evidence: 'Evidence',
    facts: 'Facts',
    time: 'Time',
    signalId: 'Message id',
    status: 'Status',
    title: 'Title',
    state: 'State',
    assignee: 'Assignee',
    deadline: 'Deadline',
    actor: 'By',
    action: 'Action',
    from: 'From',
    to: 'To',
    detail: 'Detail',
    incident: 'Incident',
    firstSeen: 'First seen',
    lastUpdate: 'Last update',
    casualties: 'Casualties',
    magnitude: 'Magnitude',
    warning: 'Warning',
    sources: 'Sources',
  },
  unlocated: 'Not located in a league',
  none: 'none',
  noEvents: 'No events in this period.',
  noRegion: 'No region pack given: no breakdown by league.',
  unscored: 'not scored',
  noStage: 'unknown',
  listSeparator: ', ',
  chartCaption: { trend: 'Message volume', types: 'Events by type', sources: 'Sources' },
  chartAxis: { bucket: 'Period', signals: 'Messages', type: 'Type', events: 'Events', sourceKind: 'Source kind' },
  casualty: (kind, count) =>
    `${count === null ? 'several (approximate)' : count} ${{ deaths: 'dead', injured: 'injured', missing: 'missing', trapped: 'trapped' }[kind]}`,
  magnitude: (m) => `M${m}`,
  warning: (color) => `${color} warning`,
  truncated: (what, max) => `More than ${max} ${what}: only the first ${max} are counted.`,
  chartFailed: (chart, reason) => `Chart "${chart}" could not be drawn: ${reason}`,
  footer: 'Generated by emwatch from public information for duty-office assessment; official releases prevail.',
  auditActions: {
    create: 'opened',
    transition: 'moved',
    assign: 'assigned',
    note: 'note',
    link: 'linked',
    regrade: 'regraded',
  },
  alertStatuses: { open: 'open', acknowledged: 'acknowledged', escalated: 'escalated', resolved: 'resolved' },
  yes: 'yes',
  no: 'no',
};

/** The labels of a language. */
export function briefingLabels(lang: LabelLanguage): BriefingLabels {
  return lang === 'en' ? EN : ZH;
}
