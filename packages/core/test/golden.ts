import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** The project's own fixtures: `packages/core/test/fixtures/<name>`. */
export const fixturePath = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** Bytes of one of the project's own fixtures. */
export const readFixture = (name: string): Uint8Array => new Uint8Array(readFileSync(fixturePath(name)));

/**
 * Compares a value with its golden JSON file (`fixtures/<name>.golden.json`). With
 * `UPDATE_GOLDEN=1` the file is rewritten instead; review the diff before committing. A missing
 * golden file fails the test rather than being created silently.
 */
export function expectGolden(name: string, value: unknown): void {
  const path = fixturePath(`${name}.golden.json`);
  const json = `${JSON.stringify(value, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, json);
    return;
  }
  if (!existsSync(path))
    throw new Error(`golden file ${path} is missing: run the test with UPDATE_GOLDEN=1 and review it`);
  expect(JSON.parse(json)).toEqual(JSON.parse(readFileSync(path, 'utf8')));
}
