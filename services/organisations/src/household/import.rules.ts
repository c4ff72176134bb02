import { parse } from 'csv-parse/sync';
import { GraphQLError } from 'graphql';
import { badInput, checkName, checkPhone } from '@linli/platform';
import { addressKey, checkAddressPart, checkOptionalUnit, checkRelation, parseAreaText, type HouseholdRelation } from './household.rules';

/** The import's columns in the contract's order; the first five are required in the header, the last four may be left out. */
export const IMPORT_COLUMNS = ['compound', 'building', 'unit', 'room', 'areaSqm', 'ownerName', 'ownerPhone', 'partyMember', 'relation'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly ImportColumn[] = ['compound', 'building', 'unit', 'room', 'areaSqm'];

export const MAX_IMPORT_ROWS = 5_000;
export const MAX_IMPORT_BYTES = 1024 * 1024;
/** Enough to fix a file; a response never grows with a garbage file's size. */
export const MAX_REPORTED_ERRORS = 1_000;

export interface ImportError {
  /** 1 is the header. */
  line: number;
  column: string | null;
  message: string;
}

export interface ImportMember {
  name: string | null;
  phone: string;
  partyMember: boolean;
  relation: HouseholdRelation;
}

export interface ImportRow {
  line: number;
  compound: string;
  building: string;
  unit: string | null;
  room: string;
  areaHundredths: number;
  member: ImportMember | null;
}

const fileError = (message: string) => badInput('csv', message);

/**
 * The whole file's shape: size, encoding, header, row count. Anything wrong
 * here rejects the call (BAD_USER_INPUT on `csv`) before any row is read.
 * A string that reached us through JSON already decoded; bytes that were not
 * UTF-8 arrive as U+FFFD, which a register never contains.
 */
export function checkImportFile(csv: string): void {
  if (Buffer.byteLength(csv, 'utf8') > MAX_IMPORT_BYTES) throw fileError('csv is larger than 1 MB');
  if (csv.includes('\uFFFD')) throw fileError('csv is not valid UTF-8');
}

const PARTY_TRUE = new Set(['true', '1', 'yes', 'y', '是', '党员']);
const PARTY_FALSE = new Set(['', 'false', '0', 'no', 'n', '否']);

/** Runs one rule of the single mutations on a cell; its BAD_USER_INPUT becomes an error of that row and column. */
function cell<T>(errors: ImportError[], line: number, column: ImportColumn, check: () => T): T | undefined {
  try {
    return check();
  } catch (e) {
    if (e instanceof GraphQLError && e.extensions.code === 'BAD_USER_INPUT') {
      errors.push({ line, column, message: e.message });
      return undefined;
    }
    throw e;
  }
}

/**
 * Parses and checks every row with the rules of `registerHousehold`,
 * `registerPerson` and `addHouseholdMember`, plus what only a file can get
 * wrong: the same member twice in a dwelling, one dwelling with two areas,
 * one phone with two names. Cells are text: a formula-like cell (`=cmd|…`)
 * is stored as written, never interpreted.
 */
export function parseImport(csv: string): { rows: ImportRow[]; errors: ImportError[] } {
  checkImportFile(csv);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(csv, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true }) as unknown as typeof records;
  } catch (e) {
    throw fileError(`csv cannot be read: ${(e as Error).message.split('\n')[0].slice(0, 200)}`);
  }
  if (!records.length) throw fileError('csv has no header row');
  const header = records[0].record.map((h) => h.trim());
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    if (!(IMPORT_COLUMNS as readonly string[]).includes(name)) throw fileError(`csv header has an unknown column "${name.slice(0, 40)}"; expected ${IMPORT_COLUMNS.join(',')}`);
    if (index.has(name)) throw fileError(`csv header names "${name}" twice`);
    index.set(name, i);
  });
  for (const column of REQUIRED_COLUMNS) if (!index.has(column)) throw fileError(`csv header is missing the column "${column}"`);
  if (records.length - 1 > MAX_IMPORT_ROWS) throw fileError(`csv has more than ${MAX_IMPORT_ROWS} rows`);

  const errors: ImportError[] = [];
  const rows: ImportRow[] = [];
  const areaOf = new Map<string, { area: number; line: number }>();
  const seenMember = new Set<string>();
  const nameOfPhone = new Map<string, string>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    if (record.length !== header.length) {
      errors.push({ line, column: null, message: `row has ${record.length} cells, the header ${header.length}` });
      continue;
    }
    const get = (c: ImportColumn) => (index.has(c) ? record[index.get(c)!].trim() : '');
    const before = errors.length;
    const compound = cell(errors, line, 'compound', () => checkName('compound', get('compound')));
    const building = cell(errors, line, 'building', () => checkAddressPart('building', get('building')));
    const unit = cell(errors, line, 'unit', () => checkOptionalUnit(get('unit')));
    const room = cell(errors, line, 'room', () => checkAddressPart('room', get('room')));
    const area = cell(errors, line, 'areaSqm', () => parseAreaText('areaSqm', get('areaSqm')));
    const member = readMember(errors, line, get);
    if (errors.length > before) continue;

    const key = addressKey(compound!, building!, unit!, room!);
    const known = areaOf.get(key);
    if (known && known.area !== area) {
      errors.push({ line, column: 'areaSqm', message: `the same dwelling has another area on line ${known.line}` });
      continue;
    }
    areaOf.set(key, known ?? { area: area!, line });
    const memberKey = `${key}\u0000${member?.phone ?? ''}`;
    if (seenMember.has(memberKey)) {
      errors.push({ line, column: member ? 'ownerPhone' : 'room', message: member ? 'the same member is listed twice for this dwelling' : 'duplicate address in the file' });
      continue;
    }
    seenMember.add(memberKey);
    if (member?.name) {
      const other = nameOfPhone.get(member.phone);
      if (other !== undefined && other !== member.name) {
        errors.push({ line, column: 'ownerName', message: 'the same phone is given another name elsewhere in the file' });
        continue;
      }
      nameOfPhone.set(member.phone, member.name);
    }
    rows.push({ line, compound: compound!, building: building!, unit: unit!, room: room!, areaHundredths: area!, member });
  }
  return { rows, errors };
}

function readMember(errors: ImportError[], line: number, get: (c: ImportColumn) => string): ImportMember | null {
  const [name, phone, party, relation] = [get('ownerName'), get('ownerPhone'), get('partyMember'), get('relation')];
  if (!name && !phone && !party && !relation) return null;
  if (!phone) {
    errors.push({ line, column: 'ownerPhone', message: 'ownerPhone is required when a member is given' });
    return null;
  }
  const checkedPhone = cell(errors, line, 'ownerPhone', () => checkPhone('ownerPhone', phone));
  const checkedName = name ? cell(errors, line, 'ownerName', () => checkName('ownerName', name)) : null;
  const partyMember = cell(errors, line, 'partyMember', () => {
    const v = party.toLowerCase();
    if (PARTY_TRUE.has(v)) return true;
    if (PARTY_FALSE.has(v)) return false;
    throw badInput('partyMember', 'partyMember must be true or false');
  });
  const checkedRelation = cell(errors, line, 'relation', () => (relation ? checkRelation('relation', relation) : 'OWNER'));
  if (checkedPhone === undefined || checkedName === undefined || partyMember === undefined || checkedRelation === undefined) return null;
  return { name: checkedName, phone: checkedPhone, partyMember, relation: checkedRelation };
}
