/**
 * Order text by UTF-16 code units, as `Array.prototype.sort()` does: the same on every
 * machine. `localeCompare` follows the user's locale (LANG): in Danish `aa` sorts after
 * `z`, in Estonian `z` before `t`, so manifests, shard plans and reports written on a
 * developer's machine differed from CI's. Its first call also loads ICU's collator (about
 * 15 ms of every executor process).
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
