import { describe, expect, it } from 'vitest';
import { REDACTED, redactObject, redactText } from '../../../harness/core/util/redact.ts';

describe('redaction', () => {
  it('hides PEM private keys but keeps certificates', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIE6T\n-----END ENCRYPTED PRIVATE KEY-----';
    const out = redactText(pem);
    expect(out).toContain('MIIB');
    expect(out).not.toContain('MIIE6T');
  });

  it('hides literal secrets wherever they appear', () => {
    expect(redactText('auth with s3crEt failed', ['s3crEt'])).toBe(`auth with ${REDACTED} failed`);
  });

  it('hides secret-looking fields at any depth', () => {
    const out = redactObject({ ssl: { keyStorePassword: 'hunter2', protocol: 'TLSv1.3' }, security: { token: 'abc', users: [{ password: 'x1y2' }] } });
    expect(JSON.stringify(out)).not.toMatch(/hunter2|abc|x1y2/);
    expect(out.ssl.protocol).toBe('TLSv1.3');
  });
});

describe('redaction leaves ordinary fields alone', () => {
  it('keeps counts whose names merely start like a secret word', () => {
    const out = redactObject({ passed: 4, passage: 'open', keyStorePassword: 'hunter2' });
    expect(out.passed).toBe(4);
    expect(out.passage).toBe('open');
    expect(out.keyStorePassword).toBe(REDACTED);
  });
});
