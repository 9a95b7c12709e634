// npm run eval: scores the shipped model on the corpus's test split (never trained on) and the
// extractors on every annotated example. Prints per-type precision/recall/F1, the top confusions,
// macro-F1, stage accuracy, places F1 and casualty exactness.
import { classifyText, extractCasualties, extractPlaces, TYPE_IDS, type TypeId } from '@emwatch/core';
import regionNmg from '@emwatch/region-nmg';
import { readCorpus, readHoldout, type CorpusExample } from './_internal/corpus.js';

const corpus = readCorpus();
const test = corpus.filter((e) => e.split === 'test');
const pct = (x: number) => (x * 100).toFixed(1).padStart(5);

/** Per-type precision/recall/F1 rows and the macro-F1 over the types present in `examples`. */
function score(examples: readonly CorpusExample[]) {
  const predictions = examples.map((example) => ({ example, result: classifyText(example.text) }));
  const rows: string[] = [];
  let macro = 0;
  let types = 0;
  for (const type of TYPE_IDS) {
    const tp = predictions.filter((p) => p.result.type === type && p.example.type === type).length;
    const predicted = predictions.filter((p) => p.result.type === type).length;
    const actual = predictions.filter((p) => p.example.type === type).length;
    if (actual === 0 && predicted === 0) continue;
    const precision = predicted ? tp / predicted : 0;
    const recall = actual ? tp / actual : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    macro += f1;
    types++;
    rows.push(`${type.padEnd(16)} ${pct(precision)} ${pct(recall)} ${pct(f1)} ${String(actual).padStart(5)}`);
  }
  return { predictions, rows, macro: macro / types };
}

const { predictions, rows, macro } = score(test);
console.log(`type             prec%  rec%   F1%  support   (test split: ${test.length} of ${corpus.length} examples)`);
console.log(rows.join('\n'));

const confusions = new Map<string, number>();
for (const { example, result } of predictions) {
  if (result.type !== example.type) {
    const key = `${example.type} → ${result.type}`;
    confusions.set(key, (confusions.get(key) ?? 0) + 1);
  }
}
console.log(
  'top confusions: ' +
    [...confusions]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([k, n]) => `${k} (${n})`)
      .join(', '),
);

const staged = predictions.filter((p) => p.example.type !== 'none' && p.result.type === p.example.type);
const stageRight = staged.filter((p) => p.result.stage === p.example.stage).length;
console.log(`stage accuracy (correctly typed, non-none): ${pct(stageRight / staged.length)}% of ${staged.length}`);

// Calibration: mean confidence against accuracy, in bins.
const bins = [0.5, 0.7, 0.9, 1.01];
let from = 0;
const calibration = bins.map((to) => {
  const inBin = predictions.filter((p) => p.result.confidence >= from && p.result.confidence < to);
  const label = `${from.toFixed(1)}–${Math.min(to, 1).toFixed(1)}`;
  from = to;
  if (!inBin.length) return `${label}: —`;
  const accuracy = inBin.filter((p) => p.result.type === p.example.type).length / inBin.length;
  const mean = inBin.reduce((sum, p) => sum + p.result.confidence, 0) / inBin.length;
  return `${label}: conf ${pct(mean)}% acc ${pct(accuracy)}% n=${inBin.length}`;
});
console.log('calibration: ' + calibration.join('; '));

// Extractors are not trained, so every annotated example tests them.
let tpPlaces = 0;
let predictedPlaces = 0;
let actualPlaces = 0;
const placeMisses: string[] = [];
for (const example of corpus) {
  const found = new Set(extractPlaces(example.text, { region: regionNmg }).map((p) => p.code));
  const expected = new Set(example.places);
  for (const code of found) if (expected.has(code)) tpPlaces++;
  predictedPlaces += found.size;
  actualPlaces += expected.size;
  if ([...expected].some((c) => !found.has(c)) || [...found].some((c) => !expected.has(c)))
    placeMisses.push(`${example.file}: ${example.text.slice(0, 40)} expected ${[...expected]} got ${[...found]}`);
}
const placeP = tpPlaces / predictedPlaces;
const placeR = tpPlaces / actualPlaces;
const placesF1 = (2 * placeP * placeR) / (placeP + placeR);
console.log(
  `places: precision ${pct(placeP)}% recall ${pct(placeR)}% F1 ${pct(placesF1)}% (${actualPlaces} annotated mentions)`,
);

let stated = 0;
let exact = 0;
const casualtyMisses: string[] = [];
for (const example of corpus) {
  if (!example.casualties) continue;
  const found = extractCasualties(example.text);
  for (const key of ['deaths', 'injured', 'missing', 'trapped'] as const) {
    const want = example.casualties[key];
    if (want === null) continue;
    stated++;
    if (found[key] === want) exact++;
    else casualtyMisses.push(`${example.file}: ${example.text.slice(0, 50)} ${key} expected ${want} got ${found[key]}`);
  }
}
console.log(`casualties: ${pct(exact / stated)}% of ${stated} stated numbers exact`);
console.log(`macro-F1 (test split): ${pct(macro)}%`);
const holdout = readHoldout();
if (holdout.length) {
  const independent = score(holdout);
  const right = independent.predictions.filter((p) => p.result.type === p.example.type).length;
  console.log(
    `macro-F1 (independent holdout, ${holdout.length} texts written without seeing the corpus): ${pct(independent.macro)}%, accuracy ${pct(right / holdout.length)}%`,
  );
  if (process.argv.includes('--verbose'))
    for (const { example, result } of independent.predictions.filter((p) => p.result.type !== p.example.type))
      console.log(`  ✗ holdout ${example.type} → ${result.type} (${result.confidence}) ${example.text}`);
}

if (process.argv.includes('--verbose')) {
  for (const { example, result } of predictions.filter((p) => p.result.type !== p.example.type))
    console.log(`  ✗ ${example.type} → ${result.type as TypeId} (${result.confidence}) ${example.text}`);
  for (const line of placeMisses) console.log(`  place ${line}`);
  for (const line of casualtyMisses) console.log(`  casualty ${line}`);
}
