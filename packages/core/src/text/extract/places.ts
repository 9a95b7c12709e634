import { createMatcher, type Matcher, type MatcherMatch } from '../../_internal/aho-corasick.js';
import type { RegionNameKind, RegionPack, RegionUnit } from '../../model/region-pack.js';
import type { PlaceMention } from '../../model/text-analysis.js';
import { foldWidth, toSimplifiedChinese } from '../normalize.js';

/** Options of {@link extractPlaces}. */
export interface ExtractPlacesOptions {
  /** The region pack whose units are looked for. */
  readonly region: RegionPack;
}

type Entry =
  | {
      readonly kind: 'place';
      readonly unit: RegionUnit;
      readonly ambiguous: boolean;
      /** `english`: the unit's `nameEn`, or that name without its generic suffix (Baotou, Xilingol). */
      readonly form: RegionNameKind | 'english';
    }
  | { readonly kind: 'blocker' }
  | { readonly kind: 'context' };

type EntryMatch = MatcherMatch<Entry>;
type PlaceMatch = MatcherMatch<Extract<Entry, { kind: 'place' }>>;

// Words that contain a place name but mean something else; a name overlapping one is not a place
// (多伦 in 多伦多 is Toronto, 东乌 in 东乌克兰 is eastern Ukraine, 兴安 in 大兴安岭 a mountain range,
// 二连 in 十二连城 a township of 准格尔旗, 赛罕 in 赛罕乌拉 a reserve in 巴林右旗).
const NON_PLACE_WORDS = [
  '多伦多',
  '乌克兰',
  '兴安岭',
  '大兴安岭',
  '小兴安岭',
  '海南省',
  '海南岛',
  '海南州',
  '海南藏族',
  '十二连城',
  '赛罕乌拉',
  '赛罕高毕',
  '赛罕塔拉',
  '绿水青山',
  '青山绿水',
  'Greater Hinggan',
  'Lesser Hinggan',
  'Da Hinggan',
  'Xiao Hinggan',
] as const;

// English names as USGS, GDACS or ReliefWeb write them: the full `nameEn` and the name without its
// generic suffix. A bare district name (Qingshan, Xincheng) is as ambiguous in English as in Chinese.
const ENGLISH_SUFFIX = / (League|Banner|County|City|District|Mining District|Autonomous Region)$/;
const LATIN_LETTER = /[A-Za-z]/;

function englishForms(unit: RegionUnit): { text: string; ambiguous: boolean }[] {
  if (!unit.nameEn) return [];
  const suffix = ENGLISH_SUFFIX.exec(unit.nameEn);
  const short = suffix ? unit.nameEn.slice(0, suffix.index) : undefined;
  // Qingshan District is as ambiguous as 青山区 (Wuhan has one too).
  const ambiguous = unit.ambiguousNames.includes(unit.name);
  return [
    { text: unit.nameEn, ambiguous },
    ...(short && short.length >= 4 ? [{ text: short, ambiguous: ambiguous || suffix![1] === 'District' }] : []),
  ];
}

// After a short form or alias, words that make it the name of something named after the place:
// 海拉尔河 is a river, 红山水库 a reservoir, 海拉尔东路 and 伊金霍洛西街 streets, 红山文化 a
// culture, 鄂温克苏木 a township. Not when the word reads otherwise: 山区/山市 (元宝山区), 街上/街头
// (on the streets of the place), 路上/路途/路况 (on the way to it), 苏木山 (a mountain of 兴和).
const FEATURE_AFTER_SHORT_FORM =
  /河|湖|水库|山(?![区市])|[东西南北]?大?街(?![上头面边里])|[东西南北]?路(?![上途况])|大桥|文化|苏木(?!山)/y;
// Forms that end in a unit word (土左旗, 呼市) name the unit even before 水库 or 路.
const ENDS_WITH_UNIT_WORD = /[旗盟县区市]$/;

// A news dateline (新华社呼和浩特8月1日电, 中新网海拉尔电, 本报包头3日讯) says where the report was
// filed, not where the event is. Before its place: an agency or paper name ending in 社/网/报/台;
// after it: an optional date, then 电 or 讯.
const DATELINE_BEFORE_PLACE = /^\s*[【[（(]?[\u4e00-\u9fff]{0,8}(?:社|网|报|台)\s?$/;
const DATELINE_AFTER_PLACE =
  /^\s?(?:(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})月)?(?:(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})日)?[电讯]/;
const DATELINE_MAX_PREFIX = 12;

// Besides the root's own names, words that place a text in an autonomous region.
const CONTEXT_WORDS = ['自治区'] as const;

const matchers = new WeakMap<RegionPack, Matcher<Entry>>();

/**
 * Finds the region units a text names, keeping the most specific: a county named with its league
 * (锡盟西乌旗) gives the county alone, and the province itself is never reported. Names that also
 * mean something outside the region (青山区, 海南, 兴安, …) count only with context: their parent
 * written just before them, a relative unit named elsewhere, or 内蒙古/内蒙/自治区 in the text.
 *
 * Each unit is reported once, in order of first appearance, with the span of that appearance
 * (`[start, end)` into `text`). Full-width and Traditional characters are read as their
 * half-width and Simplified forms.
 *
 * @example
 * ```ts
 * import regionNmg from '@emwatch/region-nmg';
 * extractPlaces('锡林郭勒盟西乌旗发生草原火灾', { region: regionNmg });
 * // [{ code: '152526', name: '西乌珠穆沁旗', level: 'county', span: [5, 8] }]
 * ```
 */
export function extractPlaces(text: string, { region }: ExtractPlacesOptions): PlaceMention[] {
  if (text.length === 0) return [];
  const prepared = prepareText(text);
  const found = getMatcher(region).findAll(prepared);
  if (found.length === 0) return [];

  const blockers = found.filter((match) => match.value.kind === 'blocker');
  const places = found.filter(
    (match): match is PlaceMatch =>
      match.value.kind === 'place' &&
      !blockers.some((blocker) => overlapsWithoutCovering(match, blocker)) &&
      !(match.value.form === 'english' && insideLatinWord(match, prepared)),
  );
  const selected = selectLongest(places).filter((match) => !namesFeature(match, prepared));
  const hasRegionContext =
    found.some((match) => match.value.kind === 'context') ||
    selected.some((match) => match.value.unit.code === region.root);

  // A dateline place can confirm an ambiguous name (新华社赤峰电 … 松山区) but is not reported.
  const dateline = new Set(datelineOf(selected, prepared));
  const confirmed = confirmPlaces(selected, region, hasRegionContext).filter((match) => !dateline.has(match));
  return toMentions(keepMostSpecific(confirmed, region));
}

function getMatcher(region: RegionPack): Matcher<Entry> {
  let matcher = matchers.get(region);
  if (!matcher) {
    matcher = createMatcher<Entry>([
      ...region.names.flatMap((name) => {
        const unit = region.byCode(name.code);
        return unit
          ? [{ text: name.text, value: { kind: 'place', unit, ambiguous: name.ambiguous, form: name.kind } as const }]
          : [];
      }),
      ...region.units.flatMap((unit) =>
        englishForms(unit)
          // A form that is also a Chinese-script name of the pack, or repeats another unit's, is left out.
          .filter((form) => !region.byName(form.text))
          .map((form) => ({
            text: form.text,
            value: { kind: 'place', unit, ambiguous: form.ambiguous, form: 'english' } as const,
          })),
      ),
      ...NON_PLACE_WORDS.map((text) => ({ text, value: { kind: 'blocker' } as const })),
      ...CONTEXT_WORDS.map((text) => ({ text, value: { kind: 'context' } as const })),
    ]);
    matchers.set(region, matcher);
  }
  return matcher;
}

// Spans must index the caller's text, so only length-preserving rewrites are kept.
function prepareText(text: string): string {
  const folded = foldWidth(text);
  const simplified = toSimplifiedChinese(folded);
  return simplified.length === folded.length ? simplified : folded;
}

// Baotou in "Baotoushi" or "XBaotou" is not the name on its own.
function insideLatinWord(match: EntryMatch, text: string): boolean {
  return LATIN_LETTER.test(text.charAt(match.start - 1)) || LATIN_LETTER.test(text.charAt(match.end));
}

function overlapsWithoutCovering(match: EntryMatch, blocker: EntryMatch): boolean {
  const overlaps = match.start < blocker.end && blocker.start < match.end;
  const covers = match.start <= blocker.start && match.end >= blocker.end;
  return overlaps && !covers;
}

// Leftmost-longest: 东乌珠穆沁旗 beats 东乌, 鄂托克前旗 beats 鄂托克.
function selectLongest(matches: readonly PlaceMatch[]): PlaceMatch[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  const selected: PlaceMatch[] = [];
  let coveredUntil = 0;
  for (const match of sorted) {
    if (match.start < coveredUntil) continue;
    selected.push(match);
    coveredUntil = match.end;
  }
  return selected;
}

// 海拉尔河, 红山水库: a short form or alias followed by a feature word; full names always stand.
function namesFeature(match: PlaceMatch, text: string): boolean {
  if (
    match.value.form === 'name' ||
    match.value.form === 'english' ||
    ENDS_WITH_UNIT_WORD.test(text.slice(match.start, match.end))
  )
    return false;
  FEATURE_AFTER_SHORT_FORM.lastIndex = match.end;
  return FEATURE_AFTER_SHORT_FORM.test(text);
}

// The places of a leading dateline; the same place named again later is another match.
function datelineOf(selected: readonly PlaceMatch[], text: string): readonly PlaceMatch[] {
  const first = selected[0];
  if (!first || first.start > DATELINE_MAX_PREFIX) return [];
  if (!DATELINE_BEFORE_PLACE.test(text.slice(0, first.start))) return [];
  // Places written one after another (内蒙古呼和浩特) all belong to the dateline.
  let last = 0;
  while (selected[last + 1]?.start === selected[last].end) last++;
  const after = text.slice(selected[last].end, selected[last].end + 12);
  return DATELINE_AFTER_PLACE.test(after) ? selected.slice(0, last + 1) : [];
}

// Unambiguous names stand on their own; an ambiguous one needs its parent written just before it,
// region context, or a relative confirmed elsewhere, and once confirmed it can confirm others.
// Confirmation is per unit, so its cost depends on the number of units, not of mentions.
function confirmPlaces(selected: readonly PlaceMatch[], region: RegionPack, hasRegionContext: boolean): PlaceMatch[] {
  const confirmed = new Set<string>();
  selected.forEach((match, i) => {
    const { unit, ambiguous } = match.value;
    if (!ambiguous || hasRegionContext) confirmed.add(unit.code);
    const previous = selected[i - 1];
    if (previous && previous.end === match.start && previous.value.unit.code === unit.parent) {
      confirmed.add(unit.code);
      confirmed.add(previous.value.unit.code);
    }
  });
  const pending = new Set(selected.map((match) => match.value.unit).filter((unit) => !confirmed.has(unit.code)));
  let changed = pending.size > 0;
  while (changed) {
    changed = false;
    for (const unit of pending) {
      if (!hasRelativeNamed(unit, confirmed, region)) continue;
      confirmed.add(unit.code);
      pending.delete(unit);
      changed = true;
    }
  }
  return selected.filter((match) => confirmed.has(match.value.unit.code) && match.value.unit.code !== region.root);
}

// A relative is the unit's parent, a child, or a sibling under the same non-root parent.
function hasRelativeNamed(unit: RegionUnit, codes: ReadonlySet<string>, region: RegionPack): boolean {
  for (const code of codes) {
    if (code === unit.code || code === region.root) continue;
    const other = region.byCode(code);
    if (!other) continue;
    if (code === unit.parent || other.parent === unit.code) return true;
    if (unit.parent !== region.root && other.parent === unit.parent) return true;
  }
  return false;
}

// A league named together with one of its counties is implied by the county.
function keepMostSpecific(matches: readonly PlaceMatch[], region: RegionPack): PlaceMatch[] {
  const implied = new Set<string>();
  for (const { value } of matches) {
    for (let parent = region.parent(value.unit.code); parent; parent = region.parent(parent.code)) {
      if (implied.has(parent.code)) break;
      implied.add(parent.code);
    }
  }
  return matches.filter((match) => !implied.has(match.value.unit.code));
}

function toMentions(matches: readonly PlaceMatch[]): PlaceMention[] {
  const seen = new Set<string>();
  const mentions: PlaceMention[] = [];
  for (const { start, end, value } of matches) {
    if (seen.has(value.unit.code)) continue;
    seen.add(value.unit.code);
    mentions.push({ code: value.unit.code, name: value.unit.name, level: value.unit.level, span: [start, end] });
  }
  return mentions;
}
