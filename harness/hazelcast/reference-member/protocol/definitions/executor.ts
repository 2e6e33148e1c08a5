// ExecutorService.*, DurableExecutor.* and ScheduledExecutor.* messages (Java client 5.7.0; codecs
// com.hazelcast.client.impl.protocol.codec.{ExecutorService,DurableExecutor,ScheduledExecutor}*Codec).
// Tasks travel as serialized Data; see services/client-code.ts for the ones run here.
import { defineMessage } from '../codec.ts';
import { t } from '../types.ts';

export const ExecutorServiceShutdown = defineMessage({
  name: 'ExecutorService.Shutdown',
  id: 0x080100,
  request: { name: t.string },
  response: {},
});

export const ExecutorServiceIsShutdown = defineMessage({
  name: 'ExecutorService.IsShutdown',
  id: 0x080200,
  request: { name: t.string },
  response: { response: t.boolean },
});

export const ExecutorServiceSubmitToPartition = defineMessage({
  name: 'ExecutorService.SubmitToPartition',
  id: 0x080500,
  request: { uuid: t.uuid, name: t.string, callable: t.data },
  response: { response: t.nullable(t.data) },
});

export const ExecutorServiceSubmitToMember = defineMessage({
  name: 'ExecutorService.SubmitToMember',
  id: 0x080600,
  request: { uuid: t.uuid, memberUUID: t.uuid, name: t.string, callable: t.data },
  response: { response: t.nullable(t.data) },
});

export const DurableExecutorShutdown = defineMessage({
  name: 'DurableExecutor.Shutdown',
  id: 0x180100,
  request: { name: t.string },
  response: {},
});

export const DurableExecutorIsShutdown = defineMessage({
  name: 'DurableExecutor.IsShutdown',
  id: 0x180200,
  request: { name: t.string },
  response: { response: t.boolean },
});

export const DurableExecutorSubmitToPartition = defineMessage({
  name: 'DurableExecutor.SubmitToPartition',
  id: 0x180300,
  request: { name: t.string, callable: t.data },
  response: { response: t.int },
});

export const DurableExecutorRetrieveResult = defineMessage({
  name: 'DurableExecutor.RetrieveResult',
  id: 0x180400,
  request: { sequence: t.int, name: t.string },
  response: { response: t.nullable(t.data) },
});

export const DurableExecutorDisposeResult = defineMessage({
  name: 'DurableExecutor.DisposeResult',
  id: 0x180500,
  request: { sequence: t.int, name: t.string },
  response: {},
});

export const DurableExecutorRetrieveAndDisposeResult = defineMessage({
  name: 'DurableExecutor.RetrieveAndDisposeResult',
  id: 0x180600,
  request: { sequence: t.int, name: t.string },
  response: { response: t.nullable(t.data) },
});

export const ScheduledTaskHandler = t.struct('ScheduledTaskHandler', {
  uuid: t.uuid,
  partitionId: t.int,
  schedulerName: t.string,
  taskName: t.string,
});

export const ScheduledExecutorShutdown = defineMessage({
  name: 'ScheduledExecutor.Shutdown',
  id: 0x1a0100,
  request: { memberUuid: t.uuid, schedulerName: t.string },
  response: {},
});

export const ScheduledExecutorSubmitToPartition = defineMessage({
  name: 'ScheduledExecutor.SubmitToPartition',
  id: 0x1a0200,
  request: {
    type: t.byte,
    initialDelayInMillis: t.long,
    periodInMillis: t.long,
    autoDisposable: t.boolean,
    schedulerName: t.string,
    taskName: t.string,
    task: t.data,
  },
  response: {},
});

export const ScheduledExecutorSubmitToMember = defineMessage({
  name: 'ScheduledExecutor.SubmitToMember',
  id: 0x1a0300,
  request: {
    memberUuid: t.uuid,
    type: t.byte,
    initialDelayInMillis: t.long,
    periodInMillis: t.long,
    autoDisposable: t.boolean,
    schedulerName: t.string,
    taskName: t.string,
    task: t.data,
  },
  response: {},
});

export const ScheduledExecutorGetAllScheduledFutures = defineMessage({
  name: 'ScheduledExecutor.GetAllScheduledFutures',
  id: 0x1a0400,
  request: { schedulerName: t.string },
  response: { handlers: t.list(ScheduledTaskHandler) },
});

export const ScheduledExecutorIsDoneFromPartition = defineMessage({
  name: 'ScheduledExecutor.IsDoneFromPartition',
  id: 0x1a0d00,
  request: { schedulerName: t.string, taskName: t.string },
  response: { response: t.boolean },
});

export const ScheduledExecutorGetResultFromPartition = defineMessage({
  name: 'ScheduledExecutor.GetResultFromPartition',
  id: 0x1a0f00,
  request: { schedulerName: t.string, taskName: t.string },
  response: { response: t.nullable(t.data) },
});

export const ScheduledExecutorDisposeFromPartition = defineMessage({
  name: 'ScheduledExecutor.DisposeFromPartition',
  id: 0x1a1100,
  request: { schedulerName: t.string, taskName: t.string },
  response: {},
});
