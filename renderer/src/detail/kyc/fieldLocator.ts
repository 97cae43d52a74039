// Where a media field's bytes sit in the cache. The engine replaces every media URL in the payload by its locator
// (the JSON path it was found at in the payload as received), so the field's own value is the locator, whatever
// name the block was sent under (`poa_verifications`, a singular `id_verification`, ...). The fallback, built
// from the block's name, covers a value that was never replaced.
import { locatorOf } from '../media.js';

const LOCATOR = /^[\w-]+(\[\d+\])?(\.[\w-]+(\[\d+\])?)*$/;

export function fieldLocator(value: unknown, array: string, index: number, field: string): string {
  return typeof value === 'string' && LOCATOR.test(value) ? value : locatorOf(array, index, field);
}
