// CP groups, sessions and object destruction (cp/internal/client and cp/internal/session/client):
// CreateRaftGroupMessageTask, the session tasks and GenerateThreadIdMessageTask ask for no
// permission; DestroyRaftObjectMessageTask asks for the destroy action of the object's type.
import {
  CPGroupCreateCPGroup,
  CPGroupDestroyCPObject,
  CPSessionCloseSession,
  CPSessionCreateSession,
  CPSessionGenerateThreadId,
  CPSessionHeartbeatSession,
} from '../protocol/definitions/cp.ts';
import { defineHandler, type Handler } from './handler.ts';
import { proxyPermission } from './permissions.ts';
import { cpState, destroyCpObject, groupOf } from './cp-state.ts';

/** The real member's defaults: session TTL 5 minutes, heartbeats every 5 seconds. */
const SESSION_TTL_MS = 300_000n;
const HEARTBEAT_MS = 5_000n;

export const cpSessionHandlers: Handler[] = [
  defineHandler(CPGroupCreateCPGroup, {
    handle: ({ member }, req) => ({ response: groupOf(member, req.proxyName) }),
  }),
  defineHandler(CPGroupDestroyCPObject, {
    permission: (req) => proxyPermission(req.serviceName, req.objectName, 'destroy'),
    handle: ({ member }, req) => {
      destroyCpObject(member, req.serviceName, req.objectName);
      return {};
    },
  }),
  defineHandler(CPSessionCreateSession, {
    handle: ({ member }, req) => {
      const state = cpState(member);
      const id = state.nextSessionId++;
      state.sessions.set(id, { id, endpointName: req.endpointName, onClose: new Map() });
      return { sessionId: id, ttlMillis: SESSION_TTL_MS, heartbeatMillis: HEARTBEAT_MS };
    },
  }),
  defineHandler(CPSessionHeartbeatSession, {
    handle: () => ({}),
  }),
  defineHandler(CPSessionCloseSession, {
    handle: ({ member }, req) => {
      const state = cpState(member);
      const session = state.sessions.get(req.sessionId);
      if (!session) return { response: false };
      state.sessions.delete(req.sessionId);
      for (const release of session.onClose.values()) release();
      return { response: true };
    },
  }),
  defineHandler(CPSessionGenerateThreadId, {
    handle: ({ member }) => ({ response: cpState(member).nextThreadId++ }),
  }),
];
