// Reads what a Kerberos GSSAPI initial token asks for in the clear: the AP-REQ's ap-options
// (RFC 4120 §5.5.1) behind the GSS framing (RFC 2743 §3.1, RFC 1964 §1.1: TOK_ID 01 00). The
// member cannot answer with a reply token, so a token that requires mutual authentication can
// only pass with relax-flags-check (hazelcast-security-realms.txt, Kerberos options).

interface Tlv {
  tag: number;
  start: number;
  end: number;
}

function tlv(b: Buffer, at: number): Tlv {
  if (at + 2 > b.length) throw new Error('truncated DER');
  const tag = b[at]!;
  let len = b[at + 1]!;
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || start + n > b.length) throw new Error('bad DER length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[start + i]!;
    start += n;
  }
  if (start + len > b.length) throw new Error('truncated DER');
  return { tag, start, end: start + len };
}

/** AP-REQ options of a krb5 GSS initial token; undefined when the token is not one. */
export function apOptions(token: Buffer): { mutualRequired: boolean; useSessionKey: boolean } | undefined {
  try {
    const outer = tlv(token, 0);
    if (outer.tag !== 0x60) return undefined;
    const oid = tlv(token, outer.start);
    if (oid.tag !== 0x06) return undefined;
    // TOK_ID 01 00 = AP-REQ.
    if (token[oid.end] !== 0x01 || token[oid.end + 1] !== 0x00) return undefined;
    const apReq = tlv(token, oid.end + 2);
    if (apReq.tag !== 0x6e) return undefined;
    const seq = tlv(token, apReq.start);
    if (seq.tag !== 0x30) return undefined;
    for (let at = seq.start; at < seq.end; ) {
      const field = tlv(token, at);
      if (field.tag === 0xa2) {
        const bits = tlv(token, field.start);
        if (bits.tag !== 0x03 || bits.end - bits.start < 2) return undefined;
        // First byte: unused bits; then bit 0 (MSB) reserved, bit 1 use-session-key, bit 2 mutual-required.
        const first = token[bits.start + 1]!;
        return { useSessionKey: (first & 0x40) !== 0, mutualRequired: (first & 0x20) !== 0 };
      }
      at = field.end;
    }
    return undefined;
  } catch {
    return undefined;
  }
}
