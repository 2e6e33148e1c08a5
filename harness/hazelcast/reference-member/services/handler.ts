// How an operation is served: a handler names its message definition, the permission it needs
// (checked by the server before the handler runs) and what it does. Adding a data structure means
// adding definitions and a services/<structure>.ts with handlers like these.
import type { RequiredPermission } from '../security/api.ts';
import type { EventDef, MessageDef, RequestHeader } from '../protocol/codec.ts';
import type { Fields, ValuesOf } from '../protocol/types.ts';
import type { ConnectionHandle, MemberState } from './member-state.ts';

export interface HandlerContext {
  readonly member: MemberState;
  readonly connection: ConnectionHandle;
  readonly header: RequestHeader;
  /** Runs after the response has been written (e.g. events that must follow it). */
  afterResponse(fn: () => void): void;
}

export interface Handler<Req extends Fields = Fields, Res extends Fields = Fields> {
  readonly def: MessageDef<Req, Res, Record<string, EventDef>>;
  /**
   * The permissions the operation needs (all must be granted), or none. Only checked when security
   * is enabled, as on the real member.
   */
  permission?(request: ValuesOf<Req>): RequiredPermission | RequiredPermission[] | undefined;
  handle(ctx: HandlerContext, request: ValuesOf<Req>): ValuesOf<Res> | Promise<ValuesOf<Res>>;
}

/** Ties a handler to its definition so request and response types are inferred. */
export function defineHandler<Req extends Fields, Res extends Fields, Ev extends Record<string, EventDef>>(
  def: MessageDef<Req, Res, Ev>,
  spec: {
    permission?(request: ValuesOf<Req>): RequiredPermission | RequiredPermission[] | undefined;
    handle(ctx: HandlerContext, request: ValuesOf<Req>): ValuesOf<Res> | Promise<ValuesOf<Res>>;
  },
): Handler {
  return { def, ...spec } as unknown as Handler;
}
