import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * `../shared/fixtures/` beside the repository: real-world inputs nobody here wrote, read in place
 * (never copied into the repository). Missing means a broken checkout, so it fails loudly.
 */
export const SHARED_FIXTURES = fileURLToPath(new URL('../../../../shared/fixtures/', import.meta.url));

function requireShared(): void {
  if (!existsSync(SHARED_FIXTURES))
    throw new Error(`shared fixtures not found at ${SHARED_FIXTURES}: check out ../shared beside the repository`);
}

/** File names in one shared fixture folder, e.g. `sharedFixtureNames('cap')`. */
export function sharedFixtureNames(folder: string): string[] {
  requireShared();
  return readdirSync(`${SHARED_FIXTURES}${folder}`).sort();
}

/** Bytes of a shared fixture, e.g. `readSharedFixture('cap/gdacs-cap_1001150.xml')`. */
export function readSharedFixture(path: string): Uint8Array {
  requireShared();
  return new Uint8Array(readFileSync(`${SHARED_FIXTURES}${path}`));
}
