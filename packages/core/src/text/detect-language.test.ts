import { describe, expect, it } from 'vitest';
import { detectLanguage } from './detect-language.js';

describe('detectLanguage', () => {
  it('tags a Weibo post in Simplified Chinese as zh-Hans', () => {
    const post = '#锡林郭勒暴雪# 西乌旗这雪下得太大了，路都封了，牧民的羊群还在外面，希望大家平安！';

    expect(detectLanguage(post)).toBe('zh-Hans');
  });

  it('tags a Macao CAP headline in Traditional Chinese as zh-Hant', () => {
    expect(detectLanguage('黃色暴雨警告信號')).toBe('zh-Hant');
  });

  it('tags a Hong Kong typhoon bulletin in Traditional Chinese as zh-Hant', () => {
    const bulletin = '天文台發出八號東北烈風或暴風信號，颱風在香港以南約300公里，市民應留在安全地方。';

    expect(detectLanguage(bulletin)).toBe('zh-Hant');
  });

  it('takes Chinese without script-specific characters as Simplified', () => {
    expect(detectLanguage('地震')).toBe('zh-Hans');
  });

  it('keeps a Chinese post that quotes English words as Chinese', () => {
    const post = '据USGS消息，包头附近发生M5.1地震，earthquake felt in Hohhot too';

    expect(detectLanguage(post)).toBe('zh-Hans');
  });

  it('tags a USGS earthquake title as English', () => {
    expect(detectLanguage('M 5.1 - 12 km NE of Baotou, China')).toBe('en');
  });

  it('tags a GDACS headline as English', () => {
    expect(detectLanguage('Red flood alert for China: people affected in Inner Mongolia')).toBe('en');
  });

  it('does not tag a French headline as English', () => {
    expect(detectLanguage('Inondations dans le nord de la Chine: des milliers de personnes évacuées')).toBe('und');
  });

  it('does not tag Latin text without English function words as English', () => {
    expect(detectLanguage('Baotou Hohhot Ordos')).toBe('und');
  });

  it('tags text in the traditional Mongolian script as mn-Mong', () => {
    expect(detectLanguage('ᠥᠪᠦᠷ ᠮᠣᠩᠭᠣᠯ ᠤᠨ ᠥᠪᠡᠷᠲᠡᠭᠡᠨ ᠵᠠᠰᠠᠬᠤ ᠣᠷᠤᠨ')).toBe('mn-Mong');
  });

  it('tags Cyrillic Mongolian without ө or ү as mn-Cyrl', () => {
    expect(detectLanguage('Улаанбаатар хотод цасан шуурга')).toBe('mn-Cyrl');
  });

  it('tags Cyrillic Mongolian with ө and ү as mn-Cyrl', () => {
    expect(detectLanguage('Өмнөговь аймагт үер болж, малчдын гэр усанд автжээ')).toBe('mn-Cyrl');
  });

  it('does not tag Russian as Mongolian', () => {
    expect(detectLanguage('Сильный снегопад в Москве')).toBe('und');
  });

  it('does not tag Kazakh, which also writes ө and ү, as Mongolian', () => {
    expect(detectLanguage('Алматыда қатты жел соғып, үйлердің төбесі ұшты')).toBe('und');
  });

  it('gives und for Japanese, whose kanji would otherwise look Chinese', () => {
    expect(detectLanguage('北海道で震度5弱の地震が発生しました')).toBe('und');
  });

  it('gives und for an empty text', () => {
    expect(detectLanguage('')).toBe('und');
  });

  it('gives und for numbers and punctuation only', () => {
    expect(detectLanguage('2024-04-05 16:20, 5.1')).toBe('und');
  });

  it('gives und for emoji only', () => {
    expect(detectLanguage('😭🙏❤️🔥')).toBe('und');
  });
});
