import type { FinopsConfig } from '../../config/index.ts';
import { hashCanonical } from '../ledger/canonical-json.ts';

/** SHA-256 of the whole price table, recorded on every spend row so a cost can be re-derived later. */
export function priceTableHash(finops: FinopsConfig): string {
  return hashCanonical(Object.fromEntries(Object.entries(finops.providers).map(([provider, limits]) => [provider, limits?.models ?? {}])));
}
