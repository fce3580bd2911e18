/**
 * The shared vocabulary of sourcetrace: what flows between the stages and what
 * the Report holds. The Report is the public contract; its JSON Schema lives in
 * reports/report.schema.json and must be kept in step with the types below.
 *
 * Offsets are half-open [start, end) in UTF-16 code units into the text named
 * by the field's zone (body.text unless said otherwise).
 */

export interface Span {
  start: number;
  end: number;
}

// ---------------------------------------------------------------- ingest

/** What a reader hands to the pipeline: one document, decoded to a string. */
export interface RawDocument {
  /** The path or label as the user gave it (`file.txt`, `crawl.warc.gz#12`, `-`). */
  file: string;
  /** The decoded text (plain text, or HTML when `format` is `html`). */
  content: string;
  format: 'text' | 'html';
  /** Metadata a container already knows (WARC target URI, JSONL fields). */
  meta?: {
    url?: string | null;
    title?: string | null;
    published?: string | null;
    publisher?: string | null;
    crawlDate?: string | null;
  };
  /** The encoding it was decoded from, when it was not UTF-8. */
  encoding?: string;
}

/** An input that could not be turned into a document. */
export interface InputError {
  file: string;
  message: string;
}

/** What the streaming readers yield: a document, or why one input (file, record, line) is not one. */
export type InputItem = { kind: 'doc'; doc: RawDocument } | { kind: 'error'; error: InputError };

// ---------------------------------------------------------------- extract

/** One line/paragraph of the page, classified as body or furniture. */
export interface Block {
  text: string;
  /** Offsets into the normalized page text. */
  start: number;
  end: number;
  label: 'body' | 'title' | 'byline' | 'meta' | 'boilerplate';
  /** Why it got that label (for --explain and tests). */
  reason?: string;
}

/** A credit string found in the page that says where the text came from. */
export interface CreditMarker {
  /** The text as found (`By Staff Reuters`, `© 2023 Reuters`, `(Yonhap)`). */
  text: string;
  kind: 'byline' | 'copyright' | 'signoff' | 'dateline' | 'source-link' | 'image-credit' | 'reporting-credit';
  /** Canonical agency/outlet name from the lexicon, when it names one. */
  agency: string | null;
  /** Where it was found: body offsets when inside the body, else null. */
  span: Span | null;
}

/** What extraction reads off a page, carried unchanged into the Report. */
export interface ArticleMetadata {
  title: string | null;
  url: string | null;
  crawlDate: string | null;
  published: string | null;
  byline: string | null;
  dateline: string | null;
  publisher: Publisher | null;
  body: Body;
}

/** A clean article, ready for NLP and the detectors. */
export interface ExtractedArticle extends ArticleMetadata {
  file: string;
  credits: CreditMarker[];
  /** The body was cut off mid-sentence (a repost teaser before "Source link"). */
  truncated: boolean;
  /** Image/photo credits (`KCNA via REUTERS`). */
  imageCredits: string[];
}

export interface Body {
  text: string;
  paragraphs: Span[];
  /** Paragraphs or sentences the scrape repeated, kept once in `text`. */
  repeated: RepeatedPassage[];
}

export interface RepeatedPassage {
  text: string;
  /** Span in body.text of the copy that was kept. */
  start: number;
  end: number;
  /** How many times it appeared in the page (>= 2). */
  count: number;
}

// ---------------------------------------------------------------- sources

export type PublisherKind =
  | 'wire'
  | 'state-media'
  | 'public-media'
  | 'broadcaster'
  | 'newspaper'
  | 'digital'
  | 'aggregator'
  | 'content-farm';

export interface Publisher {
  name: string | null;
  kind: PublisherKind | null;
  country: string | null;
  /** The strings in the page that identified it. */
  evidence: string[];
}

export type SourceType =
  | 'official'
  | 'government'
  | 'state-media'
  | 'wire'
  | 'media'
  | 'person'
  | 'organization'
  | 'unknown';

export type SourceIdentity = 'named' | 'role' | 'anonymous';

export type QuoteKind = 'direct' | 'indirect' | 'mixed' | 'none';

export interface SourceProfile {
  /** The words in the text that name the source, as written. */
  text: string;
  start: number;
  end: number;
  /** Who it is once resolved (coreference, lexicon canonical name). */
  canonical: string;
  type: SourceType;
  identity: SourceIdentity;
  /** ISO 3166-1 alpha-2; a list when several; null when unknown. */
  country: string | string[] | null;
  /** Lexicon entries that fired while resolving it. */
  evidence: LexiconRef[];
}

export interface LexiconRef {
  lexicon: string;
  entryId: string;
}

export interface Attribution {
  id: string;
  /** `body` unless the attribution is in the headline (offsets then into `title`). */
  zone: 'body' | 'title';
  /** The sentence that carries it. */
  sentence: { text: string; start: number; end: number };
  source: SourceProfile;
  cue: { text: string; start: number; end: number; lemma: string; form: CueForm };
  quote: QuoteKind;
  /** Spans of quoted words that belong to this attribution (may cross sentences). */
  quoteSpans: Span[];
  /** The outlet through which the words reached this article ("according to TASS"). */
  via: string | null;
  /** The outlet the source spoke to ("told Yonhap"). */
  toldTo: string | null;
  channel: string | null;
  /** Rule that produced it (`attribution/inverted-verb`, ...). */
  ruleId: string;
}

export type CueForm =
  | 'active'
  | 'inverted'
  | 'passive'
  | 'according-to'
  | 'noun'
  | 'headline'
  | 'continuation';

/** A sentence that states something factual and cites nobody. */
export interface UnattributedSentence {
  start: number;
  end: number;
  /** Hedge or vague-attribution phrases inside it ("it is believed"). */
  hedges: { text: string; start: number; end: number; entryId: string }[];
}

// ---------------------------------------------------------------- origin / reuse

export type OriginKind = 'wire' | 'repost' | 'original' | 'unknown';
export type Derivation = 'wholly' | 'partially' | 'non';

export interface Origin {
  kind: OriginKind;
  agency: string | null;
  derivation: Derivation;
  /** Share of the body covered by reused text (0..1), from the text layer. */
  coverage: number;
  /** Documents that the body shares passages with, best first. */
  sources: { file: string; coverage: number }[];
  /** Credit strings found in the page. */
  evidence: string[];
  imageCredits: string[];
  /** The text was cut off mid-sentence. */
  truncated: boolean;
  /** Wire copy found by text matching while the page carries no credit. */
  creditStripped: boolean;
}

export interface ReusePassage {
  a: Span;
  b: Span;
  /** The shared text as it reads in `a`. */
  text: string;
  /** The passage is a quotation both documents carry (not copy). */
  quotation: boolean;
}

export interface ReusePair {
  a: string;
  b: string;
  coverageA: number;
  coverageB: number;
  passages: ReusePassage[];
}

// ---------------------------------------------------------------- findings

export interface Finding {
  ruleId: string;
  messageId: string;
  message: string;
  level: 'info' | 'warning';
  fatal?: true;
  span?: Span;
  data?: Record<string, string | number>;
  evidence?: LexiconRef[];
}

// ---------------------------------------------------------------- scores

/** One category inside a score (a source type, a country, an identity). */
export interface ScorePart {
  /** The category: a SourceType, an ISO country code, `unknown`, `anonymous`... */
  key: string;
  /** Attributions in it (fractional when a source speaks for several countries). */
  count: number;
  /** count / the score's total, 0..1. */
  share: number;
  /** The attribution ids behind it. */
  attributions: string[];
}

export type ScoreUnit = 'share' | 'count';

/**
 * One number of the scorecard, with the findings behind it and a sentence that
 * explains it. `value` is null when there is nothing to measure (no sources).
 */
export interface ScoreItem {
  /** Short name for tables ("State reliance"). */
  label: string;
  value: number | null;
  /** `share`: 0..1 of `total`; `count`: a plain count. */
  unit: ScoreUnit;
  /** What the share is taken of (attributions, sentences); null for counts. */
  total: number | null;
  /** One plain sentence that explains it. */
  explanation: string;
  /** Attribution ids and body spans behind it. */
  basis: { attributions: string[]; spans: Span[] };
  /** The categories the number is made of, largest first. */
  parts: ScorePart[];
  /** Categorical facts that go with it (publisher state-controlled, derivation, credit kept). */
  facts: Record<string, string | number | boolean | null>;
}

/** The scorecard: the parts, never one number that hides how it was made. */
export interface Scores {
  /** Attributions by source type (official, government, state media, wire, ...). */
  sourcingByType: ScoreItem;
  /** Attributions by the source's country. */
  sourcingByCountry: ScoreItem;
  /** Share of attributions to governments, officials and state media. */
  stateReliance: ScoreItem;
  /** Share of attributions to sources that are anonymous or described only by role. */
  anonymity: ScoreItem;
  /** Share of country-attributed sourcing that comes from the most-quoted country. */
  oneSidedness: ScoreItem;
  /** Share of the body matched in other documents, with derivation, agency and credit. */
  wireDependence: ScoreItem;
  /** Share of factual sentences that cite nobody. */
  unattributedClaims: ScoreItem;
  /** Hedges and vague attributions ("it is believed", "speculation has swirled"). */
  hedging: ScoreItem;
}

// ---------------------------------------------------------------- report

export interface ArticleReport extends ArticleMetadata {
  id: string;
  file: string;
  origin: Origin;
  attributions: Attribution[];
  unattributed: UnattributedSentence[];
  findings: Finding[];
  scores: Scores;
}

/** Articles about the same event: similar content, dates within a window. */
export interface Story {
  id: string;
  /** A short label: the words the articles share most. */
  label: string;
  /** Article ids, in report order. */
  articles: string[];
  files: string[];
  /** Earliest and latest known date (published, else crawl date). */
  firstDate: string | null;
  lastDate: string | null;
}

/** Where one article carries a shared claim, and whom it credits for it. */
export interface ClaimMention {
  article: string;
  /** The sentence in that article's body. */
  sentence: { text: string; start: number; end: number };
  /** The attribution on that sentence, if any. */
  attribution: string | null;
  /** Who the article says it came from (canonical source), null when it cites nobody. */
  source: string | null;
  sourceType: SourceType | null;
  /** The outlet it came through, when the article says so. */
  via: string | null;
}

/** The same claim, made in several articles. */
export interface SharedClaim {
  id: string;
  /** The story the articles belong to, when they share one. */
  story: string | null;
  /** The claim as one article words it (the shortest mention). */
  text: string;
  /** The source most mentions credit, null when none credits anyone. */
  origin: string | null;
  mentions: ClaimMention[];
}

export type GraphNodeKind = 'source' | 'agency' | 'outlet' | 'publisher';
export type GraphEdgeKind = 'quoted' | 'via' | 'carried' | 'reposted' | 'shares-passages';

export interface GraphNode {
  id: string;
  label: string;
  kind: GraphNodeKind;
  /** Source type for sources, outlet kind for agencies/outlets/publishers. */
  type: string | null;
  country: string | string[] | null;
  /** For publisher nodes: the article it stands for. */
  article: string | null;
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: GraphEdgeKind;
  /** Articles whose findings produced the edge. */
  articles: string[];
  /** `articleId/attributionId` of the attributions behind it. */
  attributions: string[];
  /** How many findings support it. */
  weight: number;
}

export interface ProvenanceGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface Corpus {
  reuse: ReusePair[];
  stories: Story[];
  sharedClaims: SharedClaim[];
  graph: ProvenanceGraph;
}

export interface LexiconStamp {
  id: string;
  version: string;
  entries: number;
  sha256: string;
}

export interface Report {
  schemaVersion: string;
  tool: { name: string; version: string };
  lexicons: LexiconStamp[];
  articles: ArticleReport[];
  corpus: Corpus;
  errors: InputError[];
}
