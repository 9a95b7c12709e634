import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { analyzeText, type AnalyzeTextOptions } from '@emwatch/core';

/** Longest input line analysed; longer lines are reported, not truncated silently. */
export const MAX_LINE_CHARS = 100_000;

/**
 * `emwatch analyze [file]`: one JSONL `TextAnalysis` per input line, carrying the line's `id`
 * (its line number when it has none). Input lines are plain text or JSON `{"id", "text"}`. A bad
 * line yields `{"id", "error"}` naming the line and the reason, and the run goes on.
 */
export async function analyzeCommand(
  input: Readable,
  options: AnalyzeTextOptions,
  out: (line: string) => void,
): Promise<number> {
  let lineNumber = 0;
  let failures = 0;
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const raw of lines) {
    lineNumber++;
    const line = lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (!line.trim()) continue;
    let id: unknown = lineNumber;
    try {
      if (line.length > MAX_LINE_CHARS)
        throw new Error(`line is ${line.length} characters, over the limit of ${MAX_LINE_CHARS}`);
      let text = line;
      if (line.trimStart().startsWith('{')) {
        let record: unknown;
        try {
          record = JSON.parse(line);
        } catch (error) {
          throw new Error(`not valid JSON: ${(error as Error).message}`);
        }
        if (typeof record !== 'object' || record === null || Array.isArray(record))
          throw new Error('JSON line is not an object');
        const fields = record as Record<string, unknown>;
        if (fields['id'] !== undefined) id = fields['id'];
        if (typeof fields['text'] !== 'string') throw new Error('JSON line has no string field "text"');
        text = fields['text'];
      }
      out(JSON.stringify({ id, ...analyzeText(text, options) }));
    } catch (error) {
      failures++;
      out(JSON.stringify({ id, error: `line ${lineNumber}: ${(error as Error).message}` }));
    }
  }
  return failures > 0 && failures === lineNumber ? 1 : 0;
}

/** Opens the input: a file path, or standard input when none is given. */
export function openInput(file: string | undefined): Readable {
  return file === undefined || file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' });
}
