// The AP-REQ options the member reads from a GSSAPI initial token (RFC 1964 framing, RFC 4120
// AP-REQ), on hand-built DER: mutual-required is what relax-flags-check relaxes.
import { describe, expect, it } from 'vitest';
import { apOptions } from '../../../harness/hazelcast/reference-member/security/gss-token.ts';

const der = (tag: number, body: Buffer) => Buffer.concat([Buffer.from([tag, body.length]), body]);
const KRB5_OID = Buffer.from('06092a864886f712010202', 'hex');

function token(optionsByte: number, tokId = [0x01, 0x00]): Buffer {
  const seq = der(0x30, Buffer.concat([
    der(0xa0, Buffer.from([0x02, 0x01, 0x05])), // pvno 5
    der(0xa1, Buffer.from([0x02, 0x01, 0x0e])), // msg-type 14 (AP-REQ)
    der(0xa2, der(0x03, Buffer.from([0x00, optionsByte, 0x00, 0x00, 0x00]))), // ap-options
    der(0xa3, Buffer.from([0x61, 0x00])), // ticket (content irrelevant here)
  ]));
  return der(0x60, Buffer.concat([KRB5_OID, Buffer.from(tokId), der(0x6e, seq)]));
}

describe('GSS initial token ap-options', () => {
  it('reads mutual-required (bit 2) and use-session-key (bit 1)', () => {
    expect(apOptions(token(0x20))).toEqual({ mutualRequired: true, useSessionKey: false });
    expect(apOptions(token(0x00))).toEqual({ mutualRequired: false, useSessionKey: false });
    expect(apOptions(token(0x60))).toEqual({ mutualRequired: true, useSessionKey: true });
  });
  it('is undefined for anything that is not a krb5 AP-REQ token', () => {
    expect(apOptions(token(0x20, [0x02, 0x00]))).toBeUndefined();
    expect(apOptions(Buffer.from('not a token'))).toBeUndefined();
    expect(apOptions(token(0x20).subarray(0, 20))).toBeUndefined();
  });
});
