/**
 * Origin from the credit markers alone (layer 1; Media Cloud's AP detector
 * got about 85% of wire copy right this way). The text layer (lib/reuse)
 * refines it when reference documents are given.
 *
 * - an agency credit on a page that is not the agency's own (byline, dateline,
 *   sign-off, copyright): wire copy, wholly derived;
 * - only "Additional reporting by <agency>": wire material, partially derived;
 * - the agency's own house dateline on its own page (/TASS/ on TASS): original,
 *   agency named;
 * - a repost footer ("Source link") without agency credit: a repost, wholly
 *   derived; a sentence cut off before it is evidence too;
 * - no markers: original as far as markers can tell, derivation unknown (null).
 */
import { splitSentences } from './sentences.js';
import type { CreditMarker, Derivation, ExtractedArticle, OriginKind } from '../types.js';

export interface MarkerOrigin {
  kind: OriginKind;
  agency: string | null;
  evidence: string[];
  imageCredits: string[];
  truncated: boolean;
  /** What the markers say about derivation; null when they say nothing. */
  derivation: Derivation | null;
}

/** Credit kinds that put a whole story under an agency's name. */
const WHOLE_STORY: ReadonlySet<CreditMarker['kind']> = new Set(['byline', 'dateline', 'signoff', 'copyright']);

export function originFromMarkers(extracted: ExtractedArticle): MarkerOrigin {
  const credits = extracted.credits;
  const evidence = credits.map((c) => c.text);
  if (extracted.truncated) {
    // The cut-off sentence: the last one of the last paragraph.
    const p = extracted.body.paragraphs[extracted.body.paragraphs.length - 1];
    if (p) {
      const para = extracted.body.text.slice(p.start, p.end);
      const last = splitSentences(para).pop();
      if (last) evidence.push(para.slice(last.start, last.end));
    }
  }
  const publisherName = extracted.publisher?.name ?? null;
  const agencyCredits = credits.filter((c) => c.agency);
  const own = agencyCredits.filter((c) => c.agency === publisherName);
  const foreign = agencyCredits.filter((c) => c.agency !== publisherName);
  const repost = credits.some((c) => c.kind === 'source-link');

  if (foreign.length) {
    const whole = foreign.filter((c) => WHOLE_STORY.has(c.kind));
    const agency = mostCredited(whole.length ? whole : foreign);
    return originOf(extracted, 'wire', agency, evidence, whole.length || repost ? 'wholly' : 'partially');
  }
  if (repost) return originOf(extracted, 'repost', null, evidence, 'wholly');
  if (own.length) return originOf(extracted, 'original', own[0].agency, evidence, 'non');
  return originOf(extracted, 'original', null, evidence, null);
}

/** Built field by field (V8 builds an object spread from another through a slow path). */
function originOf(extracted: ExtractedArticle, kind: OriginKind, agency: string | null, evidence: string[], derivation: Derivation | null): MarkerOrigin {
  return { imageCredits: [...extracted.imageCredits], truncated: extracted.truncated, kind, agency, evidence, derivation };
}

/** The agency with most credits; ties go to the first credited. */
function mostCredited(credits: CreditMarker[]): string {
  const counts = new Map<string, number>();
  for (const c of credits) counts.set(c.agency!, (counts.get(c.agency!) ?? 0) + 1);
  let best = credits[0].agency!;
  for (const [a, n] of counts) if (n > counts.get(best)!) best = a;
  return best;
}
