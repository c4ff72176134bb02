import { MAX_IMPORT_ROWS, parseImport } from './import.rules';

const HEADER = 'compound,building,unit,room,areaSqm,ownerName,ownerPhone,partyMember,relation';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n');
const fileRejection = (text: string) => {
  try {
    parseImport(text);
  } catch (e) {
    return (e as { extensions: { code: string; field: string } }).extensions;
  }
  return null;
};

describe('import rows (contract "importHouseholds")', () => {
  it('reads one row per member, grouping nothing itself, with exact areas and defaults', () => {
    const { rows, errors } = parseImport(csv('西关小区,3,2,502,89.5,张三,13812345678,是,OWNER', '西关小区,3栋,2单元,502室,89.50,李四,13912345678,,FAMILY', '西关小区,4,,101,60,,,,'));
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ line: 2, building: '3', unit: '2', room: '502', areaHundredths: 8950, member: { name: '张三', phone: '13812345678', partyMember: true, relation: 'OWNER' } });
    expect(rows[1].member).toMatchObject({ partyMember: false, relation: 'FAMILY' });
    expect(rows[2]).toMatchObject({ line: 4, unit: null, member: null });
  });

  it('accepts a header without the last four columns, in any order', () => {
    const { rows, errors } = parseImport('room,building,compound,areaSqm,unit\n101,1,西关小区,50,\n');
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({ compound: '西关小区', building: '1', room: '101', member: null });
  });

  it.each([
    ['a wrong header', 'compound,building,unit,room,area\nx,1,,1,1'],
    ['a missing column', 'compound,building,unit,areaSqm\nx,1,,1'],
    ['a column named twice', `${HEADER},room\n`],
    ['an empty file', ''],
    ['a non-UTF-8 file (decoded with replacement characters)', `${HEADER}\n\uFFFD\uFFFD,1,,1,1,,,,`],
    ['more than 5,000 rows', csv(...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `西关小区,1,,${i + 1},50,,,,`))],
    ['more than 1 MB', csv(...Array.from({ length: 4_000 }, (_, i) => `西关小区,1,,${i + 1},50,${'名'.repeat(95)},,,`))],
  ])('rejects %s as a whole (BAD_USER_INPUT on csv)', (_why, text) => {
    expect(fileRejection(text)).toEqual({ code: 'BAD_USER_INPUT', field: 'csv' });
  });

  it('takes exactly 5,000 rows', () => {
    const { rows, errors } = parseImport(csv(...Array.from({ length: MAX_IMPORT_ROWS }, (_, i) => `西关小区,1,,${i + 1},50,,,,`)));
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(MAX_IMPORT_ROWS);
  });

  it('reports every bad cell with its line and column, with the single mutations\' rules', () => {
    const { rows, errors } = parseImport(
      csv(
        '西关小区,1,,101,0,张三,13812345678,,', // area 0
        '西关小区,1,,102,10001,张三,13812345678,,', // area over 10,000
        '西关小区,1,,103,50,李四,12345,,', // bad phone
        '西关小区,1,,104,50,王五,13812345679,maybe,LANDLORD', // bad flag and relation
        ',1,,105,50,,,,', // no compound
        '西关小区,1,,106,50,赵六,,,', // a member without a phone
        '西关小区,1,,107,50', // too few cells
      ),
    );
    expect(rows).toEqual([]);
    expect(errors.map((e) => [e.line, e.column])).toEqual([
      [2, 'areaSqm'],
      [3, 'areaSqm'],
      [4, 'ownerPhone'],
      [5, 'partyMember'],
      [5, 'relation'],
      [6, 'compound'],
      [7, 'ownerPhone'],
      [8, null],
    ]);
  });

  it('finds what only a file gets wrong: a duplicate address or member, two areas, two names for a phone', () => {
    const { errors } = parseImport(
      csv(
        '西关小区,1,,101,50,,,,',
        '西关小区,1栋,,101室,50,,,,', // the same dwelling again with no member
        '西关小区,2,,201,70,张三,13812345678,,',
        '西关小区,2,,201,70,张三,13812345678,,', // the same member twice
        '西关小区,2,,201,71,李四,13912345678,,', // another area for the dwelling
        '西关小区,3,,301,70,张四,13812345678,,', // another name for the phone
      ),
    );
    expect(errors.map((e) => [e.line, e.column])).toEqual([
      [3, 'room'],
      [5, 'ownerPhone'],
      [6, 'areaSqm'],
      [7, 'ownerName'],
    ]);
  });

  it('keeps formula-like cells as text, never interpreted', () => {
    const { rows, errors } = parseImport(csv('西关小区,1,,101,50,=cmd|\' /C calc\'!A0,13812345678,,'));
    expect(errors).toEqual([]);
    expect(rows[0].member!.name).toBe("=cmd|' /C calc'!A0");
  });
});
