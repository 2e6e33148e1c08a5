// The reference member: our own Hazelcast member speaking the real client protocol.
export { startReferenceMember, subjectDn } from './server.ts';
export type { RunningMember, StartMemberOptions, TlsSetup, MemberEvent, MemberLogEntry, SecurityEngine } from './server.ts';
// Extension points for new data structures: definitions (protocol/definitions) + handlers (services).
export { defineMessage, defineEvent } from './protocol/codec.ts';
export { t } from './protocol/types.ts';
export { defineHandler, buildHandlerTable, DEFAULT_HANDLERS, type Handler, type HandlerContext } from './services/index.ts';
export { SERVICE_PERMISSION_TYPES, PERMISSION_CLASS_NAMES, deniedMessage } from './services/permissions.ts';
// Its configuration reader (the real hazelcast.xml / hazelcast.yaml) and the JVM-wide settings the
// ldap and kerberos logins read (-D options of a real member's JVM).
export { loadMemberConfig, parseMemberConfig } from './config/parse.ts';
export type { MemberConfig } from './config/model.ts';
export { setJvmSystemProperties, JVM } from './security/ldap-jvm-properties.ts';
// Its command line entry (`secmatrix member`).
export { registerMemberCommand, javaOptsProperties } from './cli.ts';
