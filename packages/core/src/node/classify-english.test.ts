import { describe, expect, it } from 'vitest';
import { classifyEnglish } from './classify-english.js';

describe('classifyEnglish', () => {
  it('classifies a flash flood warning as a flood at the warning stage', () => {
    const result = classifyEnglish('Flash flood warning issued for Ordos and Baotou');

    expect(result.type).toBe('flood');
    expect(result.stage).toBe('warning');
  });

  it('explains a flood warning with the phrase first and the stage cue labelled', () => {
    const result = classifyEnglish('Flash flood warning issued for Ordos and Baotou');

    expect(result.explanation).toEqual([
      { term: 'Flash flood', source: 'lexicon', weight: 3.5 },
      { term: 'warning', source: 'lexicon', weight: 2.5, label: 'warning' },
      { term: 'issued', source: 'lexicon', weight: 0.5, label: 'warning' },
    ]);
  });

  it('classifies a magnitude headline as an earthquake that is occurring', () => {
    const result = classifyEnglish('M 5.1 earthquake strikes 12 km NE of Baotou, China');

    expect(result.type).toBe('earthquake');
    expect(result.stage).toBe('occurring');
    expect(result.confidence).toBeGreaterThan(0.9);
  });

  it('classifies a bare USGS title by its magnitude rule', () => {
    const result = classifyEnglish('M 5.1 - 12 km NE of Baotou, China');

    expect(result.type).toBe('earthquake');
    expect(result.explanation[0]).toEqual({ term: 'M 5.1', source: 'rule', weight: 3 });
  });

  it('gives none for an earthquake drill, keeping the hazard as labelled evidence', () => {
    const result = classifyEnglish('Earthquake drill at local schools');

    expect(result.type).toBe('none');
    expect(result.stage).toBeNull();
    expect(result.explanation).toEqual([
      { term: 'Earthquake', source: 'lexicon', weight: 3, label: 'earthquake' },
      { term: 'drill', source: 'lexicon', weight: 3 },
    ]);
  });

  it('classifies a coal mine collapse trapping miners as a mining accident', () => {
    const result = classifyEnglish('Coal mine collapse traps 12 miners in Inner Mongolia');

    expect(result.type).toBe('mining');
    expect(result.stage).toBe('occurring');
    expect(result.explanation[0]).toEqual({ term: 'Coal mine', source: 'lexicon', weight: 4 });
  });

  it('classifies a grassland fire as a wildfire, not a building fire', () => {
    expect(classifyEnglish('Grassland fire spreads across Xilingol, firefighters deployed').type).toBe('wildfire');
  });

  it('classifies a warehouse fire as a building fire', () => {
    expect(classifyEnglish('Warehouse fire in Hohhot sends smoke over the city').type).toBe('fire');
  });

  it('classifies a GDACS drought alert', () => {
    expect(classifyEnglish('Orange drought alert for Mongolia and China').type).toBe('drought');
  });

  it('classifies a dzud as a snow disaster', () => {
    expect(classifyEnglish('Severe dzud kills livestock across Mongolia').type).toBe('snow-disaster');
  });

  it('classifies African swine fever as an animal epidemic, not a human one', () => {
    expect(classifyEnglish('African swine fever outbreak confirmed on a pig farm in Tongliao').type).toBe(
      'animal-epidemic',
    );
  });

  it('classifies a train derailment as a traffic accident', () => {
    expect(classifyEnglish('Freight train derailed near Jining, no injuries').type).toBe('traffic');
  });

  it('classifies a chemical plant leak as a hazardous-chemicals accident', () => {
    expect(classifyEnglish('Chemical leak at an Alxa chemical plant forces evacuation').type).toBe('hazchem');
  });

  it('reads evacuation as the response stage', () => {
    expect(classifyEnglish('Thousands evacuated as floods hit Inner Mongolia').stage).toBe('response');
  });

  it('does not read "exercise caution" as a drill', () => {
    expect(classifyEnglish('Dust storm warning: residents should exercise caution').type).toBe('sandstorm');
  });

  it('gives none with no stage for a text that names no hazard', () => {
    const result = classifyEnglish('Regional leaders meet to discuss trade and tourism');

    expect(result).toEqual({ type: 'none', stage: null, confidence: 0.881, explanation: [] });
  });

  it('gives none for an empty text', () => {
    expect(classifyEnglish('').type).toBe('none');
  });
});
