import { describe, expect, it } from 'vitest';
import { EmwatchError } from '../errors.js';
import { classifyText } from './classify.js';
import { loadModel, serializeModel } from './model.js';
import { trainClassifier, type TrainingExample } from './train.js';

const examples: TrainingExample[] = [
  { text: '锡盟气象台发布暴雪蓝色预警', type: 'snow-disaster', stage: 'warning' },
  { text: '东乌旗遭遇白灾，牧民牲畜受困', type: 'snow-disaster', stage: 'occurring' },
  { text: '阿拉善出现强沙尘暴，能见度不足百米', type: 'sandstorm', stage: 'occurring' },
  { text: '气象台发布沙尘暴黄色预警', type: 'sandstorm', stage: 'warning' },
  { text: '鄂尔多斯一煤矿发生透水事故，3名矿工被困', type: 'mining', stage: 'occurring' },
  { text: '矿山救护队正在井下搜救被困矿工', type: 'mining', stage: 'response' },
  { text: '全市开展防汛应急演练', type: 'none', stage: null },
  { text: '这款手机火爆全网', type: 'none', stage: null },
];

describe('trainClassifier', () => {
  it('is deterministic: the same examples give byte-identical models', () => {
    const a = JSON.stringify(serializeModel(trainClassifier(examples, { epochs: 10 })));
    const b = JSON.stringify(serializeModel(trainClassifier(examples, { epochs: 10 })));
    expect(a).toBe(b);
  });

  it('learns its training examples', () => {
    const model = trainClassifier(examples, { epochs: 30 });
    expect(classifyText('阿拉善出现强沙尘暴', { model }).type).toBe('sandstorm');
    expect(classifyText('一煤矿发生透水事故', { model }).type).toBe('mining');
  });

  it('survives serialisation and loading with the same decisions', () => {
    const model = trainClassifier(examples, { epochs: 30 });
    const loaded = loadModel(JSON.stringify(serializeModel(model)));
    for (const example of examples) {
      expect(classifyText(example.text, { model: loaded }).type).toBe(classifyText(example.text, { model }).type);
    }
  });

  it('loads a model from UTF-8 bytes as well as from text', () => {
    const json = JSON.stringify(serializeModel(trainClassifier(examples, { epochs: 5 })));
    const model = loadModel(new TextEncoder().encode(json));
    expect(model.labels).toHaveLength(26);
  });

  it('rejects an example with an unknown type, naming it', () => {
    const bad = [...examples, { text: '未知', type: 'volcano', stage: null }] as TrainingExample[];
    expect(() => trainClassifier(bad)).toThrow(/example 8 has unknown type volcano/);
  });
});

describe('loadModel', () => {
  it('rejects text that is not JSON with a stable error code', () => {
    expect(() => loadModel('not json')).toThrow(EmwatchError);
    expect(() => loadModel('not json')).toThrow(/\[model\] not JSON/);
  });

  it('rejects a JSON document of another format', () => {
    expect(() => loadModel('{"format":"something-else"}')).toThrow(/format is not emwatch-text-classifier/);
  });

  it('rejects weights that do not match the keys', () => {
    const data = serializeModel(trainClassifier(examples, { epochs: 2 }));
    expect(() => loadModel({ ...data, weights: 'AAAA' })).toThrow(/weights hold 3 values/);
  });
});
