import { describe, expect, it } from 'vitest';
import {
  RISK_FACTOR_IDS,
  RISK_FACTOR_LABELS,
  RISK_PRESETS,
  resolveRiskPreset,
  riskFactorLabel,
  validateRiskPreset,
} from './presets.js';

describe('RISK_PRESETS', () => {
  it('are plain JSON that validates back to themselves', () => {
    for (const preset of Object.values(RISK_PRESETS)) {
      expect(validateRiskPreset(JSON.parse(JSON.stringify(preset)))).toEqual(preset);
    }
  });

  it('weigh every factor', () => {
    for (const preset of Object.values(RISK_PRESETS)) {
      expect(Object.keys(preset.weights).sort()).toEqual([...RISK_FACTOR_IDS].sort());
    }
  });
});

describe('riskFactorLabel', () => {
  it('names every factor in Chinese and English', () => {
    for (const id of [...RISK_FACTOR_IDS, 'level-floor'] as const) {
      expect(RISK_FACTOR_LABELS[id]['zh-CN']).toMatch(/\p{Script=Han}/u);
      expect(RISK_FACTOR_LABELS[id].en).toMatch(/^[A-Z]/);
    }
    expect(riskFactorLabel('source-authority')).toBe('信源权威性');
    expect(riskFactorLabel('stage', 'en')).toBe('Stage');
    expect(riskFactorLabel('unknown-factor')).toBe('unknown-factor');
  });
});

describe('validateRiskPreset', () => {
  const valid = JSON.parse(JSON.stringify(RISK_PRESETS.default));

  it('refuses a misspelt factor instead of letting it weigh nothing', () => {
    expect(() => validateRiskPreset({ ...valid, weights: { ...valid.weights, casualty: 0.3 } })).toThrow(
      /preset weights\.casualty is not a factor/,
    );
  });

  it('refuses a missing weight, naming it', () => {
    const weights = { ...valid.weights };
    delete weights.burst;
    expect(() => validateRiskPreset({ ...valid, weights })).toThrow(
      /weights\.burst must be a number from 0 to 1, got undefined/,
    );
  });

  it('refuses all-zero weights', () => {
    const weights = Object.fromEntries(RISK_FACTOR_IDS.map((id) => [id, 0]));
    expect(() => validateRiskPreset({ ...valid, weights })).toThrow(/at least one factor a positive weight/);
  });

  it('refuses an unknown type in typeSeverity and unknown keys', () => {
    expect(() => validateRiskPreset({ ...valid, typeSeverity: { blizzard: 0.5 } })).toThrow(
      /typeSeverity\.blizzard is not a taxonomy type id/,
    );
    expect(() => validateRiskPreset({ ...valid, extra: 1 })).toThrow(/preset extra is not a preset key/);
  });

  it('refuses a bad stage value or floor flag', () => {
    expect(() => validateRiskPreset({ ...valid, stageValues: { ...valid.stageValues, rumor: -1 } })).toThrow(
      /stageValues\.rumor/,
    );
    expect(() => validateRiskPreset({ ...valid, floors: { ...valid.floors, warning: 'yes' } })).toThrow(
      /floors\.warning must be true or false/,
    );
  });
});

describe('resolveRiskPreset', () => {
  it('returns a built-in preset by id, unchanged without overrides', () => {
    expect(resolveRiskPreset('production-safety')).toBe(RISK_PRESETS['production-safety']);
  });

  it('overrides some weights and keeps the rest', () => {
    const preset = resolveRiskPreset('default', { burst: 0 });
    expect(preset.weights.burst).toBe(0);
    expect(preset.weights.casualties).toBe(RISK_PRESETS.default!.weights.casualties);
  });

  it('does not look up inherited object keys as presets', () => {
    expect(() => resolveRiskPreset('toString')).toThrow(/unknown preset "toString"/);
  });
});
