import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { renderExample, workedExamples } from '../../test/risk-examples.js';

const DOC = fileURLToPath(new URL('../../../../docs/risk-and-alerts.md', import.meta.url));

/** The text between `<!-- risk-example:id -->` and `<!-- /risk-example:id -->`. */
function blockPattern(id: string): RegExp {
  return new RegExp(`(<!-- risk-example:${id} -->\\n)([\\s\\S]*?)(<!-- /risk-example:${id} -->)`);
}

/** An example's Markdown as the formatter writes it in the doc (tables padded), so `format:check` and this test agree. */
async function formatted(markdown: string): Promise<string> {
  const config = (await resolveConfig(DOC)) ?? {};
  return (await format(markdown, { ...config, parser: 'markdown' })).trim();
}

describe('the worked examples of docs/risk-and-alerts.md', () => {
  const examples = workedExamples();

  if (process.env.UPDATE_GOLDEN === '1') {
    it('are rewritten from the code', async () => {
      let doc = readFileSync(DOC, 'utf8');
      for (const example of examples) {
        expect(doc).toMatch(blockPattern(example.id));
        const block = await formatted(renderExample(example));
        doc = doc.replace(
          blockPattern(example.id),
          (_all, open: string, _old: string, close: string) => `${open}\n${block}\n\n${close}`,
        );
      }
      writeFileSync(DOC, doc);
    });
    return;
  }

  for (const example of examples) {
    it(`show what scoreEvent computes for the ${example.id} example`, async () => {
      const doc = readFileSync(DOC, 'utf8');
      const match = blockPattern(example.id).exec(doc);
      expect(match, `markers of ${example.id} missing from the doc`).not.toBeNull();
      expect(match![2]!.trim()).toBe(await formatted(renderExample(example)));
    });
  }

  it('land where the doc says: the mine at Ⅲ, the blizzard at Ⅱ then Ⅰ, the rumour at Ⅱ then Ⅳ', () => {
    const levels = Object.fromEntries(examples.map((e) => [e.id, e.steps.map((s) => s.risk.level)]));
    expect(levels).toEqual({ 'coal-mine': ['III', 'III'], blizzard: ['II', 'I'], rumour: ['II', 'IV'] });
  });
});
