/** Masking of a person's ID number per role: the same rule as a case's applicant. */
import type { Principal } from '../../http/auth/tokens';
import type { PersonRow } from '../../store/persons';
import { presentPerson } from '../../api/services/person-views';

const ROW: PersonRow = {
  person_id: 'PS-1',
  id_number: '62060219900101123X',
  name: '马兰',
  phone: null,
  town: '黄羊镇',
  village: null,
  assistance_category: 'DIBAO',
  disability: null,
  status: 'ACTIVE',
  status_since: new Date('2026-01-01T00:00:00Z'),
  fingerprint: null,
  created_at: new Date('2026-01-01T00:00:00Z'),
  updated_at: new Date('2026-01-01T00:00:00Z'),
};

test.each([
  [{ role: 'officer', sub: 'o', hospitalId: null }, '62060219900101123X'],
  [{ role: 'admin', sub: 'a', hospitalId: null }, '62060219900101123X'],
  [{ role: 'hospital', sub: 'h', hospitalId: 'wuwei-hand-foot' }, '620602********123X'],
] as Array<[Principal, string]>)('%o sees %s', (principal, idNumber) => {
  expect(presentPerson(ROW, principal)).toMatchObject({ personId: 'PS-1', idNumber, statusSince: '2026-01-01T00:00:00.000Z' });
});
