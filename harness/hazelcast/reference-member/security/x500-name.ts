// The certificate subject as the TLS realm sees it. X509CertificateLoginModule takes
// X509Certificate.getSubjectX500Principal().getName() — the RFC 2253 form produced by the JDK's
// sun.security.x509 AVA/RDN classes — as the identity, then parses that string with
// javax.naming.ldap.LdapName and collects the values of the role attribute from every RDN.
// We rebuild both from the certificate's DER subject. The JDK rules, in our words:
// - RDNs are printed last-to-first (the reverse of their order in the certificate), joined by ',';
//   the attribute-value pairs of a multi-valued RDN are joined by '+', in their encoded order.
// - Only CN, C, L, ST, O, OU, STREET, DC and UID get a keyword in RFC 2253 output; any other
//   attribute type is printed as its dotted OID, and then its value as '#' + lower-case hex of the
//   value's full DER encoding.
// - A value of a string type (UTF8, Printable, T61, IA5, General, BMP) is its content bytes decoded
//   as UTF-8; other value types are printed as '#hex' too.
// - In string values the characters , = + < > # ; " \ are escaped with a backslash, a NUL as \00,
//   and leading or trailing spaces (and carriage returns) each get a backslash.
import * as asn1js from 'asn1js';
import type { X509Certificate } from 'node:crypto';

const RFC2253_KEYWORDS: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.9': 'STREET',
  '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID',
};

// Universal tag numbers of the string types the JDK prints as text in RFC 2253 form.
const STRING_TAGS = new Set([12, 19, 20, 22, 27, 30]);

export interface Ava {
  /** Keyword (CN, O, ...) or dotted OID. */
  type: string;
  /** The value as LdapName would give it back: the text, or for '#hex' values the DER bytes as UTF-8. */
  value: string;
  /** The value as printed in the RFC 2253 string. */
  printed: string;
}

export interface SubjectName {
  /** X500Principal.getName(): RFC 2253. */
  rfc2253: string;
  /** RDNs in certificate order (most general first), each a list of AVAs. */
  rdns: Ava[][];
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

function escapeValue(text: string): string {
  let out = '';
  for (const c of text) {
    if (',=+<>#;"\\'.includes(c)) out += `\\${c}`;
    else if (c === '\u0000') out += '\\00';
    else out += c;
  }
  // Escape leading and trailing blanks (space and CR), character by character.
  const chars = [...out];
  let lead = 0;
  while (lead < chars.length && (chars[lead] === ' ' || chars[lead] === '\r')) lead++;
  let trail = chars.length - 1;
  while (trail >= 0 && (chars[trail] === ' ' || chars[trail] === '\r')) trail--;
  return chars.map((c, i) => (i < lead || i > trail ? `\\${c}` : c)).join('');
}

function parseAva(seq: asn1js.Sequence): Ava {
  const [oidBlock, valueBlock] = seq.valueBlock.value;
  if (!(oidBlock instanceof asn1js.ObjectIdentifier) || !valueBlock) throw new Error('malformed AttributeTypeAndValue');
  const oid = oidBlock.valueBlock.toString();
  const type = RFC2253_KEYWORDS[oid] ?? oid;
  const der = new Uint8Array(valueBlock.toBER(false));
  const isString = valueBlock.idBlock.tagClass === 1 && STRING_TAGS.has(valueBlock.idBlock.tagNumber);
  if (type === oid || !isString) {
    return { type, value: Buffer.from(der).toString('utf8'), printed: `${type}=#${hex(der)}` };
  }
  const content = (valueBlock.valueBlock as unknown as { valueHexView: Uint8Array }).valueHexView;
  const text = Buffer.from(content).toString('utf8');
  return { type, value: text, printed: `${type}=${escapeValue(text)}` };
}

/** Parses a DER-encoded X.501 Name. */
export function parseSubjectName(der: Uint8Array): SubjectName {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) throw new Error('malformed subject name');
  const rdns: Ava[][] = parsed.result.valueBlock.value.map((set) => {
    if (!(set instanceof asn1js.Set)) throw new Error('malformed RelativeDistinguishedName');
    return set.valueBlock.value.map((ava) => {
      if (!(ava instanceof asn1js.Sequence)) throw new Error('malformed AttributeTypeAndValue');
      return parseAva(ava);
    });
  });
  const rfc2253 = [...rdns]
    .reverse()
    .map((rdn) => rdn.map((a) => a.printed).join('+'))
    .join(',');
  return { rdns, rfc2253 };
}

/** The subject of a certificate (tbsCertificate.subject), taken from its DER encoding. */
export function certificateSubject(cert: X509Certificate): SubjectName {
  const parsed = asn1js.fromBER(new Uint8Array(cert.raw));
  if (!(parsed.result instanceof asn1js.Sequence)) throw new Error('malformed certificate');
  const tbs = parsed.result.valueBlock.value[0];
  if (!(tbs instanceof asn1js.Sequence)) throw new Error('malformed tbsCertificate');
  // tbsCertificate: [0] version (optional), serialNumber, signature, issuer, validity, subject, ...
  const fields = tbs.valueBlock.value;
  const hasVersion = fields[0]?.idBlock.tagClass === 3 && fields[0].idBlock.tagNumber === 0;
  const subject = fields[hasVersion ? 5 : 4];
  if (!subject) throw new Error('certificate without subject');
  return parseSubjectName(new Uint8Array(subject.toBER(false)));
}

/**
 * LdapUtils.getAttributeValues(LdapName, attribute) as X509CertificateLoginModule uses it: for every
 * RDN, the first value of the attribute whose type equals `attribute` ignoring case; a set of names.
 */
export function roleValues(subject: SubjectName, attribute: string): string[] {
  const roles = new Set<string>();
  for (const rdn of subject.rdns) {
    const ava = rdn.find((a) => a.type.toLowerCase() === attribute.toLowerCase());
    if (ava) roles.add(ava.value);
  }
  return [...roles];
}
