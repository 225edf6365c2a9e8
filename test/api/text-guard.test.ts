import { findUnstorableText } from '../../http/plugins/text-guard';

test('finds the first string or member name PostgreSQL cannot store, by its path', () => {
  expect(findUnstorableText({ applicant: { name: '张三', towns: ['a', 'b\u0000'] } })).toBe('applicant.towns.1');
  expect(findUnstorableText({ diagnosis: 'a\ud800b' })).toBe('diagnosis');
  expect(findUnstorableText({ diagnosis: 'a\udc00' })).toBe('diagnosis');
  expect(findUnstorableText({ note: { 'x\u0000y\ud800': 1 } })).toBe('note.x?y?');
  expect(findUnstorableText({ name: '张三 😀', list: [1, null, true], nested: { 'ok 😀': 'fine' } })).toBeUndefined();
});
