import type { FactorInput, FactorResult } from './factor-input.js';

/**
 * Stage: the preset's value for the event's latest stage (occurring 1, response 0.85, warning
 * 0.6, aftermath 0.3, rumour 0, unknown 0.5); the evidence is the signal that showed the stage.
 */
export function stageFactor({ event, preset }: FactorInput): FactorResult {
  const stage = event.stage ?? 'unknown';
  const change = [...event.timeline].reverse().find((entry) => entry.stage === event.stage);
  return {
    applies: true,
    value: preset.stageValues[stage],
    evidence: change ? [change.signalId] : [],
    facts: { stage },
  };
}
