import { idNumberDigits, WRITTEN_ID_NUMBER } from '../command-handling/id-number-hasher';
import type { RejectedListLine } from '../domain/beneficiaries/beneficiaries.events';
import { hamletMatchPart, namesItsUnit, sameHamlet } from '../domain/beneficiaries/beneficiaries.state';
import { foldText } from '../domain/shared/fold';
import { headerKey } from './statement-layout';
import { openStatement, StatementFormatError, type CellValue, UnreadableCell } from './statement-reader';

/** A line of a commune's list as read, the id number still in clear: the handler hashes it at once. */
export interface BeneficiaryListLine {
  line: number;
  kind: string;
  name: string;
  address: string | null;
  village: string | null;
  idNumber: string | null;
  categories: string[];
}

export interface BeneficiaryListFile {
  lines: BeneficiaryListLine[];
  unreadable: RejectedListLine[];
  /** The first commune a title line above the heading row names ("UBND xã Trà Leng"), as written, with its line; null when none does. */
  titleCommune?: { line: number; name: string } | null;
}

/** What the accountant should look at in a list taken: it is recorded all the same. */
export interface BeneficiaryListWarning {
  line: number;
  code: 'COMMUNE_DIFFERS' | 'REPEATED_LINE';
  /** `field: reason`, in English, as rejected lines' messages are; translated for the answer. */
  message: string;
  /** REPEATED_LINE: the earlier line it repeats. */
  earlierLine?: number;
}

type Column = 'name' | 'address' | 'idNumber' | 'category' | 'village' | 'kind' | 'number';

/** Headings, folded as statement headings are (no diacritics, lower case, punctuation as spaces). */
const HEADINGS: Record<string, Column> = {
  'ho va ten': 'name', 'ho ten': 'name', name: 'name', 'ten chu ho': 'name', 'ho ten chu ho': 'name', 'ho va ten chu ho': 'name',
  'dia chi': 'address', address: 'address',
  'so cccd': 'idNumber', cccd: 'idNumber', cmnd: 'idNumber', 'so cmnd': 'idNumber', 'so cccd cmnd': 'idNumber', 'cccd cmnd': 'idNumber',
  'so cmnd cccd': 'idNumber', 'cmnd cccd': 'idNumber',
  idnumber: 'idNumber', 'id number': 'idNumber', 'so dinh danh': 'idNumber', 'so dinh danh ca nhan': 'idNumber',
  'loai ho': 'category', category: 'category', 'phan loai': 'category',
  thon: 'village', xom: 'village', 'thon xom': 'village', ap: 'village', 'thon ap': 'village', village: 'village',
  kind: 'kind', 'doi tuong': 'kind',
  stt: 'number', tt: 'number', 'so tt': 'number',
};

/** What a list's "Loại hộ" says, in the registry's categories; unknown text is kept, and the line refused. */
const CATEGORY_WORDS: Record<string, string> = {
  'ho ngheo': 'poor', ngheo: 'poor', poor: 'poor',
  'ho can ngheo': 'near_poor', 'can ngheo': 'near_poor', 'near poor': 'near_poor',
  'chinh sach': 'policy', 'gia dinh chinh sach': 'policy', 'ho chinh sach': 'policy', policy: 'policy',
  'bi anh huong': 'disaster_affected', 'anh huong thien tai': 'disaster_affected', 'thien tai': 'disaster_affected', 'disaster affected': 'disaster_affected',
  'bi anh huong thien tai': 'disaster_affected', 'ho bi anh huong': 'disaster_affected', 'thiet hai': 'disaster_affected', 'bi thiet hai': 'disaster_affected',
  'ho bi thiet hai': 'disaster_affected', 'ho bi thien tai': 'disaster_affected',
  khac: 'other', other: 'other',
};

const KIND_WORDS: Record<string, string> = {
  ho: 'household', 'ho gia dinh': 'household', household: 'household',
  'ca nhan': 'person', person: 'person',
  'to chuc': 'organization', organization: 'organization', organisation: 'organization',
};

function text(cell: CellValue | undefined): string {
  if (cell === undefined) return '';
  return (cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell)).trim();
}

function columnsOf(cells: readonly CellValue[]): Map<Column, number> | undefined {
  const columns = new Map<Column, number>();
  cells.forEach((cell, index) => {
    const column = HEADINGS[headerKey(text(cell))];
    if (column && !columns.has(column)) columns.set(column, index);
  });
  return columns.has('name') ? columns : undefined;
}

/**
 * An id number as a spreadsheet may have turned it into a number: a CCCD's leading zeros (every
 * province code is below 100, so it starts with one, and codes 001 to 009 with two) are lost, so
 * 11 or 10 digits read as 12, and 8 as a 9-digit CMND. Spaces, dashes and dots between digits are
 * read as nothing.
 */
function idNumberOf(raw: string): string | null | undefined {
  if (raw === '') return null;
  if (!WRITTEN_ID_NUMBER.test(raw)) return undefined;
  const digits = raw.replace(/\D/g, '');
  const padded = /^\d{8}$|^\d{11}$/.test(digits) ? `0${digits}` : /^\d{10}$/.test(digits) ? `00${digits}` : digits;
  return idNumberDigits(padded);
}

function categoriesOf(raw: string): string[] {
  if (raw === '') return [];
  return raw.split(/[;,]/).map((part) => part.trim()).filter((part) => part !== '')
    .map((part) => CATEGORY_WORDS[headerKey(part)] ?? part);
}

/** Words that end a commune's name in a title line (lower case, with diacritics): the district, the year, what the list is about. */
const NAME_ENDS = new Set(['huyện', 'quận', 'tỉnh', 'tp', 'năm', 'giai', 'đợt', 'về', 'do', 'tại', 'của', 'thuộc', 'theo', 'trong', 'trên', 'và', 'bị', 'được', 'có']);
const NAME_ENDING_PAIRS = new Set(['thành phố', 'thị xã', 'thị trấn']);
/**
 * The same words written without diacritics ("nam 2027", "huyen Dong Phu"), folded. Folded, some
 * are also syllables of communes' names (Nam, Quân, Tài, Cổ): one ends a name only after its first
 * word and before another word, "nam" only before a number (the year), a pair only before a name.
 */
const FOLDED_NAME_ENDS = new Set(['huyen', 'quan', 'tinh', 'tp', 'giai', 'dot', 've', 'do', 'tai', 'cua', 'thuoc', 'theo', 'trong', 'tren', 'va', 'bi', 'duoc', 'co']);
const FOLDED_NAME_ENDING_PAIRS = new Set(['thanh pho', 'thi xa', 'thi tran']);
const WITHOUT_DIACRITICS = /^[\x20-\x7E]*$/;

/**
 * Whether the word at `at` ends a commune's name of `named` words so far, in a title written
 * without diacritics from `from` (its xã, phường or thị trấn) on. With diacritics the words are
 * told apart as written: "XÃ TÂN QUAN HUYỆN HỚN QUẢN" names Xã Tân Quan, "XÃ CHIỀNG CO" Xã Chiềng Co.
 */
function foldedNameEnd(words: readonly string[], from: number, at: number, named: number): boolean {
  const bare = (index: number) => (words[index] ?? '').replace(/[,;:()\-–.]+$/, '');
  if (named === 0 || at + 1 >= words.length || !words.slice(from).every((word) => WITHOUT_DIACRITICS.test(word))) return false;
  const word = headerKey(bare(at));
  const next = headerKey(bare(at + 1));
  if (word === 'nam') return /^\d/.test(next);
  if (FOLDED_NAME_ENDING_PAIRS.has(`${word} ${next}`)) return at + 2 < words.length;
  return FOLDED_NAME_ENDS.has(word);
}

/**
 * The commune a title line names, as written ("XÃ TRÀ LENG", "phường Phúc Xá", "Thị trấn Tây Sơn"):
 * a commune-level word (xã, phường, thị trấn; not "thị xã", a town, nor "xã hội", nor "các xã")
 * and the words after it up to a punctuation mark, a number or a word that starts the district,
 * the year or the subject. Undefined when the line names none.
 */
export function communeNamedIn(line: string): string | undefined {
  const words = line.normalize('NFC').split(/\s+/).filter((word) => word !== '');
  const fold = (index: number) => (index >= 0 && index < words.length ? headerKey(words[index]) : '');
  for (let index = 0; index < words.length; index += 1) {
    const word = fold(index);
    const unitLength = word === 'phuong' ? 1
      : word === 'thi' && fold(index + 1) === 'tran' ? 2
        : word === 'xa' && fold(index - 1) !== 'thi' && fold(index + 1) !== 'hoi' && fold(index - 1) !== 'cac' ? 1
          : 0;
    if (unitLength === 0) continue;
    const name: string[] = [];
    for (let at = index + unitLength; at < words.length && name.length < 6; at += 1) {
      const raw = words[at];
      const bare = raw.replace(/[,;:()\-–.]+$/, '');
      const lower = bare.toLowerCase();
      // "Năm" opening the name is its first syllable (Thị trấn Năm Căn), the year only before a number.
      const syllable = lower === 'năm' && name.length === 0 && !/^\d/.test(words[at + 1] ?? '');
      if (headerKey(bare) === '' || (NAME_ENDS.has(lower) && !syllable) || NAME_ENDING_PAIRS.has(`${lower} ${(words[at + 1] ?? '').toLowerCase()}`)) break;
      if (foldedNameEnd(words, index, at, name.length)) break;
      if (/\d/.test(bare) && name.length > 0) break;
      name.push(bare);
      // "Phường 3": a ward numbered, its number its whole name.
      if (/\d/.test(bare) || bare !== raw) break;
    }
    if (name.length > 0) return [...words.slice(index, index + unitLength), ...name].join(' ');
  }
  return undefined;
}

/** A commune's name for comparing: folded (no case, diacritics or punctuation), without "UBND", xã, phường or thị trấn before it. */
function communeKey(name: string): string {
  return headerKey(name).replace(/^(?:ubnd |uy ban nhan dan )?(?:xa |phuong |thi tran )?/, '');
}

/** The words of NAME_ENDS that Vietnamese writes without diacritics ("do", "theo"): also syllables of names (Xã Mường Do). */
const UNACCENTED_NAME_ENDS = new Set([...NAME_ENDS].filter((word) => WITHOUT_DIACRITICS.test(word)));

/**
 * Whether a title's commune is `commune`: the same once folded, or `commune` with one more word
 * that the title read as the start of the district or the subject: in a title written without
 * diacritics any of the folded words ("xa Tan Quan huyen …" read as "xa Tan" is Xã Tân Quan), with
 * diacritics one written without them ("XÃ MƯỜNG DO HUYỆN …" read as "XÃ MƯỜNG" is Xã Mường Do).
 */
function sameCommune(named: string, commune: string): boolean {
  const title = communeKey(named);
  const ours = communeKey(commune);
  if (title === ours) return true;
  if (!ours.startsWith(`${title} `)) return false;
  const rest = ours.slice(title.length + 1).split(' ');
  if (rest.length !== 1) return false;
  if (WITHOUT_DIACRITICS.test(named)) return FOLDED_NAME_ENDS.has(rest[0]) || rest[0] === 'nam';
  return UNACCENTED_NAME_ENDS.has(rest[0]);
}

/**
 * The warnings of a list read for `commune`: its title names another commune (compared without
 * case, diacritics or the words xã, phường, thị trấn). None when the title names no commune.
 */
export function beneficiaryListWarnings(file: BeneficiaryListFile, commune: string): BeneficiaryListWarning[] {
  const named = file.titleCommune;
  const differs: BeneficiaryListWarning[] = !named || sameCommune(named.name, commune) ? []
    : [{ line: named.line, code: 'COMMUNE_DIFFERS', message: `commune: the list's title names ${named.name}; it is imported for ${commune}` }];
  return [...differs, ...repeatedLines(file.lines)];
}

/**
 * Lines that name a household an earlier line of the same file already named, as the registry
 * matches them (beneficiaries.decide findMatch): the same id number; else the same name and
 * address (no case, diacritics or punctuation) unless both lines carry id numbers, or both name
 * their hamlet and the hamlets differ. The registry lists the household once; the commune is asked
 * whether the line was meant twice.
 */
function repeatedLines(lines: readonly BeneficiaryListLine[]): BeneficiaryListWarning[] {
  const byId = new Map<string, { line: number; name: string }>();
  const byName = new Map<string, { line: number; village: string | null; hasId: boolean }[]>();
  const warnings: BeneficiaryListWarning[] = [];
  for (const line of lines) {
    const id = line.idNumber === null ? null : idNumberDigits(line.idNumber) ?? line.idNumber;
    const village = line.village === null || foldText(line.village) === '' ? null : hamletMatchPart(line.village);
    const nameKey = `${foldText(line.name)}|${foldText(line.address ?? '')}`;
    const sameId = id === null ? undefined : byId.get(id);
    const sameName = sameId !== undefined ? undefined : (byName.get(nameKey) ?? [])
      .find((earlier) => (id === null || !earlier.hasId) && sameHamlet(village, earlier.village));
    // An earlier line whose hamlet named no unit, found naming one, is that hamlet for the lines after it.
    if (sameName !== undefined && namesItsUnit(village, sameName.village)) sameName.village = village;
    const first = sameId?.line ?? sameName?.line;
    if (first !== undefined) {
      // One id number under two names: the commune is asked about both names, as written.
      const named = sameId !== undefined && foldText(sameId.name) !== foldText(line.name) ? ` (named "${sameId.name.trim()}" there, "${line.name.trim()}" here)` : '';
      warnings.push({
        line: line.line, code: 'REPEATED_LINE', message: `${sameId !== undefined ? 'idNumber' : 'name'}: the same household as line ${first}${named}; listed once`, earlierLine: first,
      });
      continue;
    }
    if (id !== null) byId.set(id, { line: line.line, name: line.name });
    byName.set(nameKey, [...(byName.get(nameKey) ?? []), { line: line.line, village, hasId: id !== null }]);
  }
  return warnings;
}

/**
 * Reads a commune's list (CSV or XLSX, as statements are read): lines above the heading row (the
 * list's title, the commune) are skipped, but for the first commune they name; blank lines are
 * ignored, and a line without a name or with an id number that is not 9 or 12 digits is listed as
 * unreadable with its line number.
 */
export async function readBeneficiaryList(path: string): Promise<BeneficiaryListFile> {
  const source = openStatement(path);
  const lines: BeneficiaryListLine[] = [];
  const unreadable: RejectedListLine[] = [];
  let columns: Map<Column, number> | undefined;
  let titleCommune: { line: number; name: string } | null = null;
  try {
    for await (const record of source.records) {
      if (!columns) {
        columns = columnsOf(record.cells);
        if (!columns && titleCommune === null) {
          for (const cell of record.cells) {
            const name = communeNamedIn(text(cell));
            if (name !== undefined) {
              titleCommune = { line: record.line, name };
              break;
            }
          }
        }
        continue;
      }
      const cell = (column: Column) => {
        const index = columns?.get(column);
        return index === undefined ? '' : text(record.cells[index]);
      };
      if (record.cells.every((each) => text(each) === '')) continue;
      // A cell with no value to read (an error, a formula saved without its result) refuses its line, naming the column.
      const unreadableCell = [...columns.entries()].find(([, index]) => record.cells[index] instanceof UnreadableCell);
      if (unreadableCell) {
        const [column, index] = unreadableCell;
        const cell = record.cells[index] as UnreadableCell;
        unreadable.push({ line: record.line, code: 'VALIDATION_FAILED', message: `${column}: the cell holds ${cell.shown} (${cell.reason}): enter its value in the file and import it again` });
        continue;
      }
      const idNumber = idNumberOf(cell('idNumber'));
      if (idNumber === undefined) {
        unreadable.push({ line: record.line, code: 'VALIDATION_FAILED', message: 'idNumber: must be 9 (CMND) or 12 (CCCD) digits' });
        continue;
      }
      const kindText = cell('kind');
      lines.push({
        line: record.line, name: cell('name'), address: cell('address') || null, village: cell('village') || null, idNumber,
        categories: categoriesOf(cell('category')), kind: kindText === '' ? 'household' : (KIND_WORDS[headerKey(kindText)] ?? kindText),
      });
    }
  } finally {
    source.close();
  }
  if (!columns) throw new StatementFormatError('No heading row: the list needs a column "Họ và tên" (or "Họ tên", "name")');
  return { lines, unreadable, titleCommune };
}
