/**
 * Extension cells: a local row the official format lacks (FORMATS.md "Local variants": some 2020
 * reports add 其他主动公开文件 under 第二十条第（一）项) is kept, never dropped, under a row code that
 * is plain ASCII and reversible: `ext_` followed by the label's code points in lowercase hex joined
 * by `_`. So 其他主动公开文件 → `proactive.ext_5176_4ed6_4e3b_52a8_516c_5f00_6587_4ef6.new_made`.
 * The label is its match key (notes in brackets, spaces and punctuation removed) in simplified characters.
 */
const PREFIX = 'ext_';

export function extensionRowCode(label: string): string {
  return PREFIX + [...label].map((ch) => ch.codePointAt(0)!.toString(16)).join('_');
}

/** The label of an extension row code, or undefined when the code is not one. */
export function extensionRowLabel(rowCode: string): string | undefined {
  if (!rowCode.startsWith(PREFIX)) return undefined;
  const parts = rowCode.slice(PREFIX.length).split('_');
  if (parts.length === 0 || !parts.every((p) => /^[0-9a-f]{1,6}$/.test(p))) return undefined;
  return String.fromCodePoint(...parts.map((p) => parseInt(p, 16)));
}

export function isExtensionRowCode(rowCode: string): boolean {
  return extensionRowLabel(rowCode) !== undefined;
}
