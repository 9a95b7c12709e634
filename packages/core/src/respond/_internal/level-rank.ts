import { RESPONSE_LEVEL_INFO, type ResponseLevel } from '../../model/taxonomy.js';

/** Ordering rank of a response level: 1 for Ⅳ (lowest) … 4 for Ⅰ (highest). */
export function levelRank(level: ResponseLevel): number {
  return RESPONSE_LEVEL_INFO[level].rank;
}
