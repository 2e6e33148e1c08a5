// Real Node TLS handshakes on loopback for every artifact: the good ones connect (in every file format
// a member or client may be configured with), each bad one fails with its own error code.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BAD_IDS, EXPECTED, EXTRA_MEMBER_NAME, GOOD_IDS } from './expectations.ts';
import { usePkiSet } from './fixture.ts';
import { handshake } from './handshake.ts';
import { runTool } from './run-tool.ts';

const pki = usePkiSet('pki-tls');
const read = (id: string, format: Parameters<typeof pki.file>[1]) => readFileSync(pki.file(id, format));
const goodMembers = GOOD_IDS.filter((id) => EXPECTED[id]!.side === 'member');
const goodClients = GOOD_IDS.filter((id) => EXPECTED[id]!.side === 'client');
const badMembers = BAD_IDS.filter((id) => EXPECTED[id]!.side === 'member');
const badClients = BAD_IDS.filter((id) => EXPECTED[id]!.side === 'client');

/** A member (TLS server) presenting `id` from its PEM key and chain, asking for client certificates. */
const memberPem = (id: string) => ({ key: read(id, 'key'), cert: read(id, 'chain'), requestCert: true, rejectUnauthorized: false, ca: read('root-ca', 'cert') });
const trustingRoot = () => ({ ca: read('root-ca', 'cert') });
const cnOf = (id: string) => /^CN=([^,]+)/.exec(EXPECTED[id]!.subject)![1];

describe.concurrent('good member certificates: a client trusting root-ca connects', () => {
  it.each(goodMembers)('%s from PEM key + chain, to 127.0.0.1, localhost and the extra member name', async (id) => {
    for (const servername of [undefined, 'localhost', EXTRA_MEMBER_NAME]) {
      const r = await handshake(memberPem(id), { ...trustingRoot(), ...(servername ? { servername } : {}) });
      expect(r.clientError, `servername ${servername}`).toBeUndefined();
      expect(r.peerCn).toBe(cnOf(id));
    }
  });

  it.each(goodMembers)('%s from the PKCS#12 key store (pfx + passphrase)', async (id) => {
    const r = await handshake({ pfx: read(id, 'keystore'), passphrase: pki.artifact(id).passwords.keystore! }, trustingRoot());
    expect(r.clientError).toBeUndefined();
    expect(r.peerCn).toBe(cnOf(id));
  });

  it.each(goodMembers)('%s from the encrypted key (passphrase) and from the combined PEM file', async (id) => {
    const encrypted = await handshake({ key: read(id, 'keyEncrypted'), passphrase: pki.artifact(id).passwords.key!, cert: read(id, 'chain') }, trustingRoot());
    expect(encrypted.clientError).toBeUndefined();
    const combined = await handshake({ key: read(id, 'combined'), cert: read(id, 'combined') }, trustingRoot());
    expect(combined.clientError).toBeUndefined();
    expect(combined.peerCn).toBe(cnOf(id));
  });

  it.each(goodMembers)('%s presenting the leaf alone is verified with the ca-bundle CA file', async (id) => {
    const leafOnly = await handshake({ key: read(id, 'key'), cert: read(id, 'cert') }, { ca: read('ca-bundle', 'bundle') });
    expect(leafOnly.clientError).toBeUndefined();
    // ...and the same leaf alone is not enough for a client that trusts only the root.
    const rootOnly = await handshake({ key: read(id, 'key'), cert: read(id, 'cert') }, trustingRoot());
    expect(rootOnly.clientError).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('a wrong passphrase for the key store is refused by Node', async () => {
    await expect(handshake({ pfx: read('member-rsa', 'keystore'), passphrase: 'wrong-password' }, trustingRoot())).rejects.toThrow(/mac verify failure|wrong password|bad decrypt/i);
  });
});

describe.concurrent('good client certificates: a member trusting root-ca authorizes them', () => {
  it.each(goodClients)('%s from PEM key + chain', async (id) => {
    const r = await handshake(memberPem('member-rsa'), { ...trustingRoot(), key: read(id, 'key'), cert: read(id, 'chain') });
    expect(r.clientError).toBeUndefined();
    expect(r.serverVerdict).toBe('authorized');
  });

  it.each(goodClients)('%s from the PKCS#12 key store, against a member that refuses unauthorized clients', async (id) => {
    const r = await handshake({ ...memberPem('member-ec'), rejectUnauthorized: true }, { ...trustingRoot(), pfx: read(id, 'keystore'), passphrase: pki.artifact(id).passwords.keystore! });
    expect(r.clientError).toBeUndefined();
    expect(r.serverVerdict).toBe('authorized');
  });
});

describe.concurrent('bad member certificates: the client refuses each for its own reason', () => {
  it.each(badMembers)('%s', async (id) => {
    const r = await handshake(memberPem(id), trustingRoot());
    expect(r.clientError).toBe(EXPECTED[id]!.failure);
  });

  it('member-cn-only: Node still accepts the CN for the DNS name "localhost" (legacy fallback); only IP connections fail', async () => {
    const r = await handshake(memberPem('member-cn-only'), { ...trustingRoot(), servername: 'localhost' });
    expect(r.clientError).toBeUndefined();
  });

  it('member-wrong-san also fails for the DNS name localhost', async () => {
    const r = await handshake(memberPem('member-wrong-san'), { ...trustingRoot(), servername: 'localhost' });
    expect(r.clientError).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
  });
});

describe.concurrent('bad client certificates: the member refuses each for its own reason', () => {
  it.each(badClients)('%s', async (id) => {
    const client = { ...trustingRoot(), key: read(id, 'key'), cert: read(id, 'chain') };
    const r = await handshake(memberPem('member-rsa'), client);
    expect(r.serverVerdict).toBe(EXPECTED[id]!.failure);
    // A member that refuses unauthorized clients ends the handshake: no connection is accepted.
    const strict = await handshake({ ...memberPem('member-rsa'), rejectUnauthorized: true }, client);
    expect(strict.serverVerdict).toBe('none');
    expect(strict.serverError).toBeDefined();
  });
});

describe('Python ssl loads the PEM formats', () => {
  it('combined PEM (key taken from the certfile), encrypted key with password, chain and CA bundle', async () => {
    const script = [
      'import ssl, sys',
      'args = sys.argv[1:]',
      'for i in range(0, len(args), 4):',
      '    certfile, keyfile, password, cafile = args[i:i+4]',
      '    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)',
      '    ctx.load_verify_locations(cafile)',
      '    ctx.load_cert_chain(certfile, keyfile or None, password or None)',
      '    print("loaded", certfile)',
    ].join('\n');
    const args: string[] = [];
    for (const id of [...goodMembers, ...goodClients]) {
      args.push(pki.file(id, 'combined'), '', '', pki.file('ca-bundle', 'bundle'));
      args.push(pki.file(id, 'chain'), pki.file(id, 'keyEncrypted'), pki.artifact(id).passwords.key!, pki.file('root-ca', 'cert'));
    }
    const r = await runTool('python3', ['-c', script, ...args]);
    expect(r.exitCode, r.output).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(args.length / 4);
    const wrong = await runTool('python3', ['-c', script, pki.file('client-rsa', 'chain'), pki.file('client-rsa', 'keyEncrypted'), 'wrong-password', pki.file('root-ca', 'cert')]);
    expect(wrong.exitCode).not.toBe(0);
  });
});
