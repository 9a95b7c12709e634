import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadModel } from './model.js';
import { MODEL_JSON } from './model-data.js';

describe('the shipped model artefact', () => {
  it('stays under 2 MB gzipped', () => {
    const source = readFileSync(new URL('./model-data.ts', import.meta.url));
    expect(gzipSync(source).byteLength).toBeLessThan(2 * 1024 * 1024);
  });

  it('loads and covers the 26 types and 5 stages of the taxonomy', () => {
    const model = loadModel(MODEL_JSON);
    expect(model.labels).toHaveLength(26);
    expect(model.stages).toEqual(['warning', 'occurring', 'response', 'aftermath', 'rumor']);
  });
});
