import { checkListRow, countByType, lifeEventTypeOf, MAX_LIST_ROWS, readLifeEventList, checkLifeEventList } from './lifeEventList';
import { decodeCsvBytes } from '../importing/csv';
import { validIdNumber } from '../test/fixtures';

const ID = validIdNumber('62060219500101123');

function hex(text: string): ArrayBuffer {
  return new Uint8Array(text.match(/../g)!.map((pair) => parseInt(pair, 16))).buffer;
}

describe('the data match list', () => {
  it('reads the header in English or in Chinese, a required mark ignored', () => {
    const english = readLifeEventList(`idNumber,name,type,on,source\n${ID},马兰,DIED,2026-11-03,公安局\n`);
    expect(english.headerLanguage).toBe('en');
    expect(english.missingColumns).toEqual([]);
    expect(english.rows[0]).toMatchObject({ idNumber: ID, name: '马兰', type: 'DIED', on: '2026-11-03', source: '公安局', assistanceCategory: '' });
    const chinese = readLifeEventList(`\ufeff身份证号*,姓名,事件,日期,来源,救助类别\r\n${ID},马兰,救助类别变更,2026-11-03,民政局,低保对象\r\n`);
    expect(chinese.headerLanguage).toBe('zh');
    expect(chinese.missingColumns).toEqual([]);
    expect(chinese.rows[0]).toMatchObject({ type: '救助类别变更', assistanceCategory: '低保对象' });
    expect(readLifeEventList('姓名,x\n').missingColumns).toEqual(['idNumber', 'type', 'on', 'source']);
  });

  it('decodes a GB18030 file (Excel/WPS "CSV") and a UTF-8 one alike', () => {
    // "身份证号,姓名,事件,日期,来源\n" and "马兰,死亡,2026-11-03,公安局\n" as a Chinese Excel writes them.
    const header = decodeCsvBytes(hex('c9edb7ddd6a4bac52cd0d5c3fb2ccac2bcfe2cc8d5c6da2cc0b4d4b40a'));
    expect(header).toBe('身份证号,姓名,事件,日期,来源\n');
    expect(decodeCsvBytes(hex('c2edc0bc2ccbc0cdf62c323032362d31312d30332cb9abb0b2bed60a'))).toBe('马兰,死亡,2026-11-03,公安局\n');
    expect(decodeCsvBytes(new TextEncoder().encode('\ufeff姓名\n').buffer as ArrayBuffer)).toBe('\ufeff姓名\n');
  });

  it('knows the three types in both spellings, and nothing else', () => {
    expect(['DIED', '死亡', 'MOVED_OUT', '迁出', 'ASSISTANCE_CHANGED', '救助类别变更'].map(lifeEventTypeOf)).toEqual(['DIED', 'DIED', 'MOVED_OUT', 'MOVED_OUT', 'ASSISTANCE_CHANGED', 'ASSISTANCE_CHANGED']);
    // As the API reads it: a code in any case, with spaces around it.
    expect(lifeEventTypeOf(' died ')).toBe('DIED');
    expect(lifeEventTypeOf('DISABILITY_CHANGED')).toBeUndefined();
    expect(lifeEventTypeOf('去世')).toBeUndefined();
  });

  it('flags every problem of a row at once', () => {
    const row = { idNumber: '620602195001011230', name: '', type: '去世', on: '2026/11/03', source: '', assistanceCategory: '' };
    expect(checkListRow(row, 7).issues).toEqual([
      { column: 'idNumber', kind: 'idCheckDigit' },
      { column: 'name', kind: 'required' },
      { column: 'type', kind: 'type', value: '去世' },
      { column: 'on', kind: 'day', value: '2026/11/03' },
      { column: 'source', kind: 'required' },
    ]);
    const change = { idNumber: ID, name: '马兰', type: 'ASSISTANCE_CHANGED', on: '2026-02-30', source: '民政局', assistanceCategory: '贫困户' };
    expect(checkListRow(change, 2).issues).toEqual([
      { column: 'on', kind: 'day', value: '2026-02-30' },
      { column: 'assistanceCategory', kind: 'category', value: '贫困户' },
    ]);
    expect(checkListRow({ ...change, on: '2026-02-28', assistanceCategory: '' }, 2).issues).toEqual([{ column: 'assistanceCategory', kind: 'required' }]);
    expect(checkListRow({ ...change, idNumber: '62060219500101123', on: '2026-02-28', assistanceCategory: 'DIBAO' }, 2).issues).toEqual([{ column: 'idNumber', kind: 'idFormat' }]);
    expect(checkListRow({ ...change, idNumber: ID.toLowerCase(), on: '2026-02-28', assistanceCategory: '低保对象' }, 2).issues).toEqual([]);
  });

  it('counts rows by type and numbers them by their line in the file', () => {
    const list = readLifeEventList(`idNumber,name,type,on,source\n${ID},甲,DIED,2026-11-03,a\n\n${ID},乙,迁出,2026-11-03,b\n${ID},丙,死亡,2026-11-03,c\n${ID},丁,x,2026-11-03,d\n`);
    const rows = checkLifeEventList(list);
    expect(rows.map((row) => row.line)).toEqual([2, 4, 5, 6]);
    expect(countByType(rows)).toEqual({ DIED: 2, MOVED_OUT: 1, ASSISTANCE_CHANGED: 0, unknown: 1 });
    expect(MAX_LIST_ROWS).toBe(50_000);
  });
});
