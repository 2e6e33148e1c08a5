// Client-side faults for `secmatrix selfcheck`: settings of the Node client driver that reproduce
// known client bugs (a TLS option the client is configured with but never hands to the TLS layer).
// The self-check runs the unmodified member against the driver with one of these, to show that the
// suite also notices a client that does not do what its configuration says.
export interface ClientFaultDefinition {
  name: string;
  description: string;
  models: string;
}

const F = <N extends string>(name: N, description: string, models: string): ClientFaultDefinition & { name: N } => ({ name, description, models });

export const CLIENT_FAULTS = [
  F(
    'client-hostname-check-skipped',
    "the client never checks that the member's certificate names the host dialled, even when configured to",
    "hazelcast-nodejs-client's default sslOptions (checkServerIdentity: () => null) leaking into configured " +
      'clients; TLS wrappers that drop server_hostname / check_hostname',
  ),
  F(
    'client-cipher-list-dropped',
    'the configured cipher list is not passed to the TLS layer: the client offers its defaults',
    'an options mapper that forgets the ciphers option (the client offers every default suite)',
  ),
  F(
    'client-version-limits-dropped',
    'the configured minimum / maximum TLS version is not passed to the TLS layer',
    'an options mapper that forgets minVersion / maxVersion (hazelcast-nodejs-client issues 300/301 class: TLS settings silently not applied)',
  ),
  F(
    'client-ca-file-ignored',
    'the configured CA file is not used: the client trusts any certificate',
    'rejectUnauthorized: false left in a client template, the most common TLS client bug',
  ),
] as const satisfies readonly ClientFaultDefinition[];

export type ClientFaultName = (typeof CLIENT_FAULTS)[number]['name'];
export const CLIENT_FAULT_NAMES: readonly ClientFaultName[] = CLIENT_FAULTS.map((f) => f.name);
