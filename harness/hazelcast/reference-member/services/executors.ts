// Executor service, durable executor and scheduled executor handlers. Permissions as the message
// tasks of Hazelcast 5.7.0 ask for them (client/impl/protocol/task/executorservice, .../durable,
// .../scheduledexecutor): submit and shutdown -> modify; isShutdown, retrieve result, get result,
// isDone, list futures -> read; retrieve-and-dispose -> read and modify. (Older members asked for
// none on submit: hazelcast/hazelcast#24271.) Tasks run here are the ones client-code.ts knows; a
// task of any other class fails with the real member's HazelcastSerializationException.
//
// Scheduled tasks run at once (the initial delay is not waited for) and are never periodic here:
// their result is ready for the first GetResult.
import {
  DurableExecutorDisposeResult,
  DurableExecutorIsShutdown,
  DurableExecutorRetrieveAndDisposeResult,
  DurableExecutorRetrieveResult,
  DurableExecutorShutdown,
  DurableExecutorSubmitToPartition,
  ExecutorServiceIsShutdown,
  ExecutorServiceShutdown,
  ExecutorServiceSubmitToMember,
  ExecutorServiceSubmitToPartition,
  ScheduledExecutorDisposeFromPartition,
  ScheduledExecutorGetAllScheduledFutures,
  ScheduledExecutorGetResultFromPartition,
  ScheduledExecutorIsDoneFromPartition,
  ScheduledExecutorShutdown,
  ScheduledExecutorSubmitToMember,
  ScheduledExecutorSubmitToPartition,
} from '../protocol/definitions/executor.ts';
import { MemberError } from '../protocol/errors.ts';
import { runTask } from './client-code.ts';
import { defineHandler, type Handler } from './handler.ts';
import type { MemberState } from './member-state.ts';
import { need, objectState } from './structure-support.ts';

const EXECUTOR = 'hz:impl:executorService';
const DURABLE = 'hz:impl:durableExecutorService';
const SCHEDULED = 'hz:impl:scheduledExecutorService';

/** ClientProtocolErrorCodes: REJECTED_EXECUTION 44, STALE_TASK_ID 76, DUPLICATE_TASK 77, STALE_TASK 78. */
const rejected = (message: string) => new MemberError(44, 'java.util.concurrent.RejectedExecutionException', message);
const staleTaskId = (message: string) => new MemberError(76, 'com.hazelcast.durableexecutor.StaleTaskIdException', message);
const duplicateTask = (message: string) => new MemberError(77, 'com.hazelcast.scheduledexecutor.DuplicateTaskException', message);
const staleTask = (message: string) => new MemberError(78, 'com.hazelcast.scheduledexecutor.StaleTaskException', message);

/** A task's outcome: its serialized result, or the error it raised (kept for a later retrieve). */
type Outcome = { value: Buffer | null } | { error: MemberError };

function run(callable: Buffer): Outcome {
  try {
    return { value: runTask(callable) };
  } catch (err) {
    if (err instanceof MemberError) return { error: err };
    throw err;
  }
}

function settle(o: Outcome): Buffer | null {
  if ('error' in o) throw o.error;
  return o.value;
}

// ---------------------------------------------------------------- executor service

interface Executor {
  shutdown: boolean;
}
const executor = (member: MemberState, name: string) => objectState<Executor>(member, EXECUTOR, name, () => ({ shutdown: false }));
const es = (name: string, action: string) => need('executor-service', name, action);

function submit(member: MemberState, name: string, callable: Buffer): { response: Buffer | null } {
  const e = executor(member, name);
  // ExecutorServiceProxy.getRejectionMessage on a shut-down executor.
  if (e.shutdown)
    throw rejected(
      `ExecutorService[${name}] is shutdown! In order to create a new ExecutorService with name '${name}', you need to destroy current ExecutorService first!`,
    );
  return { response: settle(run(callable)) };
}

// ---------------------------------------------------------------- durable executor

interface Durable {
  shutdown: boolean;
  next: number;
  results: Map<number, Outcome>;
}
const durable = (member: MemberState, name: string) => objectState<Durable>(member, DURABLE, name, () => ({ shutdown: false, next: 0, results: new Map() }));
const des = (name: string, action: string) => need('durable-executor-service', name, action);

function durableResult(member: MemberState, name: string, sequence: number): Outcome {
  const o = durable(member, name).results.get(sequence);
  if (!o) throw staleTaskId(`Sequence ${sequence} has been overwritten or disposed`);
  return o;
}

// ---------------------------------------------------------------- scheduled executor

interface Scheduler {
  shutdown: boolean;
  tasks: Map<string, { partitionId: number; outcome: Outcome }>;
}
const scheduler = (member: MemberState, name: string) => objectState<Scheduler>(member, SCHEDULED, name, () => ({ shutdown: false, tasks: new Map() }));
const ses = (name: string, action: string) => need('scheduled-executor', name, action);

function schedule(member: MemberState, req: { schedulerName: string; taskName: string; task: Buffer }, partitionId: number): Record<string, never> {
  const s = scheduler(member, req.schedulerName);
  if (s.shutdown) throw rejected('Executor is shut down.');
  if (s.tasks.has(req.taskName)) throw duplicateTask(`There is already a task with the same name '${req.taskName}' in '${req.schedulerName}'`);
  s.tasks.set(req.taskName, { partitionId, outcome: run(req.task) });
  return {};
}

function scheduledTask(member: MemberState, schedulerName: string, taskName: string) {
  const t = scheduler(member, schedulerName).tasks.get(taskName);
  if (!t) throw staleTask(`Task with name ${taskName} not found. `);
  return t;
}

export const executorHandlers: Handler[] = [
  defineHandler(ExecutorServiceSubmitToPartition, {
    permission: (req) => es(req.name, 'modify'),
    handle: ({ member }, req) => submit(member, req.name, req.callable),
  }),
  defineHandler(ExecutorServiceSubmitToMember, {
    permission: (req) => es(req.name, 'modify'),
    handle: ({ member }, req) => submit(member, req.name, req.callable),
  }),
  defineHandler(ExecutorServiceShutdown, {
    permission: (req) => es(req.name, 'modify'),
    handle: ({ member }, req) => {
      executor(member, req.name).shutdown = true;
      return {};
    },
  }),
  defineHandler(ExecutorServiceIsShutdown, {
    permission: (req) => es(req.name, 'read'),
    handle: ({ member }, req) => ({ response: executor(member, req.name).shutdown }),
  }),

  defineHandler(DurableExecutorSubmitToPartition, {
    permission: (req) => des(req.name, 'modify'),
    handle: ({ member }, req) => {
      const d = durable(member, req.name);
      if (d.shutdown) throw rejected('');
      const sequence = d.next++;
      d.results.set(sequence, run(req.callable));
      return { response: sequence };
    },
  }),
  defineHandler(DurableExecutorRetrieveResult, {
    permission: (req) => des(req.name, 'read'),
    handle: ({ member }, req) => ({ response: settle(durableResult(member, req.name, req.sequence)) }),
  }),
  defineHandler(DurableExecutorDisposeResult, {
    permission: (req) => des(req.name, 'modify'),
    handle: ({ member }, req) => {
      durable(member, req.name).results.delete(req.sequence);
      return {};
    },
  }),
  defineHandler(DurableExecutorRetrieveAndDisposeResult, {
    permission: (req) => [des(req.name, 'read'), des(req.name, 'modify')],
    handle: ({ member }, req) => {
      const o = durableResult(member, req.name, req.sequence);
      durable(member, req.name).results.delete(req.sequence);
      return { response: settle(o) };
    },
  }),
  defineHandler(DurableExecutorShutdown, {
    permission: (req) => des(req.name, 'modify'),
    handle: ({ member }, req) => {
      durable(member, req.name).shutdown = true;
      return {};
    },
  }),
  defineHandler(DurableExecutorIsShutdown, {
    permission: (req) => des(req.name, 'read'),
    handle: ({ member }, req) => ({ response: durable(member, req.name).shutdown }),
  }),

  defineHandler(ScheduledExecutorSubmitToPartition, {
    permission: (req) => ses(req.schedulerName, 'modify'),
    handle: ({ member, header }, req) => schedule(member, req, header.partitionId),
  }),
  defineHandler(ScheduledExecutorSubmitToMember, {
    permission: (req) => ses(req.schedulerName, 'modify'),
    handle: ({ member }, req) => schedule(member, req, -1),
  }),
  defineHandler(ScheduledExecutorGetAllScheduledFutures, {
    permission: (req) => ses(req.schedulerName, 'read'),
    handle: ({ member }, req) => ({
      // Every handler names the member that holds the task, partition-owned ones too (the client
      // looks the member up by it, then clears the UUID of partition tasks).
      handlers: [...scheduler(member, req.schedulerName).tasks].map(([taskName, t]) => ({
        uuid: member.uuid,
        partitionId: t.partitionId,
        schedulerName: req.schedulerName,
        taskName,
      })),
    }),
  }),
  defineHandler(ScheduledExecutorIsDoneFromPartition, {
    permission: (req) => ses(req.schedulerName, 'read'),
    handle: ({ member }, req) => {
      scheduledTask(member, req.schedulerName, req.taskName);
      return { response: true };
    },
  }),
  defineHandler(ScheduledExecutorGetResultFromPartition, {
    permission: (req) => ses(req.schedulerName, 'read'),
    handle: ({ member }, req) => ({ response: settle(scheduledTask(member, req.schedulerName, req.taskName).outcome) }),
  }),
  defineHandler(ScheduledExecutorDisposeFromPartition, {
    permission: (req) => ses(req.schedulerName, 'modify'),
    handle: ({ member }, req) => {
      scheduledTask(member, req.schedulerName, req.taskName);
      scheduler(member, req.schedulerName).tasks.delete(req.taskName);
      return {};
    },
  }),
  defineHandler(ScheduledExecutorShutdown, {
    permission: (req) => ses(req.schedulerName, 'modify'),
    handle: ({ member }, req) => {
      scheduler(member, req.schedulerName).shutdown = true;
      return {};
    },
  }),
];
