/**
 * `npm run bench -- outlets-asd [--write]`: builds the state and public media
 * entries of lexicons/outlets.json from the ASD/GMF State Media Matrix (MIT;
 * seed data from the State Media Monitor, MJRC), read from
 * ../shared/data/outlets at run time. Only facts are carried: web domains,
 * country, typology; names and aliases are ours. The outlets are a chosen
 * list (below), not the whole matrix: names that read as common words in
 * prose ("Mir", "Today") would be false matches for attribution.
 *
 * Without --write it prints the entries and any row it could not use, so
 * the output can be checked before it is written. Kind follows the typology:
 * SC and CaPu (state control of governance and editorial line) -> state-media;
 * ISFM, ISF, ISM, IP (editorially independent) -> public-media, or wire for
 * news agencies; CaPr keeps its medium.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SHARED_DIR } from '../lib/eval/index.js';
import { BUNDLED_LEXICON_DIR } from '../lib/lexicon/load.js';
import type { PublisherKind } from '../lib/types.js';

interface Pick {
  id: string;
  name: string;
  aliases: string[];
  /** Matches "Media company | Main assets" of the rows that belong to it. */
  rows: RegExp;
  country: string;
  asdCountry: string;
  wire?: boolean;
  /** Medium, used when the typology does not make it state or public media. */
  medium?: PublisherKind;
  owner?: string;
}

const PICKS: Pick[] = [
  { id: 'tass', name: 'TASS', aliases: ['TASS', 'ITAR-TASS', 'Russian News Agency TASS'], rows: /^TASS \| TASS$/, country: 'RU', asdCountry: 'Russia', wire: true, owner: 'Government of the Russian Federation' },
  { id: 'ria-novosti', name: 'RIA Novosti', aliases: ['RIA Novosti'], rows: /\| RIA Novosti$/, country: 'RU', asdCountry: 'Russia', wire: true, owner: 'Rossiya Segodnya' },
  { id: 'sputnik', name: 'Sputnik', aliases: ['Sputnik', 'Sputnik News', 'Sputnik International'], rows: /\| Sputnik (News|International)/, country: 'RU', asdCountry: 'Russia', owner: 'Rossiya Segodnya' },
  { id: 'rt', name: 'RT', aliases: ['RT', 'Russia Today', 'RT International'], rows: /^RT \| (RT International|Russian RT)$/, country: 'RU', asdCountry: 'Russia', owner: 'TV-Novosti' },
  { id: 'rossiyskaya-gazeta', name: 'Rossiyskaya Gazeta', aliases: ['Rossiyskaya Gazeta'], rows: /^Rossiyskaya Gazeta \| Rossiyskaya Gazeta$/, country: 'RU', asdCountry: 'Russia', medium: 'newspaper' },
  { id: 'vgtrk', name: 'VGTRK', aliases: ['VGTRK', 'Rossiya-1', 'Russia-1', 'Vesti'], rows: /^All-Russia State Television.*\| (Russia-1|Russia-24|Vesti\.ru)/, country: 'RU', asdCountry: 'Russia', medium: 'broadcaster' },
  { id: 'channel-one-russia', name: 'Channel One Russia', aliases: ['Channel One Russia', 'Channel One', 'Pervyi Kanal'], rows: /^Channel One Russia \|/, country: 'RU', asdCountry: 'Russia', medium: 'broadcaster' },
  { id: 'izvestia', name: 'Izvestia', aliases: ['Izvestia'], rows: /Izvestia$/, country: 'RU', asdCountry: 'Russia', medium: 'newspaper' },
  { id: 'xinhua', name: 'Xinhua', aliases: ['Xinhua', 'Xinhua News Agency'], rows: /^Xinhua .*\| (News agency: Xinhua|Xinhua \w+|Television: CNC World)$/, country: 'CN', asdCountry: 'China', wire: true },
  { id: 'cgtn', name: 'CGTN', aliases: ['CGTN', 'China Global Television Network'], rows: /\| (China Global Television Network \(CGTN\)|CGTN .+)$/, country: 'CN', asdCountry: 'China', medium: 'broadcaster' },
  { id: 'cctv', name: 'CCTV', aliases: ['CCTV', 'China Central Television'], rows: /\| (China Central Television \(CCTV\)|News CCTV)$/, country: 'CN', asdCountry: 'China', medium: 'broadcaster' },
  { id: 'china-daily', name: 'China Daily', aliases: ['China Daily'], rows: /^China Daily Group \|/, country: 'CN', asdCountry: 'China', medium: 'newspaper' },
  { id: 'global-times', name: 'Global Times', aliases: ['Global Times'], rows: /\| (Global Times( \(English\))?|World Huanqiu)$/, country: 'CN', asdCountry: 'China', medium: 'newspaper' },
  { id: 'peoples-daily', name: "People's Daily", aliases: ["People's Daily", 'Renmin Ribao'], rows: /^People's Daily \| People's Daily/, country: 'CN', asdCountry: 'China', medium: 'newspaper' },
  { id: 'china-news-service', name: 'China News Service', aliases: ['China News Service'], rows: /^China News Service \|/, country: 'CN', asdCountry: 'China', wire: true },
  { id: 'cri', name: 'China Radio International', aliases: ['China Radio International'], rows: /\| China Radio International \(CRI\)$/, country: 'CN', asdCountry: 'China', medium: 'broadcaster' },
  { id: 'kcna', name: 'KCNA', aliases: ['KCNA', 'Korean Central News Agency'], rows: /^Korean Central News Agency \(KCNA\) \| KCNA$/, country: 'KP', asdCountry: 'North Korea', wire: true, owner: "Workers' Party of Korea" },
  { id: 'rodong-sinmun', name: 'Rodong Sinmun', aliases: ['Rodong Sinmun'], rows: /^Rodong Sinmun \| Rodong Sinmun$/, country: 'KP', asdCountry: 'North Korea', medium: 'newspaper' },
  { id: 'kctv', name: 'KCTV', aliases: ['KCTV', 'Korean Central Television'], rows: /\| Korean Central Television \(KCTV\)$/, country: 'KP', asdCountry: 'North Korea', medium: 'broadcaster' },
  { id: 'voice-of-korea', name: 'Voice of Korea', aliases: ['Voice of Korea'], rows: /\| Voice of Korea$/, country: 'KP', asdCountry: 'North Korea', medium: 'broadcaster' },
  { id: 'uriminzokkiri', name: 'Uriminzokkiri', aliases: ['Uriminzokkiri'], rows: /\| Uriminzokkiri$/, country: 'KP', asdCountry: 'North Korea', medium: 'digital' },
  { id: 'irna', name: 'IRNA', aliases: ['IRNA', 'Islamic Republic News Agency'], rows: /^Islamic Republic News Agency \(IRNA\) \| (News agency: IRNA|IRNA \w+)$/, country: 'IR', asdCountry: 'Iran', wire: true },
  { id: 'press-tv', name: 'Press TV', aliases: ['Press TV', 'PressTV'], rows: /\| Press ?TV/, country: 'IR', asdCountry: 'Iran', medium: 'broadcaster' },
  { id: 'irib', name: 'IRIB', aliases: ['IRIB', 'Islamic Republic of Iran Broadcasting'], rows: /\| IRIB TV$/, country: 'IR', asdCountry: 'Iran', medium: 'broadcaster' },
  { id: 'fars', name: 'Fars News Agency', aliases: ['Fars News Agency'], rows: /^Fars News Agency \|/, country: 'IR', asdCountry: 'Iran', wire: true },
  { id: 'tasnim', name: 'Tasnim News Agency', aliases: ['Tasnim News Agency', 'Tasnim'], rows: /\| Tasnim News Agency$/, country: 'IR', asdCountry: 'Iran', wire: true },
  { id: 'mehr', name: 'Mehr News Agency', aliases: ['Mehr News Agency'], rows: /\| Mehr News Agency \(MNA\)$/, country: 'IR', asdCountry: 'Iran', wire: true },
  { id: 'trt', name: 'TRT', aliases: ['TRT', 'TRT World'], rows: /^Türkiye Radyo ve Televizyon Kurumu \(TRT\) \|/, country: 'TR', asdCountry: 'Turkey', medium: 'broadcaster' },
  { id: 'anadolu', name: 'Anadolu Agency', aliases: ['Anadolu Agency', 'Anadolu'], rows: /^Anadolu Agency \|/, country: 'TR', asdCountry: 'Turkey', wire: true },
  { id: 'al-jazeera', name: 'Al Jazeera', aliases: ['Al Jazeera'], rows: /^Al Jazeera Media Network \(AJMN\) \| Al Jazeera$/, country: 'QA', asdCountry: 'Qatar', medium: 'broadcaster' },
  { id: 'qna', name: 'Qatar News Agency', aliases: ['Qatar News Agency', 'QNA'], rows: /^Qatar News Agency \(QNA\) \|/, country: 'QA', asdCountry: 'Qatar', wire: true },
  { id: 'al-arabiya', name: 'Al Arabiya', aliases: ['Al Arabiya'], rows: /\| Al Arabiya( English)?$/, country: 'SA', asdCountry: 'Saudi Arabia', medium: 'broadcaster' },
  { id: 'wam', name: 'WAM', aliases: ['WAM', 'Emirates News Agency'], rows: /^Emirates News Agency \(WAM\) \|/, country: 'AE', asdCountry: 'UAE', wire: true },
  { id: 'mena', name: 'Middle East News Agency', aliases: ['Middle East News Agency'], rows: /\| Middle East News Agency \(MENA\)$/, country: 'EG', asdCountry: 'Egypt', wire: true },
  { id: 'al-ahram', name: 'Al-Ahram', aliases: ['Al-Ahram', 'Al Ahram', 'Ahram Online'], rows: /\| Al Ahram (Publishing House|Weekly)/, country: 'EG', asdCountry: 'Egypt', medium: 'newspaper' },
  { id: 'sana', name: 'SANA', aliases: ['SANA', 'Syrian Arab News Agency'], rows: /^Syrian Arab News Agency \(SANA\) \|/, country: 'SY', asdCountry: 'Syria', wire: true },
  { id: 'kuna', name: 'KUNA', aliases: ['KUNA', 'Kuwait News Agency'], rows: /^Kuwait News Agency \(KUNA\) \|/, country: 'KW', asdCountry: 'Kuwait', wire: true },
  { id: 'belta', name: 'BelTA', aliases: ['BelTA'], rows: /^BelTA \| News agency: Belta$/, country: 'BY', asdCountry: 'Belarus', wire: true },
  { id: 'kazinform', name: 'Kazinform', aliases: ['Kazinform'], rows: /^Kazinform \| Kazinform$/, country: 'KZ', asdCountry: 'Kazakhstan', wire: true },
  { id: 'ukrinform', name: 'Ukrinform', aliases: ['Ukrinform'], rows: /^Ukrinform \|/, country: 'UA', asdCountry: 'Ukraine', wire: true },
  { id: 'prensa-latina', name: 'Prensa Latina', aliases: ['Prensa Latina'], rows: /^Prensa Latina \| News agency/, country: 'CU', asdCountry: 'Cuba', wire: true },
  { id: 'granma', name: 'Granma', aliases: ['Granma'], rows: /^Granma \| Granma$/, country: 'CU', asdCountry: 'Cuba', medium: 'newspaper' },
  { id: 'vna', name: 'Vietnam News Agency', aliases: ['Vietnam News Agency', 'VNA'], rows: /^Vietnam News Agency \(VNA\) \| (News agency: VNA|Viet Nam News)$/, country: 'VN', asdCountry: 'Vietnam', wire: true },
  { id: 'bernama', name: 'Bernama', aliases: ['Bernama'], rows: /^BERNAMA \|/, country: 'MY', asdCountry: 'Malaysia', wire: true },
  { id: 'app-pakistan', name: 'Associated Press of Pakistan', aliases: ['Associated Press of Pakistan'], rows: /^Associated Press of Pakistan \(APP\) \|/, country: 'PK', asdCountry: 'Pakistan', wire: true },
  { id: 'channel-newsasia', name: 'CNA (Channel NewsAsia)', aliases: ['Channel NewsAsia', 'CNA News'], rows: /\| Channel NewsAsia$/, country: 'SG', asdCountry: 'Singapore', medium: 'broadcaster' },
  { id: 'doordarshan', name: 'Doordarshan', aliases: ['Doordarshan', 'DD News'], rows: /\| Doordarshan$/, country: 'IN', asdCountry: 'India', medium: 'broadcaster' },
  { id: 'all-india-radio', name: 'All India Radio', aliases: ['All India Radio'], rows: /\| All India Radio \(AIR\)$/, country: 'IN', asdCountry: 'India', medium: 'broadcaster' },
  { id: 'mti', name: 'MTI', aliases: ['MTI', 'Hungarian News Agency'], rows: /\| Magyar Távirati Iroda \(MTI\)$/, country: 'HU', asdCountry: 'Hungary', wire: true },
  { id: 'tanjug', name: 'Tanjug', aliases: ['Tanjug'], rows: /^Tanjug \|/, country: 'RS', asdCountry: 'Serbia', wire: true },
  { id: 'pap', name: 'Polish Press Agency', aliases: ['Polish Press Agency', 'PAP'], rows: /^Polish Press Agency \(PAP\) \| PAP$/, country: 'PL', asdCountry: 'Poland', wire: true },
  { id: 'agerpres', name: 'Agerpres', aliases: ['Agerpres'], rows: /^Agerpres \|/, country: 'RO', asdCountry: 'Romania', wire: true },
  { id: 'nhk', name: 'NHK', aliases: ['NHK', 'Japan Broadcasting Corporation'], rows: /^Japan Broadcasting Corporation \(NHK\) \|/, country: 'JP', asdCountry: 'Japan', medium: 'broadcaster' },
  { id: 'rai', name: 'RAI', aliases: ['RAI'], rows: /^Radiotelevisione italiana \(RAI\) \|/, country: 'IT', asdCountry: 'Italy', medium: 'broadcaster' },
  { id: 'sabc', name: 'SABC', aliases: ['SABC', 'South African Broadcasting Corporation'], rows: /^South African Broadcasting Corporation \(SABC\) \|/, country: 'ZA', asdCountry: 'South Africa', medium: 'broadcaster' },
  // Editorially independent public media and agencies.
  { id: 'bbc', name: 'BBC', aliases: ['BBC', 'BBC News'], rows: /^British Broadcasting Corporation \(BBC\) \| BBC$/, country: 'GB', asdCountry: 'United Kingdom', medium: 'broadcaster' },
  { id: 'yonhap', name: 'Yonhap', aliases: ['Yonhap', 'Yonhap News Agency', 'Yonhap News'], rows: /^Yonhap News Agency \|/, country: 'KR', asdCountry: 'South Korea', wire: true },
  { id: 'kbs', name: 'KBS', aliases: ['KBS', 'Korean Broadcasting System'], rows: /^Korean Broadcasting System \(KBS\) \|/, country: 'KR', asdCountry: 'South Korea', medium: 'broadcaster' },
  { id: 'ard', name: 'ARD', aliases: ['ARD', 'Tagesschau'], rows: /^ARD \| ARD$/, country: 'DE', asdCountry: 'Germany', medium: 'broadcaster' },
  { id: 'zdf', name: 'ZDF', aliases: ['ZDF'], rows: /^Zweites Deutsches Fernsehen \(ZDF\) \|/, country: 'DE', asdCountry: 'Germany', medium: 'broadcaster' },
  { id: 'dw', name: 'Deutsche Welle', aliases: ['Deutsche Welle', 'DW'], rows: /^Deutsche Welle \(DW\) \|/, country: 'DE', asdCountry: 'Germany', medium: 'broadcaster' },
  { id: 'france24', name: 'France 24', aliases: ['France 24', 'France24'], rows: /\| France24$/, country: 'FR', asdCountry: 'France', medium: 'broadcaster' },
  { id: 'rfi', name: 'RFI', aliases: ['RFI', 'Radio France Internationale'], rows: /\| Radio France Internationale \(RFI\)$/, country: 'FR', asdCountry: 'France', medium: 'broadcaster' },
  { id: 'efe', name: 'EFE', aliases: ['EFE', 'Agencia EFE'], rows: /^EFE \| EFE$/, country: 'ES', asdCountry: 'Spain', wire: true },
  { id: 'lusa', name: 'Lusa', aliases: ['Lusa', 'Lusa News Agency'], rows: /^Lusa News Agency \|/, country: 'PT', asdCountry: 'Portugal', wire: true },
  { id: 'ctk', name: 'CTK', aliases: ['CTK', 'Czech News Agency'], rows: /^Czech News Agency \(CTK\) \|/, country: 'CZ', asdCountry: 'Czechia', wire: true },
  { id: 'antara', name: 'Antara', aliases: ['Antara', 'Antara News'], rows: /^Antara \|/, country: 'ID', asdCountry: 'Indonesia', wire: true },
  { id: 'cna-taiwan', name: 'Central News Agency (Taiwan)', aliases: ['Central News Agency', 'Focus Taiwan'], rows: /^Central News Agency \(CNA\) \|/, country: 'TW', asdCountry: 'Taiwan', wire: true },
  { id: 'npr', name: 'NPR', aliases: ['NPR', 'National Public Radio'], rows: /^National Public Radio \(NPR\) \|/, country: 'US', asdCountry: 'United States of America', medium: 'broadcaster' },
  { id: 'pbs', name: 'PBS', aliases: ['PBS'], rows: /^Public Broadcasting Service \(PBS\) \| PBS$/, country: 'US', asdCountry: 'United States of America', medium: 'broadcaster' },
  { id: 'voa', name: 'Voice of America', aliases: ['Voice of America', 'VOA'], rows: /\| Voice of America$/, country: 'US', asdCountry: 'United States of America', medium: 'broadcaster' },
  { id: 'rferl', name: 'Radio Free Europe/Radio Liberty', aliases: ['Radio Free Europe/Radio Liberty', 'RFE/RL', 'Radio Liberty'], rows: /\| Radio Free Europe\/Radio Liberty$/, country: 'US', asdCountry: 'United States of America', medium: 'broadcaster' },
  { id: 'rfa', name: 'Radio Free Asia', aliases: ['Radio Free Asia', 'RFA'], rows: /\| Radio Free Asia$/, country: 'US', asdCountry: 'United States of America', medium: 'broadcaster' },
  { id: 'cbc', name: 'CBC', aliases: ['CBC', 'CBC News', 'Canadian Broadcasting Corporation'], rows: /^Canadian Broadcasting Corporation \(CBC\) \|/, country: 'CA', asdCountry: 'Canada', medium: 'broadcaster' },
  { id: 'abc-australia', name: 'ABC (Australia)', aliases: ['Australian Broadcasting Corporation', 'ABC News Australia'], rows: /^Australian Broadcasting Corporation \(ABC\) \|/, country: 'AU', asdCountry: 'Australia', medium: 'broadcaster' },
  { id: 'sbs', name: 'SBS', aliases: ['SBS', 'Special Broadcasting Service'], rows: /^Special Broadcasting Service \(SBS\) \|/, country: 'AU', asdCountry: 'Australia', medium: 'broadcaster' },
  { id: 'rnz', name: 'RNZ', aliases: ['RNZ', 'Radio New Zealand'], rows: /^Radio New Zealand \(RNZ\) \|/, country: 'NZ', asdCountry: 'New Zealand', medium: 'broadcaster' },
];

/** Rows whose URL is a third party's site (kcnawatch.org is NK News's KCNA mirror, not KCTV's own site). */
const EXCLUDED_DOMAINS = new Set(['kcnawatch.org']);

const STATE = new Set(['SC', 'CaPu']);
const TYPOLOGY_NAME: Record<string, string> = {
  SC: 'state-controlled',
  CaPu: 'captured public/state-managed',
  CaPr: 'captured private',
  ISFM: 'independent state-funded and state-managed',
  ISF: 'independent state-funded',
  ISM: 'independent state-managed',
  IP: 'independent public',
};

/** Minimal RFC 4180 CSV reader (quoted fields with commas and doubled quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

function host(url: string): string | null {
  const u = url.trim();
  if (!u) return null;
  try {
    // "ww." is a typo for "www." in one row.
    const h = new URL(/^https?:\/\//.test(u) ? u : `http://${u}`).hostname.toLowerCase().replace(/^w{2,3}\d*\./, '');
    // Test, app and CDN subdomains are not where readers meet the outlet ("app.com.pk" is a domain, not a subdomain).
    const m = /^(test|app|my-h5news\.app|content-static)\.(.+)$/.exec(h);
    if (m && !/^(com|co|org|net|gov|ac)\.[a-z]{2}$/.test(m[2])) return null;
    return EXCLUDED_DOMAINS.has(h) ? null : h;
  } catch {
    return null;
  }
}

export function main(args: string[]): void {
  const csvPath = join(SHARED_DIR, 'data/outlets/asd-state-media-profiles/State_Media_Matrix.csv');
  const [header, ...rows] = parseCsv(readFileSync(csvPath, 'utf8'));
  const col = (name: string) => header.indexOf(name);
  const [cCountry, cCompany, cAssets, cUrl, cTypology] = ['Country', 'Media company', 'Main assets', 'URL', 'Typology'].map(col);
  const entries: Record<string, unknown>[] = [];
  const problems: string[] = [];
  for (const pick of PICKS) {
    const mine = rows.filter((r) => r[cCountry] === pick.asdCountry && pick.rows.test(`${r[cCompany]} | ${r[cAssets]}`));
    if (!mine.length) {
      problems.push(`${pick.id}: no rows`);
      continue;
    }
    const typologies = [...new Set(mine.map((r) => r[cTypology]))];
    if (typologies.length !== 1 || !TYPOLOGY_NAME[typologies[0]]) {
      problems.push(`${pick.id}: typologies ${typologies.join(', ')}`);
      continue;
    }
    const typology = typologies[0];
    const domains = [...new Set(mine.map((r) => host(r[cUrl])).filter((h): h is string => h !== null))].sort();
    const kind: PublisherKind = STATE.has(typology) ? 'state-media' : pick.wire ? 'wire' : (pick.medium ?? 'public-media');
    const finalKind: PublisherKind = !STATE.has(typology) && !pick.wire && typology !== 'CaPr' ? 'public-media' : kind;
    const assets = [...new Set(mine.map((r) => r[cAssets]))].slice(0, 3).join('; ');
    const entry: Record<string, unknown> = { id: pick.id, name: pick.name, aliases: pick.aliases, domains, country: pick.country, kind: finalKind };
    if (pick.wire) entry.wire = true;
    entry.typology = typology;
    if (pick.owner) entry.owner = pick.owner;
    entry.source = `ASD/GMF State Media Matrix (MIT; seed data State Media Monitor, MJRC): ${mine[0][cCompany]} (${assets}), ${pick.asdCountry}, typology ${typology} (${TYPOLOGY_NAME[typology]})`;
    entries.push(entry);
  }
  for (const p of problems) process.stderr.write(`outlets-asd: ${p}\n`);
  if (!args.includes('--write')) {
    for (const e of entries) process.stdout.write(`${JSON.stringify(e)}\n`);
    process.stdout.write(`${entries.length} entries (${problems.length} problems); --write merges them into lexicons/outlets.json\n`);
    return;
  }
  const file = resolve(BUNDLED_LEXICON_DIR, 'outlets.json');
  const lexicon = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, unknown>[] };
  const byId = new Map(entries.map((e) => [e.id as string, e] as const));
  // Hand-curated names and domains of an existing entry are kept (yna.co.kr is Yonhap's, though the matrix lists yonhapnews.co.kr).
  const union = (a: unknown, b: unknown) => [...new Set([...((a as string[]) ?? []), ...((b as string[]) ?? [])])];
  const merged = lexicon.entries.map((old) => {
    const gen = byId.get(old.id as string);
    if (!gen) return old;
    const domains = union(gen.domains, old.domains).filter((d) => !EXCLUDED_DOMAINS.has(d)).sort();
    return { ...gen, aliases: union(gen.aliases, old.aliases), domains, ...(gen.owner || old.owner ? { owner: gen.owner ?? old.owner } : {}), source: gen.source };
  });
  for (const e of entries) if (!lexicon.entries.some((x) => x.id === e.id)) merged.push(e);
  lexicon.entries = merged;
  writeFileSync(file, `${JSON.stringify(lexicon, null, 2)}\n`);
  process.stdout.write(`wrote ${entries.length} entries into ${file}\n`);
}
