import type { Page } from '../../store/store.js';

/** Records read from a paged store list, at most `max`; `truncated` says there were more. */
export async function readPages<T>(
  list: (after: string | undefined) => Promise<Page<T>>,
  max: number,
): Promise<{ readonly items: T[]; readonly truncated: boolean }> {
  const items: T[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await list(after);
    for (const item of page.items) {
      if (items.length === max) return { items, truncated: true };
      items.push(item);
    }
    if (page.next === undefined || page.items.length === 0) return { items, truncated: false };
    after = page.next;
  }
}
