/**
 * The payload codec on its own: what it writes, rotation, payloads of earlier versions, and that
 * anything altered or under an unknown key fails with a message that says so.
 */
import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, ValueError, type Payload } from '@temporalio/common';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA_KEY } from '../../codec/aes-gcm-codec';
import { keyringFromEntries } from '../../codec/keyring';

const ID_NUMBER = '620602199001011234';
const key = () => randomBytes(32).toString('base64');
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('utf8');
const aCase = (): Payload => defaultPayloadConverter.toPayload({ caseId: 'c-1', applicant: { name: '张三', idNumber: ID_NUMBER } });

test('a round trip gives back the payload; the encoded one names its key and shows nothing in clear', async () => {
  const codec = new AesGcmPayloadCodec(keyringFromEntries([['2026-11', key()]], undefined));
  const [encoded] = await codec.encode([aCase()]);
  expect(text(encoded!.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
  expect(text(encoded!.metadata![KEY_ID_METADATA_KEY])).toBe('2026-11');
  expect(Buffer.from(encoded!.data!).includes(ID_NUMBER)).toBe(false);
  expect(Object.keys(encoded!.metadata!).sort()).toEqual(['encoding', KEY_ID_METADATA_KEY]);

  const [decoded] = await codec.decode([encoded!]);
  expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual({ caseId: 'c-1', applicant: { name: '张三', idNumber: ID_NUMBER } });
});

test('every payload gets a fresh IV: the same value encrypts differently each time', async () => {
  const codec = new AesGcmPayloadCodec(keyringFromEntries([['k', key()]], undefined));
  const [a, b] = await codec.encode([aCase(), aCase()]);
  expect(Buffer.from(a!.data!).subarray(0, 12).equals(Buffer.from(b!.data!).subarray(0, 12))).toBe(false);
  expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
});

test('rotation: payloads under the old key still decrypt once a new key is current; new ones use the new key', async () => {
  const oldKey = key();
  const newKey = key();
  const before = new AesGcmPayloadCodec(keyringFromEntries([['old', oldKey]], undefined));
  const after = new AesGcmPayloadCodec(keyringFromEntries([['old', oldKey], ['new', newKey]], 'new'));
  const [underOld] = await before.encode([aCase()]);
  const [underNew] = await after.encode([aCase()]);
  expect(text(underNew!.metadata![KEY_ID_METADATA_KEY])).toBe('new');
  const decoded = await after.decode([underOld!, underNew!]);
  expect(decoded.map((payload) => defaultPayloadConverter.fromPayload(payload))).toEqual([
    expect.objectContaining({ caseId: 'c-1' }),
    expect.objectContaining({ caseId: 'c-1' }),
  ]);
});

test('payloads that were never encrypted (histories of earlier versions) pass through decode unchanged', async () => {
  const codec = new AesGcmPayloadCodec(keyringFromEntries([['k', key()]], undefined));
  const plain = [aCase(), defaultPayloadConverter.toPayload(undefined), { metadata: {}, data: new Uint8Array([1, 2]) }];
  expect(await codec.decode(plain)).toEqual(plain);
});

test('altered ciphertext, IV, tag or key id fails authentication', async () => {
  const codec = new AesGcmPayloadCodec(keyringFromEntries([['a', key()], ['b', key()]], 'a'));
  const [encoded] = await codec.encode([aCase()]);
  const flipped = (index: number): Payload => {
    const data = Buffer.from(encoded!.data!);
    data[index < 0 ? data.length + index : index]! ^= 0x01;
    return { ...encoded!, data };
  };
  for (const payload of [flipped(20), flipped(0), flipped(-1)]) {
    await expect(codec.decode([payload])).rejects.toThrow(/key "a" failed authentication/);
  }
  // The key id is authenticated: relabelled under another known key, it fails as well.
  const relabelled = { ...encoded!, metadata: { ...encoded!.metadata, [KEY_ID_METADATA_KEY]: Buffer.from('b') } };
  await expect(codec.decode([relabelled])).rejects.toThrow(/key "b" failed authentication/);
  await expect(codec.decode([{ ...encoded!, data: new Uint8Array(10) }])).rejects.toThrow(ValueError);
});

test('a payload under a key that is not configured fails naming the key id', async () => {
  const [encoded] = await new AesGcmPayloadCodec(keyringFromEntries([['2025-01', key()]], undefined)).encode([aCase()]);
  const codec = new AesGcmPayloadCodec(keyringFromEntries([['2026-11', key()]], undefined));
  await expect(codec.decode([encoded!])).rejects.toThrow('payload encrypted with key "2025-01", which is not among the configured keys (2026-11)');
});
