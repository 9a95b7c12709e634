import { describe, expect, it } from 'vitest';
import { classifyMongolian } from './mongolian.js';

describe('classifyMongolian in Cyrillic', () => {
  it('classifies a snowstorm in Ulaanbaatar as a snow disaster', () => {
    const result = classifyMongolian('Улаанбаатар хотод цасан шуурга');

    expect(result).toEqual({
      type: 'snow-disaster',
      evidence: [{ term: 'цасан шуурга', source: 'lexicon', weight: 3 }],
    });
  });

  it('classifies a dust storm with missing people as a sandstorm', () => {
    const result = classifyMongolian('Говь-Алтай аймагт шороон шуурга шуурч, 3 хүн сураггүй алга болжээ');

    expect(result?.type).toBe('sandstorm');
  });

  it('classifies a flood with an inflected word as a flood', () => {
    const result = classifyMongolian('Сэлэнгэ аймагт үерийн улмаас 200 гаруй айлыг нүүлгэн шилжүүлэв');

    expect(result?.type).toBe('flood');
    expect(result?.evidence[0]?.term).toBe('үерийн');
  });

  it('classifies a forest fire as a wildfire', () => {
    expect(classifyMongolian('Хэнтий аймгийн нутагт ойн түймэр гарчээ')?.type).toBe('wildfire');
  });

  it('classifies a fire in a flat as a building fire', () => {
    expect(classifyMongolian('Баянзүрх дүүргийн орон сууцанд гал гарсан байна')?.type).toBe('fire');
  });

  it('classifies an earthquake written in capitals', () => {
    expect(classifyMongolian('ХӨВСГӨЛ АЙМАГТ 5.4 МАГНИТУДЫН ГАЗАР ХӨДЛӨЛТ БОЛЖЭЭ')?.type).toBe('earthquake');
  });

  it('classifies a dzud as a snow disaster', () => {
    expect(classifyMongolian('Өвөлжилт хүндэрч, 12 аймагт зуд нүүрлэв')?.type).toBe('snow-disaster');
  });

  it('files a black dzud, a snowless winter, under drought', () => {
    expect(classifyMongolian('Дорнод аймагт хар зуд нүүрлэв')?.type).toBe('drought');
  });

  it('gives none for an earthquake drill at schools, keeping the hazard as labelled evidence', () => {
    const result = classifyMongolian('Сургуулиудад газар хөдлөлтийн дадлага сургуулилт зохион байгууллаа');

    expect(result).toEqual({
      type: 'none',
      evidence: [
        { term: 'газар хөдлөлтийн', source: 'lexicon', weight: 3.5, label: 'earthquake' },
        { term: 'дадлага сургуулилт', source: 'lexicon', weight: 3 },
      ],
    });
  });

  it('returns null for a sentence about nice weather', () => {
    expect(classifyMongolian('Өнөөдөр Улаанбаатарт цаг агаар сайхан байна')).toBeNull();
  });

  it('returns null for a kitchen, which is written with the word for fire', () => {
    expect(classifyMongolian('Гал тогооны өрөөнд хоол хийв')).toBeNull();
  });

  it('returns null when fire is only mentioned in passing', () => {
    expect(classifyMongolian('Гал бол монгол айлын голомт')).toBeNull();
  });
});

describe('classifyMongolian in the traditional script', () => {
  it('classifies üyer as a flood', () => {
    expect(classifyMongolian('ᠦᠶᠡᠷ\u202Fᠦᠨ ᠠᠶᠤᠯ')?.type).toBe('flood');
  });

  it('classifies a fire that broke out', () => {
    expect(classifyMongolian('ᠭᠠᠯ ᠭᠠᠷᠪᠠ')?.type).toBe('fire');
  });

  it('classifies a steppe fire written with a vowel separator and a narrow space as a wildfire', () => {
    expect(classifyMongolian('ᠬᠡᠭᠡᠷ\u180Eᠡ\u202Fᠶᠢᠨ ᠭᠠᠯ')?.type).toBe('wildfire');
  });

  it('classifies a snowstorm as a snow disaster', () => {
    expect(classifyMongolian('ᠴᠠᠰᠤᠨ ᠰᠢᠭᠤᠷᠭ\u180Eᠠ')?.type).toBe('snow-disaster');
  });

  it('classifies γaǰar ködelkü as an earthquake', () => {
    expect(classifyMongolian('ᠭᠠᠵᠠᠷ ᠬᠥᠳᠡᠯᠬᠦ')?.type).toBe('earthquake');
  });

  it('returns null for a text that names no hazard', () => {
    expect(classifyMongolian('ᠮᠣᠩᠭᠣᠯ ᠬᠡᠯᠡ')).toBeNull();
  });
});
