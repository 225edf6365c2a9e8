import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { keyringFromEntries } from '../../codec/keyring';
import { FieldSealer, SealedFieldError } from '../../codec/sealed-field';

const OLD = randomBytes(32).toString('base64');
const NEW = randomBytes(32).toString('base64');
const before = new FieldSealer(keyringFromEntries([['k1', OLD]], 'k1'));
const after = new FieldSealer(keyringFromEntries([['k1', OLD], ['k2', NEW]], 'k2'));

test('a sealed value opens to itself, and its text shows nothing of it', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 1, maxLength: 200 }), (clear) => {
      const sealed = before.seal('id-number', clear);
      expect(before.open('id-number', sealed)).toBe(clear);
      expect(sealed.startsWith('s1.k1.')).toBe(true);
      if (clear.length >= 4) expect(sealed).not.toContain(clear);
    }),
  );
});

test('sealing twice gives different texts; the blind index is the same, and differs between values and purposes', () => {
  const number = '62060219900101123X';
  expect(before.seal('id-number', number)).not.toBe(before.seal('id-number', number));
  expect(before.blindIndex('id-number', number)).toBe(before.blindIndex('id-number', number));
  expect(before.blindIndex('id-number', number)).not.toBe(before.blindIndex('id-number', '620602199001011220'));
  expect(before.blindIndex('id-number', number)).not.toBe(before.blindIndex('bank-account', number));
  expect(before.blindIndex('id-number', number)).not.toContain('1990');
});

test('after a rotation new values use the new key, old ones still open, and the blind index does not change', () => {
  const old = before.seal('id-number', '62060219900101123X');
  const fresh = after.seal('id-number', '62060219900101123X');
  expect(fresh.startsWith('s1.k2.')).toBe(true);
  expect(after.open('id-number', old)).toBe('62060219900101123X');
  expect(after.blindIndex('id-number', '62060219900101123X')).toBe(before.blindIndex('id-number', '62060219900101123X'));
  // Without the new key, a value sealed under it cannot be opened: the error names the key, not the value.
  expect(() => before.open('id-number', fresh)).toThrow(/key "k2".*not among the configured keys/);
});

test('an altered text, or one moved to another purpose, fails to open', () => {
  const sealed = before.seal('bank-account', '6222020200112233445');
  const [prefix, keyId, body] = sealed.split('.');
  const bytes = Buffer.from(body!, 'base64url');
  bytes[bytes.length - 20]! ^= 1;
  expect(() => before.open('bank-account', `${prefix}.${keyId}.${bytes.toString('base64url')}`)).toThrow(SealedFieldError);
  expect(() => before.open('id-number', sealed)).toThrow(/failed authentication/);
  expect(() => before.open('id-number', '62060219900101123X')).toThrow(/not sealed/);
});

test('the blind index key is the first key unless named, and must be one of the keys', () => {
  const named = new FieldSealer(keyringFromEntries([['k1', OLD], ['k2', NEW]], 'k2'), 'k2');
  expect(named.blindIndex('id-number', 'x')).not.toBe(after.blindIndex('id-number', 'x'));
  expect(() => new FieldSealer(keyringFromEntries([['k1', OLD]], 'k1'), 'k9')).toThrow(/k9/);
});
