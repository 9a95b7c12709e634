import regionNmg from '@emwatch/region-nmg';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createBurstDetector, type Burst } from '../src/events/burst.js';
import type { Event } from '../src/model/event.js';
import type { RiskScore } from '../src/model/risk-score.js';
import type { Signal } from '../src/model/signal.js';
import { colorLabel, levelLabel } from '../src/model/taxonomy.js';
import { capToSignals } from '../src/parse/cap-to-signals.js';
import { parseCap } from '../src/parse/parse-cap.js';
import { riskFactorLabel } from '../src/risk/presets.js';
import { scoreEvent } from '../src/risk/score.js';
import { analyzeSignals, eventFromSignals, makeTestSignal } from './risk-events.js';

/** One moment of a worked example: the event as known then, and its score. */
export interface ExampleStep {
  readonly label: string;
  readonly event: Event;
  readonly risk: RiskScore;
}

/** A worked example of docs/risk-and-alerts.md. */
export interface WorkedExample {
  readonly id: string;
  readonly steps: readonly ExampleStep[];
}

function score(
  label: string,
  id: string,
  type: Event['type'],
  signals: readonly Signal[],
  bursts: readonly Burst[],
  now: string,
  repostCount = 0,
): ExampleStep {
  const analyses = analyzeSignals(signals, regionNmg);
  const event = eventFromSignals(id, type, signals, analyses, regionNmg, { repostCount });
  const risk = scoreEvent(event, { signals, analyses, region: regionNmg, bursts, now: new Date(now) });
  return { label, event, risk };
}

/** A coal-mine roof fall in 准格尔旗 (鄂尔多斯): first 4 trapped, then 3 dead. */
function coalMine(): WorkedExample {
  const signals = [
    makeTestSignal({
      id: 'post-1',
      kind: 'social',
      at: '2024-03-12T09:40:00+08:00',
      author: '准旗小王',
      text: '鄂尔多斯准格尔旗一煤矿发生冒顶，听说有4个工人被困在井下，救援队已经进去了',
    }),
    makeTestSignal({
      id: 'news-1',
      kind: 'official-news',
      at: '2024-03-12T11:05:00+08:00',
      outlet: '准格尔旗融媒体中心',
      title: '准格尔旗一煤矿发生顶板事故',
      text: '3月12日9时许，准格尔旗某煤矿井下发生顶板冒落事故，4名矿工被困。事故发生后，旗应急管理局立即组织救援。',
    }),
    makeTestSignal({
      id: 'media-1',
      kind: 'media',
      at: '2024-03-12T16:30:00+08:00',
      outlet: '内蒙古日报',
      text: '记者从鄂尔多斯市应急管理局获悉，准格尔旗煤矿顶板事故救援工作已结束，被困的4名矿工中3人遇难，1人受伤已送医救治。',
    }),
  ];
  return {
    id: 'coal-mine',
    steps: [
      score(
        '11:05 — 4 trapped / 4人被困',
        'evt:coal-mine',
        'mining',
        signals.slice(0, 2),
        [],
        '2024-03-12T11:10:00+08:00',
      ),
      score('16:30 — 3 dead / 3人遇难', 'evt:coal-mine', 'mining', signals, [], '2024-03-12T16:35:00+08:00'),
    ],
  };
}

function capSignal(file: string, id: string): Signal {
  const payload = readFileSync(fileURLToPath(new URL(`./fixtures/cap/${file}`, import.meta.url)), 'utf8');
  const { alert } = parseCap(payload, { region: regionNmg });
  const raw = {
    id: `raw:${id}`,
    sourceId: 'nmgqx-cap',
    fetchedAt: '2025-04-11T08:05:00+08:00',
    payload,
    provenance: { contentHash: '0'.repeat(64) },
  };
  const [signal] = capToSignals(alert!, raw, 'official-warning', { region: regionNmg });
  return { ...signal!, id };
}

// What people posted about the blizzard on 11 April 2025: [minute after 08:00, author, text, reposts].
const BLIZZARD_POSTS: readonly (readonly [number, string, string, number])[] = [
  [75, '乌珠穆沁牧民', '东乌旗这雪太大了，白毛风刮得对面看不见人，羊圈都快埋了', 35],
  [82, '锡盟交警', '受降雪影响，S101线东乌珠穆沁旗段实行临时交通管制，请过往车辆绕行', 60],
  [95, '草原骑手阿拉坦', '东乌珠穆沁旗下大雪了，牧民们在抢着加固棚圈，今年这场雪来得太突然', 22],
  [101, '东乌旗融媒', '东乌珠穆沁旗气象台发布暴雪橙色预警，牧民朋友注意转场和棚圈加固', 48],
  [110, '锡林浩特生活圈', '锡林浩特到东乌旗的班车全部停运了，东乌的雪越下越大', 17],
  [118, '牧区小学老师', '东乌珠穆沁旗暴雪，学校通知明天停课，孩子们都在宿舍', 12],
  [126, '东乌珠穆沁旗应急管理局', '东乌珠穆沁旗已启动暴雪灾害应急响应，转移安置受困牧民', 41],
  [133, '越野e族锡盟', '东乌旗路上好几辆车被雪困住了，救援车正在往那边赶', 15],
  [141, '我是东乌人', '东乌珠穆沁旗的暴雪太吓人了，家里的牛羊都赶进棚圈了', 9],
  [152, '草原之声', '东乌珠穆沁旗遭遇暴雪，部分牧户饲草料告急，盼望尽快救援', 27],
  [165, '锡盟电力', '受暴雪影响，东乌珠穆沁旗部分线路停电，抢修人员已出发', 19],
  [178, '东乌牧人', '东乌旗暴雪还在下，雪深已经过膝了，牲畜受困', 11],
];

/** A blizzard: the real orange CAP warning of 锡林郭勒盟气象台 for 东乌珠穆沁旗 and its neighbours, many posts, a burst. */
function blizzard(): WorkedExample {
  const orange = capSignal('cma-xlgl-blizzard-orange.xml', 'cap-orange');
  const red = capSignal('cma-xlgl-blizzard-update.xml', 'cap-red');
  const posts = BLIZZARD_POSTS.map(([minutes, author, text], index) =>
    makeTestSignal({
      id: `post-${index + 1}`,
      kind: 'social',
      sourceId: 'weibo',
      author,
      at: `2025-04-11T${String(8 + Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00+08:00`,
      text,
    }),
  );
  const reposts = BLIZZARD_POSTS.reduce((sum, post) => sum + post[3], 0);
  // Four quiet weeks for (东乌珠穆沁旗, snow-disaster): a post every 37 hours or so.
  const detector = createBurstDetector({ now: () => new Date('2025-04-12T00:00:00+08:00') });
  const key = { unit: '152525', type: 'snow-disaster' } as const;
  for (
    let t = Date.parse('2025-03-14T00:00:00+08:00');
    t < Date.parse('2025-04-11T00:00:00+08:00');
    t += 37 * 3_600_000
  ) {
    detector.observe(key, new Date(t));
  }
  detector.observe(key, '2025-04-11T08:00:00+08:00');
  for (const [minutes, , , copies] of BLIZZARD_POSTS) {
    detector.observe(key, new Date(Date.parse('2025-04-11T08:00:00+08:00') + minutes * 60_000), 1 + copies);
  }
  const bursts = detector.bursts('2025-04-11T11:59:00+08:00');
  return {
    id: 'blizzard',
    steps: [
      score(
        '12:00 — orange warning, 12 posts / 橙色预警与12条帖子',
        'evt:blizzard',
        'snow-disaster',
        [orange, ...posts],
        bursts,
        '2025-04-11T12:00:00+08:00',
        reposts,
      ),
      score(
        '14:00 — upgraded to red / 升级为红色',
        'evt:blizzard',
        'snow-disaster',
        [orange, ...posts, red],
        bursts,
        '2025-04-11T14:05:00+08:00',
        reposts,
      ),
    ],
  };
}

/** A rumour of a flooded mine in 伊金霍洛旗, refuted by the banner's emergency bureau. */
function rumour(): WorkedExample {
  const signals = [
    makeTestSignal({
      id: 'post-1',
      kind: 'social',
      sourceId: 'weibo',
      author: '伊旗热心市民',
      at: '2024-06-03T20:12:00+08:00',
      text: '伊金霍洛旗一煤矿透水了，听说30多名矿工被困在井下，大家帮忙扩散',
    }),
    makeTestSignal({
      id: 'post-2',
      kind: 'social',
      sourceId: 'douyin',
      author: '鄂尔多斯那些事',
      at: '2024-06-03T20:40:00+08:00',
      text: '伊金霍洛旗煤矿透水事故，30人被困，现场视频',
    }),
    makeTestSignal({
      id: 'refute-1',
      kind: 'official-news',
      outlet: '伊金霍洛旗应急管理局',
      at: '2024-06-03T22:30:00+08:00',
      title: '伊金霍洛旗应急管理局：网传煤矿透水30人被困消息不实',
      text: '近日网传“伊金霍洛旗某煤矿发生透水事故致30人被困”系谣言。经伊金霍洛旗应急管理局核实，该旗各煤矿生产秩序正常，未发生透水事故。网传视频为2019年外省旧视频。请广大网民不信谣、不传谣。',
    }),
  ];
  return {
    id: 'rumour',
    steps: [
      score(
        '20:40 — two posts / 两条帖子',
        'evt:rumour',
        'mining',
        signals.slice(0, 2),
        [],
        '2024-06-03T20:45:00+08:00',
        120,
      ),
      score('22:30 — refuted / 官方辟谣', 'evt:rumour', 'mining', signals, [], '2024-06-03T22:35:00+08:00', 150),
    ],
  };
}

/** The worked examples, computed by the real analysis and scoring code. */
export function workedExamples(): WorkedExample[] {
  return [coalMine(), blizzard(), rumour()];
}

const num = (value: number, digits: number): string => String(Number(value.toFixed(digits)));

/** A factor's measured inputs, compactly: `deaths 3, trapped 4, grade III`. */
function factsText(facts: Readonly<Record<string, string | number | boolean | null>> | undefined): string {
  if (!facts) return '';
  return Object.entries(facts)
    .filter(([, value]) => value !== null && value !== '')
    .map(([key, value]) => `${key} ${String(value)}`)
    .join(', ');
}

/** The Markdown of one step: headline, then a table of the factors that contributed. */
export function renderStep(step: ExampleStep): string {
  const { risk } = step;
  const lines = [
    `**${step.label}** — 得分 score **${num(risk.score, 1)}** → ${levelLabel(risk.level)} / ${levelLabel(risk.level, 'en')}, ${colorLabel(risk.color)} ${risk.color}`,
    '',
    '| 因素 factor | 值 value | 权重 weight | 贡献 points | 输入 facts | 依据 evidence |',
    '|---|---:|---:|---:|---|---|',
  ];
  for (const factor of risk.factors) {
    if (factor.contribution === 0 && factor.weight === 0) continue;
    lines.push(
      `| ${factor.label} ${riskFactorLabel(factor.id, 'en')} | ${num(factor.value, 3)} | ${num(factor.weight, 3)} | ${num(factor.contribution, 1)} | ${factsText(factor.facts)} | ${factor.evidence.join(' ')} |`,
    );
  }
  return lines.join('\n');
}

/** The Markdown block of an example, as it appears between its markers in the doc. */
export function renderExample(example: WorkedExample): string {
  return example.steps.map(renderStep).join('\n\n');
}
