// Text understanding throughput on one core, against natural's BayesClassifier (sub-path import,
// same texts, same run), and heap used per 1,000 analyses. Targets: classifyText ≥ 150k docs/s,
// analyzeText ≥ 30k docs/s, ≥ 50× natural.
import { createRequire } from 'node:module';
import { analyzeText, classifyText } from '@emwatch/core';
import regionNmg from '@emwatch/region-nmg';
import { readCorpus } from '../scripts/_internal/corpus.js';
import { measure, report } from './_internal/measure.js';

const require = createRequire(import.meta.url);
// The package root would load mongoose, pg and redis; the classifier's own file does not.
const BayesClassifier = require('natural/lib/natural/classifiers/bayes_classifier.js') as new () => {
  addDocument(tokens: string[], label: string): void;
  train(): void;
  classify(tokens: string[]): string;
};

const corpus = readCorpus();
const texts = corpus.map((e) => e.text).filter((t) => t.length >= 30 && t.length <= 80);
// natural's tokenizers drop Chinese characters; give it the same character uni- and bigrams.
const tokens = (text: string) => [...text].flatMap((c, i, all) => (i + 1 < all.length ? [c, c + all[i + 1]] : [c]));
const bayes = new BayesClassifier();
for (const example of corpus.filter((e) => e.split === 'train')) bayes.addDocument(tokens(example.text), example.type);
bayes.train();
const tokenized = texts.map(tokens);

let i = 0;
const nextText = () => texts[i++ % texts.length]!;
console.log(`${texts.length} corpus texts of 30–80 characters`);
const baseline = measure('natural BayesClassifier', () => bayes.classify(tokenized[i++ % tokenized.length]!), 1500);
report(
  measure('classifyText', () => classifyText(nextText()), 1500),
  baseline,
);
report(
  measure('analyzeText (with region-nmg)', () => analyzeText(nextText(), { region: regionNmg }), 1500),
  baseline,
);

const gc = (globalThis as { gc?: () => void }).gc;
if (gc) {
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = [];
  for (let k = 0; k < 1000; k++) kept.push(analyzeText(texts[k % texts.length]!, { region: regionNmg }));
  gc();
  const after = process.memoryUsage().heapUsed;
  console.log(`heap used per 1,000 analyses (results kept): ${((after - before) / 1024).toFixed(0)} KB`);
} else {
  console.log('heap per 1,000 analyses: run with node --expose-gc (npm run bench does)');
}
