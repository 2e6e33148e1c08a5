// Reads a Hazelcast member configuration in YAML (the hazelcast-full-example.yaml shape): keys are
// the XML element and attribute names; permissions use short keys (map, queue, all, ...).
import { parseDocument } from 'yaml';
import { KRB5_LOGIN_MODULE, type IdentityConfig, type MemberConfig, type RealmConfig, type SecurityConfig } from './model.ts';
import {
  buildPermission,
  buildSsl,
  Ctx,
  DEFAULT_CLUSTER_NAME,
  DEFAULT_PORT,
  DEFAULT_PORT_COUNT,
  emptySecurity,
  finishConfig,
  onJoinOperation,
  tokenValue,
  type FinishOptions,
} from './build.ts';
import { MISPLACED_HINTS, unsupportedTopLevelHint } from './supported.ts';
import { MISSPELLED_PERMISSION_ELEMENTS, PERMISSION_BY_YAML_KEY } from './permission-types.ts';

type YMap = Record<string, unknown>;

class YamlReader {
  constructor(private readonly ctx: Ctx) {}

  private map(v: unknown, path: string): YMap {
    if (v === null || v === undefined) return {};
    if (typeof v !== 'object' || Array.isArray(v)) this.ctx.fail(path, 'expected a mapping');
    return v as YMap;
  }

  private scalar(v: unknown, path: string): string {
    if (typeof v === 'string') return this.ctx.text(path, v);
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    this.ctx.fail(path, v === null || v === undefined ? 'missing value' : 'expected a single value');
  }

  private bool(v: unknown, path: string): boolean {
    if (typeof v === 'boolean') return v;
    return this.ctx.bool(path, this.scalar(v, path));
  }

  private onlyKeys(m: YMap, path: string, allowed: readonly string[], hints: Readonly<Record<string, string>> = {}): void {
    for (const k of Object.keys(m)) {
      if (!allowed.includes(k)) this.ctx.unsupported(`${path}/${k}`, hints[k]);
    }
  }

  /** A list of scalars; a single scalar is taken as a one-item list. */
  private scalars(v: unknown, path: string): string[] {
    if (Array.isArray(v)) return v.map((x) => this.scalar(x, path));
    return [this.scalar(v, path)];
  }

  read(doc: unknown, opts: FinishOptions): MemberConfig {
    const ctx: Ctx = this.ctx;
    const top = this.map(doc, '(document)');
    const keys = Object.keys(top);
    if (keys.length !== 1 || keys[0] !== 'hazelcast') {
      ctx.fail(keys.find((k) => k !== 'hazelcast') ?? '(document)', `the document must have the single top-level key "hazelcast"${'hazelcast-client' in top ? ' (this is a client configuration)' : ''}`);
    }
    const path = 'hazelcast';
    const hz = this.map(top['hazelcast'], path);
    const config: MemberConfig = {
      source: ctx.file,
      clusterName: DEFAULT_CLUSTER_NAME,
      port: DEFAULT_PORT,
      portAutoIncrement: true,
      portCount: DEFAULT_PORT_COUNT,
      ssl: undefined,
      security: emptySecurity(),
    };
    for (const [key, value] of Object.entries(hz)) {
      const p = `${path}/${key}`;
      switch (key) {
        case 'cluster-name':
          config.clusterName = this.scalar(value, p);
          if (config.clusterName === '') ctx.fail(p, 'cluster name must not be empty');
          break;
        case 'instance-name':
        case 'license-key':
          this.scalar(value, p);
          break;
        case 'properties':
          for (const [k, v] of Object.entries(this.map(value, p))) this.scalar(v, `${p}/${k}`);
          break;
        case 'network':
          this.readNetwork(this.map(value, p), p, config);
          break;
        case 'security':
          config.security = this.readSecurity(this.map(value, p), p);
          break;
        case 'user-code-deployment': {
          const ucd = this.map(value, p);
          this.onlyKeys(ucd, p, ['enabled']);
          config.userCodeDeployment = 'enabled' in ucd ? this.bool(ucd['enabled'], `${p}/enabled`) : false;
          break;
        }
        default:
          ctx.unsupported(p, unsupportedTopLevelHint(key));
      }
    }
    return finishConfig(ctx, config, `${path}/security`, opts);
  }

  private readNetwork(net: YMap, path: string, config: MemberConfig): void {
    const ctx: Ctx = this.ctx;
    this.onlyKeys(net, path, ['port', 'join', 'ssl'], MISPLACED_HINTS);
    if ('port' in net) {
      const p = `${path}/port`;
      const port = net['port'];
      if (typeof port === 'object' && port !== null && !Array.isArray(port)) {
        const pm = port as YMap;
        this.onlyKeys(pm, p, ['port', 'auto-increment', 'port-count']);
        if ('port' in pm) config.port = ctx.int(`${p}/port`, this.scalar(pm['port'], `${p}/port`), 1, 65535);
        if ('auto-increment' in pm) config.portAutoIncrement = this.bool(pm['auto-increment'], `${p}/auto-increment`);
        if ('port-count' in pm) config.portCount = ctx.int(`${p}/port-count`, this.scalar(pm['port-count'], `${p}/port-count`), 1, 65535);
      } else {
        config.port = ctx.int(p, this.scalar(port, p), 1, 65535);
      }
    }
    if ('join' in net) {
      const p = `${path}/join`;
      for (const [method, body] of Object.entries(this.map(net['join'], p))) {
        const mp = `${p}/${method}`;
        if (!['multicast', 'tcp-ip', 'auto-detection'].includes(method)) {
          ctx.unsupported(mp, 'only multicast, tcp-ip and auto-detection, switched off, are accepted under join');
        }
        const m = this.map(body, mp);
        if (!('enabled' in m) || this.bool(m['enabled'], `${mp}/enabled`)) {
          ctx.unsupported(mp, 'the reference member is a single-member cluster and does no discovery; write enabled: false');
        }
      }
    }
    if ('ssl' in net) {
      const p = `${path}/ssl`;
      const ssl = this.map(net['ssl'], p);
      this.onlyKeys(ssl, p, ['enabled', 'factory-class-name', 'properties']);
      const enabled = 'enabled' in ssl ? this.bool(ssl['enabled'], `${p}/enabled`) : false;
      const factory = 'factory-class-name' in ssl ? this.scalar(ssl['factory-class-name'], `${p}/factory-class-name`) : undefined;
      const props = Object.entries(this.map(ssl['properties'], `${p}/properties`)).map(
        ([k, v]) => [k, this.scalar(v, `${p}/properties/${k}`)] as [string, string],
      );
      config.ssl = buildSsl(ctx, p, enabled, factory, props);
    }
  }

  private readSecurity(s: YMap, path: string): SecurityConfig {
    const ctx: Ctx = this.ctx;
    const sec = emptySecurity();
    for (const [key, value] of Object.entries(s)) {
      const p = `${path}/${key}`;
      switch (key) {
        case 'enabled':
          sec.enabled = this.bool(value, p);
          break;
        case 'realms': {
          const list = Array.isArray(value) ? value : [value];
          for (const item of list) {
            const r = this.readRealm(this.map(item, `${p}/realm`), `${p}/realm`);
            if (sec.realms.has(r.name)) ctx.fail(`${p}/realm[${r.name}]`, `realm "${r.name}" is defined twice`);
            sec.realms.set(r.name, r);
          }
          break;
        }
        case 'member-authentication':
        case 'client-authentication': {
          const m = this.map(value, p);
          this.onlyKeys(m, p, ['realm']);
          const realm = this.scalar(m['realm'], `${p}/realm`);
          if (key === 'member-authentication') sec.memberAuthenticationRealm = realm;
          else sec.clientAuthenticationRealm = realm;
          break;
        }
        case 'client-permissions':
          this.readPermissions(this.map(value, p), p, sec);
          break;
        case 'client-block-unmapped-actions':
          sec.clientBlockUnmappedActions = this.bool(value, p);
          break;
        case 'client-permission-policy':
          ctx.unsupported(p, 'only the default permission policy is implemented');
          break;
        case 'security-interceptors':
          ctx.unsupported(p, 'security interceptors run custom Java code');
          break;
        default:
          ctx.unsupported(p, MISPLACED_HINTS[key]);
      }
    }
    return sec;
  }

  private readRealm(m: YMap, path: string): RealmConfig {
    const ctx: Ctx = this.ctx;
    const name = this.scalar(m['name'], `${path}/name`);
    if (name === '') ctx.fail(path, 'realm without a name');
    const p = `${path}[${name}]`;
    this.onlyKeys(m, p, ['name', 'authentication', 'identity'], { 'access-control-service': 'REST access control is not part of client security' });
    const realm: RealmConfig = { name, authentication: undefined, identity: undefined };
    if ('authentication' in m) realm.authentication = this.readAuthentication(this.one(m['authentication'], `${p}/authentication`, 'authentication method'), `${p}/authentication`);
    if ('identity' in m) realm.identity = this.readIdentity(this.one(m['identity'], `${p}/identity`, 'identity'), `${p}/identity`);
    return realm;
  }

  private one(v: unknown, path: string, what: string): [string, unknown] {
    const entries = Object.entries(this.map(v, path));
    if (entries.length !== 1) this.ctx.fail(path, `expected exactly one ${what}, found ${entries.length}`);
    return entries[0]!;
  }

  private options(v: unknown, path: string, nested: readonly string[] = []): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, val] of Object.entries(this.map(v, path))) {
      if (nested.includes(k)) continue;
      out[k] = this.scalar(val, `${path}/${k}`);
    }
    return out;
  }

  private readAuthentication([method, body]: [string, unknown], path: string): RealmConfig['authentication'] {
    const ctx: Ctx = this.ctx;
    const p = `${path}/${method}`;
    switch (method) {
      case 'tls': {
        const m = this.map(body, p);
        this.onlyKeys(m, p, ['roleAttribute']);
        return { kind: 'tls', roleAttribute: 'roleAttribute' in m ? this.scalar(m['roleAttribute'], `${p}/roleAttribute`) : undefined };
      }
      case 'ldap':
        return { kind: 'ldap', options: this.options(body, p) };
      case 'kerberos': {
        const m = this.map(body, p);
        return { kind: 'kerberos', options: this.options(m, p, ['ldap']), ldap: 'ldap' in m ? this.options(m['ldap'], `${p}/ldap`) : undefined };
      }
      case 'jaas': {
        // A list of login modules; only a single Krb5LoginModule (the Kerberos acceptor realm).
        const list = Array.isArray(body) ? body : [body];
        const m = list.length === 1 ? this.map(list[0], `${p}[0]`) : undefined;
        if (!m || typeof m['class-name'] !== 'string' || m['class-name'].trim() !== KRB5_LOGIN_MODULE) {
          ctx.unsupported(p, `JAAS login modules are Java classes; only a single ${KRB5_LOGIN_MODULE} (a kerberos realm's security-realm) is understood`);
        }
        this.onlyKeys(m, `${p}[0]`, ['class-name', 'usage', 'properties']);
        return { kind: 'krb5-login-module', usage: 'usage' in m ? this.scalar(m['usage'], `${p}[0]/usage`) : 'REQUIRED', properties: this.options(m['properties'], `${p}[0]/properties`) };
      }
      case 'simple':
        ctx.unsupported(p, 'simple authentication is not implemented yet');
        break;
      default:
        ctx.unsupported(p);
    }
  }

  private readIdentity([kind, body]: [string, unknown], path: string): IdentityConfig {
    const ctx: Ctx = this.ctx;
    const p = `${path}/${kind}`;
    switch (kind) {
      case 'username-password': {
        const m = this.map(body, p);
        this.onlyKeys(m, p, ['username', 'password']);
        return { kind: 'username-password', username: this.scalar(m['username'], `${p}/username`), password: this.scalar(m['password'], `${p}/password`) };
      }
      case 'token': {
        const m = this.map(body, p);
        this.onlyKeys(m, p, ['encoding', 'value']);
        return tokenValue(ctx, p, 'encoding' in m ? this.scalar(m['encoding'], `${p}/encoding`) : undefined, this.scalar(m['value'], `${p}/value`));
      }
      case 'kerberos':
        return { kind: 'kerberos', options: this.options(body, p) };
      case 'credentials-factory':
        ctx.unsupported(p, 'credentials factories are Java classes');
        break;
      default:
        ctx.unsupported(p);
    }
  }

  private readPermissions(m: YMap, path: string, sec: SecurityConfig): void {
    const ctx: Ctx = this.ctx;
    for (const [key, value] of Object.entries(m)) {
      const p = `${path}/${key}`;
      if (key === 'on-join-operation') {
        sec.onJoinOperation = onJoinOperation(ctx, p, this.scalar(value, p));
        continue;
      }
      if (key === 'priority-grant') {
        sec.priorityGrant = this.bool(value, p);
        continue;
      }
      const type = PERMISSION_BY_YAML_KEY.get(key);
      if (!type) {
        const real = MISSPELLED_PERMISSION_ELEMENTS[key];
        ctx.unsupported(p, real ? `the Hazelcast schema calls this key ${real}` : 'unknown permission type');
      }
      // all / config / transaction are single mappings in the examples, the others lists; both
      // shapes are accepted for every type. An empty value ("transaction:") is one default entry.
      const entries = Array.isArray(value) ? value : [value];
      for (const entry of entries) {
        const e = this.map(entry, p);
        const qp = 'name' in e ? `${p}[${String(e['name'])}]` : p;
        this.onlyKeys(e, qp, ['name', 'principal', 'deny', 'endpoints', 'actions']);
        let actions: string[] | undefined;
        if ('actions' in e) {
          const a = e['actions'];
          if (a !== null && typeof a === 'object' && !Array.isArray(a)) {
            // `actions: { action: all }` form of hazelcast-full-example.yaml.
            const am = a as YMap;
            this.onlyKeys(am, `${qp}/actions`, ['action']);
            actions = this.scalars(am['action'], `${qp}/actions/action`);
          } else {
            actions = this.scalars(a, `${qp}/actions`);
          }
        }
        sec.clientPermissions.push(
          buildPermission(ctx, qp, type, {
            name: 'name' in e ? this.scalar(e['name'], `${qp}/name`) : undefined,
            principal: 'principal' in e ? this.scalar(e['principal'], `${qp}/principal`) : undefined,
            deny: 'deny' in e ? this.bool(e['deny'], `${qp}/deny`) : undefined,
            endpoints: 'endpoints' in e ? this.scalars(e['endpoints'], `${qp}/endpoints`) : undefined,
            actions,
          }),
        );
      }
    }
  }
}

export function readYamlConfig(text: string, file: string, opts: FinishOptions = {}): MemberConfig {
  const ctx = new Ctx(file);
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const err = doc.errors[0];
  if (err) ctx.fail('(document)', `not valid YAML: ${err.message.split('\n')[0]}`);
  return new YamlReader(ctx).read(doc.toJS({ maxAliasCount: 100 }), opts);
}
