import { gunzipSync } from 'node:zlib';
import { buildCredential, decodeStatusList, encodeStatusList, STATUS_LIST_BITS, statusBit, statusListPosition, type CredentialSource } from './credential';

const source: CredentialSource = {
  code: 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z',
  issuerUnitId: '11111111-1111-4111-8111-111111111111',
  issuerName: 'Thành đoàn Hà Nội',
  certificateName: 'CHỨNG CHỈ BỒI DƯỠNG',
  holderName: 'Nguyễn Văn Đức',
  holderDateOfBirth: null,
  programCode: 'BT XA',
  programName: 'Bồi dưỡng Bí thư Đoàn xã, phường, đặc khu',
  courseStartsOn: '2026-03-02',
  courseEndsOn: '2026-03-11',
  result: null,
  issuedPlace: 'Hà Nội',
  issuedOn: '2026-03-20',
  signerName: 'Trần Quốc Việt',
  signerTitle: 'PHÓ BÍ THƯ THÀNH ĐOÀN',
  serialNumber: 'HNI-2026-000001',
  entryNumber: 1,
  year: 2026,
  titles: [],
  statusListIndex: STATUS_LIST_BITS + 5,
};

describe('Bitstring Status List encoding', () => {
  it('sets bit 0 as the leftmost bit of the first byte, gzips, and prefixes multibase "u"', () => {
    const encoded = encodeStatusList([0, 9, STATUS_LIST_BITS - 1]);
    expect(encoded.startsWith('u')).toBe(true);
    const bytes = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
    expect(bytes.length).toBe(16_384);
    expect(bytes[0]).toBe(0b1000_0000);
    expect(bytes[1]).toBe(0b0100_0000);
    expect(bytes[bytes.length - 1]).toBe(0b0000_0001);
    const list = decodeStatusList(encoded);
    expect([0, 1, 8, 9, STATUS_LIST_BITS - 1].map((b) => statusBit(list, b))).toEqual([true, false, false, true, true]);
  });

  it('refuses bits outside the list and lists without the multibase prefix', () => {
    expect(() => encodeStatusList([STATUS_LIST_BITS])).toThrow(RangeError);
    expect(() => statusBit(decodeStatusList(encodeStatusList([])), -1)).toThrow(RangeError);
    expect(() => decodeStatusList('H4sI')).toThrow(/multibase/);
  });

  it('places a global index in its list and bit', () => {
    expect(statusListPosition(5)).toEqual({ list: 0, bit: 5 });
    expect(statusListPosition(STATUS_LIST_BITS + 5)).toEqual({ list: 1, bit: 5 });
  });
});

describe('buildCredential', () => {
  it('points the status entry at the right list, omits what was not printed, and keeps ids resolvable', () => {
    const c = buildCredential('https://x.vn', source, 'https://x.vn/verify/code');
    expect(c.credentialStatus).toEqual({
      id: 'https://x.vn/api/v1/public/credentials/status/1#5',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '5',
      statusListCredential: 'https://x.vn/api/v1/public/credentials/status/1',
    });
    expect(c.credentialSubject['identifier']).toEqual([{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: 'Nguyễn Văn Đức' }]);
    expect(c.credentialSubject).not.toHaveProperty('result');
    expect(c.credentialSubject['achievement']).not.toHaveProperty('tag');
    expect((c.credentialSubject['achievement'] as { id: string }).id).toBe('urn:boiduong:program:BT%20XA');
    expect(c.id).toBe('https://x.vn/api/v1/public/credentials/Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z');
  });
});
