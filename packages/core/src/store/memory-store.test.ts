import { describe, expect, it } from 'vitest';
import { describeStoreConformance } from '../../test/store-conformance.js';
import { createMemoryStore } from './memory-store.js';

describeStoreConformance('memory', async () => ({ store: createMemoryStore() }));

describe('createMemoryStore', () => {
  it('drops the oldest quarantine entries past its bound, so memory stays bounded', async () => {
    const store = createMemoryStore({ maxQuarantine: 2 });
    for (const reason of ['a', 'b', 'c']) {
      await store.putQuarantine({
        kind: 'issue',
        code: 'EMW_PARSE_XML',
        sourceId: 's',
        reason,
        at: '2025-04-13T06:00:00+08:00',
      });
    }
    expect((await store.listQuarantine()).map((e) => e.issue.reason)).toEqual(['c', 'b']);
  });

  it('rejects a bound that is not a positive integer, naming it', () => {
    expect(() => createMemoryStore({ maxQuarantine: 0 })).toThrow(/maxQuarantine must be a positive integer, got 0/u);
  });
});
