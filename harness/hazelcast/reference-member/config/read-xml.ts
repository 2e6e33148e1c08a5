// Reads a Hazelcast member configuration in XML (hazelcast-config-5.x.xsd shape), with or without
// the http://www.hazelcast.com/schema/config namespace and with or without a namespace prefix.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
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
import { MISSPELLED_PERMISSION_ELEMENTS, PERMISSION_BY_ELEMENT } from './permission-types.ts';

interface XNode {
  name: string;
  attrs: Map<string, string>;
  children: XNode[];
  text: string;
}

const NS_ATTRIBUTE = /^(xmlns(:.*)?|xsi:.*)$/;

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon === -1 ? qname : qname.substring(colon + 1);
}

type Ordered = Record<string, unknown>;

function toTree(items: Ordered[]): XNode[] {
  const nodes: XNode[] = [];
  for (const item of items) {
    const tag = Object.keys(item).find((k) => k !== ':@');
    if (tag === undefined || tag === '#text' || tag === '#comment' || tag.startsWith('?')) continue;
    const rawAttrs = (item[':@'] ?? {}) as Record<string, string>;
    const attrs = new Map<string, string>();
    for (const [k, v] of Object.entries(rawAttrs)) {
      if (NS_ATTRIBUTE.test(k)) continue;
      attrs.set(localName(k), String(v));
    }
    const childItems = (item[tag] ?? []) as Ordered[];
    const text = childItems
      .filter((c) => '#text' in c)
      .map((c) => String(c['#text']))
      .join('')
      .trim();
    nodes.push({ name: localName(tag), attrs, children: toTree(childItems), text });
  }
  return nodes;
}

class XmlReader {
  constructor(private readonly ctx: Ctx) {}

  private onlyAttrs(node: XNode, path: string, allowed: readonly string[]): void {
    for (const a of node.attrs.keys()) {
      if (!allowed.includes(a)) this.ctx.unsupported(`${path}/@${a}`);
    }
  }

  private noChildren(node: XNode, path: string): void {
    const first = node.children[0];
    if (first) this.ctx.unsupported(`${path}/${first.name}`);
  }

  private single(node: XNode, path: string, names: readonly string[]): void {
    const seen = new Set<string>();
    for (const c of node.children) {
      if (!names.includes(c.name)) continue;
      if (seen.has(c.name)) this.ctx.fail(`${path}/${c.name}`, 'element may appear only once');
      seen.add(c.name);
    }
  }

  private attrBool(node: XNode, path: string, attr: string, dflt: boolean): boolean {
    const v = node.attrs.get(attr);
    return v === undefined ? dflt : this.ctx.bool(`${path}/@${attr}`, v);
  }

  read(root: XNode, opts: FinishOptions): MemberConfig {
    const ctx: Ctx = this.ctx;
    if (root.name !== 'hazelcast') {
      ctx.fail(root.name, `root element must be <hazelcast>${root.name === 'hazelcast-client' ? ' (this is a client configuration)' : ''}`);
    }
    const path = 'hazelcast';
    this.onlyAttrs(root, path, ['id']);
    this.single(root, path, ['cluster-name', 'network', 'security', 'properties', 'instance-name', 'license-key', 'user-code-deployment']);
    const config: MemberConfig = {
      source: ctx.file,
      clusterName: DEFAULT_CLUSTER_NAME,
      port: DEFAULT_PORT,
      portAutoIncrement: true,
      portCount: DEFAULT_PORT_COUNT,
      ssl: undefined,
      security: emptySecurity(),
    };
    for (const child of root.children) {
      const p = `${path}/${child.name}`;
      switch (child.name) {
        case 'cluster-name':
          this.noChildren(child, p);
          config.clusterName = ctx.text(p, child.text);
          if (config.clusterName === '') ctx.fail(p, 'cluster name must not be empty');
          break;
        case 'instance-name':
        case 'license-key':
          // No effect on client security in a single member: accepted, not used.
          this.noChildren(child, p);
          ctx.text(p, child.text);
          break;
        case 'properties':
          this.readPropertiesIgnored(child, p);
          break;
        case 'network':
          this.readNetwork(child, p, config);
          break;
        case 'security':
          config.security = this.readSecurity(child, p);
          break;
        case 'user-code-deployment':
          this.onlyAttrs(child, p, ['enabled']);
          this.noChildren(child, p);
          config.userCodeDeployment = ctx.bool(`${p}/@enabled`, child.attrs.get('enabled') ?? 'false');
          break;
        default:
          ctx.unsupported(p, unsupportedTopLevelHint(child.name));
      }
    }
    return finishConfig(ctx, config, `${path}/security`, opts);
  }

  private readPropertiesIgnored(node: XNode, path: string): void {
    for (const prop of node.children) {
      if (prop.name !== 'property') this.ctx.unsupported(`${path}/${prop.name}`);
      this.onlyAttrs(prop, `${path}/property`, ['name']);
      this.ctx.text(`${path}/property`, prop.text);
    }
  }

  private properties(node: XNode, path: string): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    for (const prop of node.children) {
      if (prop.name !== 'property') this.ctx.unsupported(`${path}/${prop.name}`);
      this.onlyAttrs(prop, `${path}/property`, ['name']);
      const name = prop.attrs.get('name');
      if (name === undefined) this.ctx.fail(`${path}/property`, 'property without a name attribute');
      out.push([name, prop.text]);
    }
    return out;
  }

  private readNetwork(node: XNode, path: string, config: MemberConfig): void {
    const ctx: Ctx = this.ctx;
    this.onlyAttrs(node, path, []);
    this.single(node, path, ['port', 'join', 'ssl']);
    for (const child of node.children) {
      const p = `${path}/${child.name}`;
      switch (child.name) {
        case 'port':
          this.onlyAttrs(child, p, ['auto-increment', 'port-count']);
          this.noChildren(child, p);
          config.port = ctx.int(p, child.text, 1, 65535);
          config.portAutoIncrement = this.attrBool(child, p, 'auto-increment', true);
          if (child.attrs.has('port-count')) config.portCount = ctx.int(`${p}/@port-count`, child.attrs.get('port-count')!, 1, 65535);
          break;
        case 'join':
          this.readJoin(child, p);
          break;
        case 'ssl': {
          this.onlyAttrs(child, p, ['enabled']);
          const enabled = this.attrBool(child, p, 'enabled', false);
          let factory: string | undefined;
          let props: Array<[string, string]> = [];
          this.single(child, p, ['factory-class-name', 'properties']);
          for (const c of child.children) {
            if (c.name === 'factory-class-name') factory = ctx.text(`${p}/factory-class-name`, c.text);
            else if (c.name === 'properties') props = this.properties(c, `${p}/properties`);
            else ctx.unsupported(`${p}/${c.name}`);
          }
          config.ssl = buildSsl(ctx, p, enabled, factory, props);
          break;
        }
        default:
          ctx.unsupported(p, MISPLACED_HINTS[child.name]);
      }
    }
  }

  /** Only switched-off discovery is accepted: the reference member is a one-member cluster. */
  private readJoin(node: XNode, path: string): void {
    this.onlyAttrs(node, path, []);
    for (const method of node.children) {
      const p = `${path}/${method.name}`;
      if (!['multicast', 'tcp-ip', 'auto-detection'].includes(method.name)) {
        this.ctx.unsupported(p, 'only multicast, tcp-ip and auto-detection, switched off, are accepted under join');
      }
      const enabled = method.attrs.get('enabled');
      if (enabled === undefined || this.ctx.bool(`${p}/@enabled`, enabled)) {
        this.ctx.unsupported(p, 'the reference member is a single-member cluster and does no discovery; write enabled="false"');
      }
    }
  }

  private readSecurity(node: XNode, path: string): SecurityConfig {
    const ctx: Ctx = this.ctx;
    this.onlyAttrs(node, path, ['enabled']);
    this.single(node, path, ['realms', 'member-authentication', 'client-authentication', 'client-permissions', 'client-block-unmapped-actions']);
    const sec = emptySecurity();
    sec.enabled = this.attrBool(node, path, 'enabled', false);
    for (const child of node.children) {
      const p = `${path}/${child.name}`;
      switch (child.name) {
        case 'realms':
          this.onlyAttrs(child, p, []);
          for (const realm of child.children) {
            if (realm.name !== 'realm') ctx.unsupported(`${p}/${realm.name}`);
            const r = this.readRealm(realm, `${p}/realm`);
            if (sec.realms.has(r.name)) ctx.fail(`${p}/realm[${r.name}]`, `realm "${r.name}" is defined twice`);
            sec.realms.set(r.name, r);
          }
          break;
        case 'member-authentication':
        case 'client-authentication': {
          this.onlyAttrs(child, p, ['realm']);
          this.noChildren(child, p);
          const realm = child.attrs.get('realm');
          if (realm === undefined) ctx.fail(p, 'missing realm attribute');
          if (child.name === 'member-authentication') sec.memberAuthenticationRealm = ctx.text(`${p}/@realm`, realm);
          else sec.clientAuthenticationRealm = ctx.text(`${p}/@realm`, realm);
          break;
        }
        case 'client-permissions':
          this.readPermissions(child, p, sec);
          break;
        case 'client-block-unmapped-actions':
          this.noChildren(child, p);
          sec.clientBlockUnmappedActions = ctx.bool(p, child.text);
          break;
        case 'client-permission-policy':
          ctx.unsupported(p, 'only the default permission policy is implemented');
          break;
        case 'security-interceptors':
          ctx.unsupported(p, 'security interceptors run custom Java code');
          break;
        default:
          ctx.unsupported(p, MISPLACED_HINTS[child.name]);
      }
    }
    return sec;
  }

  private readRealm(node: XNode, path: string): RealmConfig {
    const ctx: Ctx = this.ctx;
    this.onlyAttrs(node, path, ['name']);
    const name = node.attrs.get('name');
    if (name === undefined || name === '') ctx.fail(path, 'realm without a name');
    const p = `${path}[${name}]`;
    const realm: RealmConfig = { name: ctx.text(p, name), authentication: undefined, identity: undefined };
    this.single(node, p, ['authentication', 'identity']);
    for (const child of node.children) {
      const cp = `${p}/${child.name}`;
      if (child.name === 'authentication') realm.authentication = this.readAuthentication(child, cp);
      else if (child.name === 'identity') realm.identity = this.readIdentity(child, cp);
      else ctx.unsupported(cp, child.name === 'access-control-service' ? 'REST access control is not part of client security' : undefined);
    }
    return realm;
  }

  private exactlyOne(node: XNode, path: string, what: string): XNode {
    this.onlyAttrs(node, path, []);
    if (node.children.length !== 1) ctx1(this.ctx, path, what, node.children.length);
    return node.children[0]!;
  }

  /** jaas with exactly one Krb5LoginModule (the acceptor realm of the Kerberos security-realm form). */
  private readKrb5Jaas(node: XNode, p: string): RealmConfig['authentication'] {
    this.onlyAttrs(node, p, []);
    const modules = node.children.filter((c) => c.name === 'login-module');
    const only = modules.length === 1 && node.children.length === 1 ? modules[0]! : undefined;
    if (!only || only.attrs.get('class-name')?.trim() !== KRB5_LOGIN_MODULE) this.ctx.unsupported(p, `JAAS login modules are Java classes; only a single ${KRB5_LOGIN_MODULE} (a kerberos realm's security-realm) is understood`);
    const mp = `${p}/login-module`;
    this.onlyAttrs(only, mp, ['class-name', 'usage']);
    const properties: Record<string, string> = {};
    for (const c of only.children) {
      if (c.name !== 'properties') this.ctx.unsupported(`${mp}/${c.name}`);
      for (const prop of c.children) {
        const pp = `${mp}/properties/${prop.name}`;
        if (prop.name !== 'property') this.ctx.unsupported(pp);
        this.onlyAttrs(prop, pp, ['name']);
        const name = prop.attrs.get('name');
        if (!name) this.ctx.fail(pp, 'property without a name');
        properties[name] = this.ctx.text(`${pp}[${name}]`, prop.text.trim());
      }
    }
    return { kind: 'krb5-login-module', usage: only.attrs.get('usage') ?? 'REQUIRED', properties };
  }

  private options(node: XNode, path: string, nested: readonly string[] = []): Record<string, string> {
    this.onlyAttrs(node, path, []);
    const out: Record<string, string> = {};
    for (const c of node.children) {
      if (nested.includes(c.name)) continue;
      this.noChildren(c, `${path}/${c.name}`);
      if (c.name in out) this.ctx.fail(`${path}/${c.name}`, 'option given twice');
      out[c.name] = this.ctx.text(`${path}/${c.name}`, c.text);
    }
    return out;
  }

  private readAuthentication(node: XNode, path: string): RealmConfig['authentication'] {
    const ctx: Ctx = this.ctx;
    const method = this.exactlyOne(node, path, 'authentication method');
    const p = `${path}/${method.name}`;
    switch (method.name) {
      case 'tls':
        this.onlyAttrs(method, p, ['roleAttribute']);
        this.noChildren(method, p);
        return { kind: 'tls', roleAttribute: method.attrs.has('roleAttribute') ? ctx.text(`${p}/@roleAttribute`, method.attrs.get('roleAttribute')!) : undefined };
      case 'ldap':
        return { kind: 'ldap', options: this.options(method, p) };
      case 'kerberos': {
        const ldapNode = method.children.find((c) => c.name === 'ldap');
        return { kind: 'kerberos', options: this.options(method, p, ['ldap']), ldap: ldapNode ? this.options(ldapNode, `${p}/ldap`) : undefined };
      }
      case 'jaas':
        return this.readKrb5Jaas(method, p);
      case 'simple':
        ctx.unsupported(p, 'simple authentication is not implemented yet');
        break;
      default:
        ctx.unsupported(p);
    }
  }

  private readIdentity(node: XNode, path: string): IdentityConfig {
    const ctx: Ctx = this.ctx;
    const id = this.exactlyOne(node, path, 'identity');
    const p = `${path}/${id.name}`;
    switch (id.name) {
      case 'username-password': {
        this.onlyAttrs(id, p, ['username', 'password']);
        this.noChildren(id, p);
        const username = id.attrs.get('username');
        const password = id.attrs.get('password');
        if (username === undefined) ctx.fail(`${p}/@username`, 'missing username');
        if (password === undefined) ctx.fail(`${p}/@password`, 'missing password');
        return { kind: 'username-password', username: ctx.text(`${p}/@username`, username), password: ctx.text(`${p}/@password`, password) };
      }
      case 'token':
        this.onlyAttrs(id, p, ['encoding']);
        this.noChildren(id, p);
        return tokenValue(ctx, p, id.attrs.get('encoding'), id.text);
      case 'kerberos':
        return { kind: 'kerberos', options: this.options(id, p) };
      case 'credentials-factory':
        ctx.unsupported(p, 'credentials factories are Java classes');
        break;
      default:
        ctx.unsupported(p);
    }
  }

  private readPermissions(node: XNode, path: string, sec: SecurityConfig): void {
    const ctx: Ctx = this.ctx;
    this.onlyAttrs(node, path, ['on-join-operation', 'priority-grant']);
    if (node.attrs.has('on-join-operation')) sec.onJoinOperation = onJoinOperation(ctx, `${path}/@on-join-operation`, node.attrs.get('on-join-operation')!);
    sec.priorityGrant = this.attrBool(node, path, 'priority-grant', false);
    for (const perm of node.children) {
      const p = `${path}/${perm.name}`;
      const type = PERMISSION_BY_ELEMENT.get(perm.name);
      if (!type) {
        const real = MISSPELLED_PERMISSION_ELEMENTS[perm.name];
        ctx.unsupported(p, real ? `the Hazelcast schema calls this element ${real}` : 'unknown permission element');
      }
      const qp = perm.attrs.has('name') ? `${p}[${perm.attrs.get('name')}]` : p;
      this.onlyAttrs(perm, qp, type.named || type.nameRequired ? ['name', 'principal', 'deny'] : ['principal', 'deny']);
      let endpoints: string[] | undefined;
      let actions: string[] | undefined;
      this.single(perm, qp, ['endpoints', 'actions']);
      for (const c of perm.children) {
        if (c.name === 'endpoints') endpoints = this.list(c, `${qp}/endpoints`, 'endpoint');
        else if (c.name === 'actions') actions = this.list(c, `${qp}/actions`, 'action');
        else ctx.unsupported(`${qp}/${c.name}`);
      }
      sec.clientPermissions.push(
        buildPermission(ctx, qp, type, {
          name: perm.attrs.get('name'),
          principal: perm.attrs.get('principal'),
          deny: perm.attrs.get('deny'),
          endpoints,
          actions,
        }),
      );
    }
  }

  private list(node: XNode, path: string, item: string): string[] {
    this.onlyAttrs(node, path, []);
    return node.children.map((c) => {
      if (c.name !== item) this.ctx.unsupported(`${path}/${c.name}`);
      this.noChildren(c, `${path}/${item}`);
      return c.text;
    });
  }
}

function ctx1(ctx: Ctx, path: string, what: string, count: number): never {
  ctx.fail(path, `expected exactly one ${what}, found ${count}`);
}

export function readXmlConfig(text: string, file: string, opts: FinishOptions = {}): MemberConfig {
  const ctx = new Ctx(file);
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    ctx.fail('(document)', `not well-formed XML: ${valid.err.msg} at line ${valid.err.line}, column ${valid.err.col}`);
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    commentPropName: '#comment',
  });
  const tree = toTree(parser.parse(text) as Ordered[]);
  const roots = tree.filter((n) => n.name !== '?xml');
  if (roots.length !== 1) ctx.fail('(document)', `expected one root element, found ${roots.length}`);
  return new XmlReader(ctx).read(roots[0]!, opts);
}
