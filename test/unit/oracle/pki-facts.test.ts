// The oracle judges certificates from matrices/pki.yaml; this checks those facts against what the
// PKI is asked to make (pki/default-request.ts), so the two cannot drift apart silently.
import { describe, expect, it } from 'vitest';
import { defaultPkiRequest } from '../../../pki/index.ts';
import { loadMatrices } from '../../../harness/hazelcast/plan/load.ts';

const { catalogue } = loadMatrices();
const requests = new Map(defaultPkiRequest().certs.map((c) => [c.id, c]));

describe('PKI facts of the oracle agree with the PKI request', () => {
  it.each(Object.keys(catalogue.pki.certificates))('%s', (id) => {
    const facts = catalogue.pki.certificates[id]!;
    const req = requests.get(id);
    expect(req, `PKI makes ${id}`).toBeDefined();
    expect(facts.issuer).toBe(req!.issuer);
    expect(facts.keyType).toBe(req!.keyType === 'ec-p256' ? 'EC' : 'RSA');
    expect(facts.validity).toBe({ current: 'current', expired: 'expired', 'not-yet-valid': 'future' }[req!.validity ?? 'current']);
    expect(facts.ca).toBe(req!.caCertificate === true);
    const defaultEku = req!.kind === 'member' ? ['serverAuth'] : ['clientAuth'];
    expect([...facts.eku].sort()).toEqual([...(req!.ekus ?? defaultEku)].sort());
    if (req!.kind === 'member') {
      const sans = req!.sans ?? { dns: ['localhost'], ip: ['127.0.0.1'] };
      expect([...facts.san].sort()).toEqual([...(sans.dns ?? []).map((d) => `DNS:${d}`), ...(sans.ip ?? []).map((i) => `IP:${i}`)].sort());
    } else {
      expect(facts.subject).toBe(req!.subject);
    }
  });
});
