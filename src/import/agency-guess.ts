/**
 * What `--create-agencies` needs to create an agency a document names but the database lacks
 * (issue 3 item 3): a stable code and a kind guessed from the name's suffix.
 */
import { createHash } from 'node:crypto';
import type { AgencyKind } from '../domain/checks/types';

/**
 * Name endings and the kind they mean, most specific first (a 街道办事处 ends in 办, a 区人民政府
 * would otherwise match nothing more specific). Matched on the name without spaces or brackets.
 */
const KIND_BY_ENDING: readonly (readonly [RegExp, AgencyKind])[] = [
  [/(街道办事处|街道办|街道)$/, 'SUBDISTRICT'],
  [/(居民委员会|居委会|社区)$/, 'COMMUNITY'],
  [/(村民委员会|村委会|村)$/, 'VILLAGE'],
  [/(乡|镇)(人民政府)?$/, 'TOWN'],
  [/(省|自治区)人民政府(办公厅)?$/, 'PROVINCE'],
  [/(市|自治州|地区|盟)人民政府$/, 'CITY'],
  [/(区|县|旗|县级市)人民政府$/, 'DISTRICT'],
  [/(管理委员会|管委会)$/, 'OTHER'],
  [/(局|委|委员会|办|办公室|厅|署|中心|院|所)$/, 'DEPARTMENT'],
];

/** The kind an agency's name suggests; OTHER when no ending is known. Pure. */
export function guessAgencyKind(name: string): AgencyKind {
  const plain = name.normalize('NFKC').replace(/[\s()（）【】[\]]/g, '');
  for (const [ending, kind] of KIND_BY_ENDING) if (ending.test(plain)) return kind;
  return 'OTHER';
}

/**
 * A code for an agency known only by name: the name's ASCII letters and digits (if any) as a slug,
 * then 10 hex digits of its sha256, so the same name always gets the same code (re-importing does
 * not create a second agency) and two names practically never share one. "咸丰路街道办事处" →
 * "agency-5d0c…" .
 */
export function slugAgencyCode(name: string): string {
  const trimmed = name.normalize('NFKC').trim();
  const ascii = trimmed.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  const hash = createHash('sha256').update(trimmed, 'utf8').digest('hex').slice(0, 10);
  return `${ascii || 'agency'}-${hash}`;
}
