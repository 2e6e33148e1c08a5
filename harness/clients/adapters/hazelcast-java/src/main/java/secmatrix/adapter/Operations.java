package secmatrix.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.client.cache.HazelcastClientCachingProvider;
import com.hazelcast.client.impl.clientside.HazelcastClientInstanceImpl;
import com.hazelcast.client.impl.clientside.HazelcastClientProxy;
import com.hazelcast.client.impl.protocol.ClientMessage;
import com.hazelcast.client.impl.protocol.codec.ClientDeployClassesCodec;
import com.hazelcast.client.impl.protocol.codec.MCGetTimedMemberStateCodec;
import com.hazelcast.client.impl.spi.impl.ClientInvocation;
import com.hazelcast.cluster.Member;
import com.hazelcast.config.IndexType;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.cp.lock.FencedLock;
import com.hazelcast.durableexecutor.DurableExecutorService;
import com.hazelcast.durableexecutor.DurableExecutorServiceFuture;
import com.hazelcast.map.IMap;
import com.hazelcast.scheduledexecutor.IScheduledExecutorService;
import com.hazelcast.scheduledexecutor.IScheduledFuture;
import com.hazelcast.topic.ITopic;
import com.hazelcast.transaction.TransactionContext;
import com.hazelcast.transaction.TransactionalMap;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Every operation of the permission catalogue (matrices/hazelcast/permission-catalogue.yaml) through the
 * Java client's public API — plus a few extra ones that show a service works (task results,
 * events, transactions with writes). The few without a public API (user code deployment after
 * start, Management Center requests) send the client's own codec through its invocation service,
 * as the client itself (ClientUserCodeDeploymentService) and the Management Center client do.
 * The ids are declared in capabilities.json as "op:<id>"; a test keeps the two in step.
 */
final class Operations {
    interface Op {
        Object run(Main.Session s, String name, JsonNode args) throws Exception;
    }

    static final String KEY = "secmatrix-key";
    static final String VALUE = "secmatrix-value";
    /** Bound of every wait for a future or an event (the suite bounds the request as a whole). */
    static final long WAIT_SECONDS = 20;

    static final Map<String, Op> ALL = new TreeMap<>();
    /** Catalogue operations this adapter cannot run, with the reason. */
    static final Map<String, String> UNSUPPORTED = new TreeMap<>();

    private Operations() {
    }

    private static void op(String id, Op op) {
        if (ALL.put(id, op) != null) throw new IllegalStateException("two operations " + id);
    }

    /** Measured with 5.7.0: every CP proxy of the open-source client throws this at once. */
    static final String CP_OPEN_SOURCE = "the open-source Java client refuses the CP subsystem (UnsupportedOperationException: "
            + "\"CP subsystem is an Enterprise feature. Please use the latest applicable Hazelcast Enterprise client ...\")";

    /** CP operations: run with an Enterprise client only (declared in capabilities.json under enterpriseCapabilities). */
    private static void cp(String id, Op op) {
        if (Connect.enterprise()) op(id, op);
        else UNSUPPORTED.put(id, CP_OPEN_SOURCE);
    }

    private static Object nothing(Runnable r) {
        r.run();
        return null;
    }

    /** The task an executor operation sends: args.task = "echo" (default) or "unknown". */
    private static Callable<String> task(JsonNode args) {
        String kind = args.path("task").asText("echo");
        return switch (kind) {
            case "echo" -> new EchoTask(args.path("input").asText("secmatrix"));
            case "unknown" -> new UnknownTask();
            default -> throw new IllegalArgumentException("unknown task kind '" + kind + "'");
        };
    }

    private static Member anyMember(HazelcastInstance hz) {
        return hz.getCluster().getMembers().iterator().next();
    }

    private static HazelcastClientInstanceImpl impl(HazelcastInstance hz) {
        return ((HazelcastClientProxy) hz).client;
    }

    private static CacheManager cacheManager(Main.Session s) {
        if (s.cacheManager == null) {
            s.cacheManager = new HazelcastClientCachingProvider()
                    .getCacheManager(null, null, HazelcastCachingProvider.propertiesByInstanceItself(s.client));
        }
        return s.cacheManager;
    }

    /** The session's cache of that name: created through the cache manager on first use (CreateConfig + CreateProxy). */
    @SuppressWarnings("unchecked")
    private static Cache<String, String> cache(Main.Session s, String name) {
        CacheManager cm = cacheManager(s);
        if (!s.caches.contains(name)) {
            Cache<String, String> c = cm.createCache(name, new MutableConfiguration<String, String>().setTypes(String.class, String.class));
            s.caches.add(name);
            return c;
        }
        return cm.getCache(name, String.class, String.class);
    }

    /** A cache entry listener the client can register (its factory travels Java-serialized). */
    static final class NoopCacheListener implements CacheEntryCreatedListener<String, String>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
        }
    }

    private static byte[] classBytes(Class<?> c) throws Exception {
        try (InputStream in = c.getResourceAsStream("/" + c.getName().replace('.', '/') + ".class")) {
            if (in == null) throw new IllegalStateException("no class file for " + c.getName());
            return in.readAllBytes();
        }
    }

    static {
        // ---- map ----
        op("map.create", (s, n, a) -> nothing(() -> s.client.getMap(n)));
        op("map.destroy", (s, n, a) -> nothing(() -> s.client.getMap(n).destroy()));
        op("map.put", (s, n, a) -> s.client.<String, String>getMap(n).put(KEY, VALUE));
        op("map.get", (s, n, a) -> s.client.<String, String>getMap(n).get(KEY));
        op("map.remove", (s, n, a) -> s.client.<String, String>getMap(n).remove(KEY));
        op("map.lock", (s, n, a) -> {
            IMap<String, String> m = s.client.getMap(n);
            m.lock(KEY);
            m.unlock(KEY);
            return null;
        });
        op("map.addInterceptor", (s, n, a) -> s.client.getMap(n).addInterceptor(new SecmatrixInterceptor()));
        op("map.addIndex", (s, n, a) -> nothing(() -> s.client.getMap(n).addIndex(IndexType.SORTED, "this")));
        op("map.addEntryListener", (s, n, a) -> s.client.<String, String>getMap(n)
                .addEntryListener((com.hazelcast.map.listener.EntryAddedListener<String, String>) e -> { }, false).toString());
        // ---- queue ----
        op("queue.create", (s, n, a) -> nothing(() -> s.client.getQueue(n)));
        op("queue.destroy", (s, n, a) -> nothing(() -> s.client.getQueue(n).destroy()));
        op("queue.offer", (s, n, a) -> s.client.<String>getQueue(n).offer(VALUE));
        op("queue.poll", (s, n, a) -> s.client.<String>getQueue(n).poll());
        op("queue.peek", (s, n, a) -> s.client.<String>getQueue(n).peek());
        op("queue.addItemListener", (s, n, a) -> s.client.<String>getQueue(n).addItemListener(new NoopItemListener(), false).toString());
        // ---- multimap ----
        op("multimap.create", (s, n, a) -> nothing(() -> s.client.getMultiMap(n)));
        op("multimap.destroy", (s, n, a) -> nothing(() -> s.client.getMultiMap(n).destroy()));
        op("multimap.put", (s, n, a) -> s.client.<String, String>getMultiMap(n).put(KEY, VALUE));
        op("multimap.get", (s, n, a) -> new ArrayList<>(s.client.<String, String>getMultiMap(n).get(KEY)));
        op("multimap.remove", (s, n, a) -> s.client.<String, String>getMultiMap(n).remove(KEY, VALUE));
        op("multimap.lock", (s, n, a) -> {
            var m = s.client.<String, String>getMultiMap(n);
            m.lock(KEY);
            m.unlock(KEY);
            return null;
        });
        op("multimap.addEntryListener", (s, n, a) -> s.client.<String, String>getMultiMap(n)
                .addEntryListener(new com.hazelcast.core.EntryAdapter<String, String>(), false).toString());
        // ---- replicated map ----
        op("replicatedmap.create", (s, n, a) -> nothing(() -> s.client.getReplicatedMap(n)));
        op("replicatedmap.destroy", (s, n, a) -> nothing(() -> s.client.getReplicatedMap(n).destroy()));
        op("replicatedmap.put", (s, n, a) -> s.client.<String, String>getReplicatedMap(n).put(KEY, VALUE));
        op("replicatedmap.get", (s, n, a) -> s.client.<String, String>getReplicatedMap(n).get(KEY));
        op("replicatedmap.remove", (s, n, a) -> s.client.<String, String>getReplicatedMap(n).remove(KEY));
        op("replicatedmap.addEntryListener", (s, n, a) -> s.client.<String, String>getReplicatedMap(n)
                .addEntryListener(new com.hazelcast.core.EntryAdapter<String, String>()).toString());
        // ---- topic ----
        op("topic.create", (s, n, a) -> nothing(() -> s.client.getTopic(n)));
        op("topic.destroy", (s, n, a) -> nothing(() -> s.client.getTopic(n).destroy()));
        op("topic.publish", (s, n, a) -> nothing(() -> s.client.<String>getTopic(n).publish(VALUE)));
        op("topic.addMessageListener", (s, n, a) -> s.client.<String>getTopic(n).addMessageListener(m -> { }).toString());
        // Listen, publish, and wait for the message to come back as an event (the member's fan-out).
        op("topic.publishAndReceive", (s, n, a) -> {
            ITopic<String> t = s.client.getTopic(n);
            BlockingQueue<String> got = new ArrayBlockingQueue<>(16);
            var id = t.addMessageListener(m -> got.offer(m.getMessageObject()));
            try {
                t.publish(a.path("message").asText(VALUE));
                String m = got.poll(WAIT_SECONDS, TimeUnit.SECONDS);
                if (m == null) throw new IllegalStateException("no topic message within " + WAIT_SECONDS + " s");
                return m;
            } finally {
                t.removeMessageListener(id);
            }
        });
        // ---- reliable topic ----
        op("reliabletopic.create", (s, n, a) -> nothing(() -> s.client.getReliableTopic(n)));
        op("reliabletopic.publish", (s, n, a) -> nothing(() -> s.client.<String>getReliableTopic(n).publish(VALUE)));
        op("reliabletopic.listen", (s, n, a) -> {
            var topic = s.client.<String>getReliableTopic(n);
            var id = topic.addMessageListener(m -> { });
            try {
                // As the Node driver: the listener's first request reads the ring buffer's tail; send
                // it here so a denial is observed, not only logged by the listener's runner.
                return s.client.getRingbuffer("_hz_rb_" + n).tailSequence();
            } finally {
                // Its runner would otherwise keep a long-poll read open on the ring buffer.
                topic.removeMessageListener(id);
            }
        });
        op("reliabletopic.destroy", (s, n, a) -> nothing(() -> s.client.getReliableTopic(n).destroy()));
        // ---- list / set ----
        op("list.create", (s, n, a) -> nothing(() -> s.client.getList(n)));
        op("list.destroy", (s, n, a) -> nothing(() -> s.client.getList(n).destroy()));
        op("list.add", (s, n, a) -> s.client.<String>getList(n).add(VALUE));
        op("list.size", (s, n, a) -> s.client.getList(n).size());
        op("list.remove", (s, n, a) -> s.client.<String>getList(n).remove(VALUE));
        op("list.addItemListener", (s, n, a) -> s.client.<String>getList(n).addItemListener(new NoopItemListener(), false).toString());
        op("set.create", (s, n, a) -> nothing(() -> s.client.getSet(n)));
        op("set.destroy", (s, n, a) -> nothing(() -> s.client.getSet(n).destroy()));
        op("set.add", (s, n, a) -> s.client.<String>getSet(n).add(VALUE));
        op("set.size", (s, n, a) -> s.client.getSet(n).size());
        op("set.remove", (s, n, a) -> s.client.<String>getSet(n).remove(VALUE));
        op("set.addItemListener", (s, n, a) -> s.client.<String>getSet(n).addItemListener(new NoopItemListener(), false).toString());
        // ---- ring buffer ----
        op("ringbuffer.create", (s, n, a) -> nothing(() -> s.client.getRingbuffer(n)));
        op("ringbuffer.destroy", (s, n, a) -> nothing(() -> s.client.getRingbuffer(n).destroy()));
        op("ringbuffer.add", (s, n, a) -> s.client.<String>getRingbuffer(n).add(VALUE));
        op("ringbuffer.tailSequence", (s, n, a) -> s.client.getRingbuffer(n).tailSequence());
        // ---- CP subsystem ----
        cp("lock.lock", (s, n, a) -> {
            FencedLock lock = s.client.getCPSubsystem().getLock(n);
            long fence = lock.lockAndGetFence();
            lock.unlock();
            return fence;
        });
        cp("lock.isLocked", (s, n, a) -> s.client.getCPSubsystem().getLock(n).isLocked());
        cp("lock.destroy", (s, n, a) -> nothing(() -> s.client.getCPSubsystem().getLock(n).destroy()));
        cp("atomiclong.get", (s, n, a) -> s.client.getCPSubsystem().getAtomicLong(n).get());
        cp("atomiclong.addAndGet", (s, n, a) -> s.client.getCPSubsystem().getAtomicLong(n).addAndGet(1));
        cp("atomiclong.destroy", (s, n, a) -> nothing(() -> s.client.getCPSubsystem().getAtomicLong(n).destroy()));
        cp("atomicref.get", (s, n, a) -> s.client.getCPSubsystem().<String>getAtomicReference(n).get());
        cp("atomicref.set", (s, n, a) -> nothing(() -> s.client.getCPSubsystem().<String>getAtomicReference(n).set(VALUE)));
        cp("atomicref.destroy", (s, n, a) -> nothing(() -> s.client.getCPSubsystem().getAtomicReference(n).destroy()));
        cp("countdownlatch.getCount", (s, n, a) -> s.client.getCPSubsystem().getCountDownLatch(n).getCount());
        cp("countdownlatch.trySetCount", (s, n, a) -> s.client.getCPSubsystem().getCountDownLatch(n).trySetCount(1));
        cp("countdownlatch.destroy", (s, n, a) -> nothing(() -> s.client.getCPSubsystem().getCountDownLatch(n).destroy()));
        cp("semaphore.init", (s, n, a) -> s.client.getCPSubsystem().getSemaphore(n).init(1));
        cp("semaphore.tryAcquire", (s, n, a) -> s.client.getCPSubsystem().getSemaphore(n).tryAcquire(1, 0, TimeUnit.MILLISECONDS));
        cp("semaphore.availablePermits", (s, n, a) -> s.client.getCPSubsystem().getSemaphore(n).availablePermits());
        cp("semaphore.destroy", (s, n, a) -> nothing(() -> s.client.getCPSubsystem().getSemaphore(n).destroy()));
        // ---- flake ID generator / PN counter ----
        op("flakeid.create", (s, n, a) -> nothing(() -> s.client.getFlakeIdGenerator(n)));
        op("flakeid.destroy", (s, n, a) -> nothing(() -> s.client.getFlakeIdGenerator(n).destroy()));
        op("flakeid.newId", (s, n, a) -> s.client.getFlakeIdGenerator(n).newId());
        op("pncounter.create", (s, n, a) -> nothing(() -> s.client.getPNCounter(n)));
        op("pncounter.destroy", (s, n, a) -> nothing(() -> s.client.getPNCounter(n).destroy()));
        op("pncounter.get", (s, n, a) -> s.client.getPNCounter(n).get());
        op("pncounter.addAndGet", (s, n, a) -> s.client.getPNCounter(n).addAndGet(1));
        // ---- executor service ----
        op("executor.create", (s, n, a) -> nothing(() -> s.client.getExecutorService(n)));
        op("executor.destroy", (s, n, a) -> nothing(() -> s.client.getExecutorService(n).destroy()));
        // args: task "echo" | "unknown", input, target "partition" (default) | "member".
        op("executor.submit", (s, n, a) -> {
            var es = s.client.getExecutorService(n);
            var f = "member".equals(a.path("target").asText("partition")) ? es.submitToMember(task(a), anyMember(s.client)) : es.submit(task(a));
            return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
        });
        op("executor.shutdown", (s, n, a) -> nothing(() -> s.client.getExecutorService(n).shutdown()));
        op("executor.isShutdown", (s, n, a) -> s.client.getExecutorService(n).isShutdown());
        // ---- durable executor ----
        op("durableexecutor.create", (s, n, a) -> nothing(() -> s.client.getDurableExecutorService(n)));
        op("durableexecutor.destroy", (s, n, a) -> nothing(() -> s.client.getDurableExecutorService(n).destroy()));
        op("durableexecutor.submit", (s, n, a) -> s.client.getDurableExecutorService(n).submit(task(a)).get(WAIT_SECONDS, TimeUnit.SECONDS));
        // Submit, then fetch the result again by task id (DurableExecutor.RetrieveResult).
        op("durableexecutor.retrieveResult", (s, n, a) -> {
            DurableExecutorService des = s.client.getDurableExecutorService(n);
            DurableExecutorServiceFuture<String> f = des.submit(task(a));
            f.get(WAIT_SECONDS, TimeUnit.SECONDS);
            return des.<String>retrieveResult(f.getTaskId()).get(WAIT_SECONDS, TimeUnit.SECONDS);
        });
        op("durableexecutor.shutdown", (s, n, a) -> nothing(() -> s.client.getDurableExecutorService(n).shutdown()));
        op("durableexecutor.isShutdown", (s, n, a) -> s.client.getDurableExecutorService(n).isShutdown());
        // ---- scheduled executor ----
        op("scheduledexecutor.create", (s, n, a) -> nothing(() -> s.client.getScheduledExecutorService(n)));
        op("scheduledexecutor.destroy", (s, n, a) -> nothing(() -> s.client.getScheduledExecutorService(n).destroy()));
        // Submit only (modify); the result is read by scheduledexecutor.getResult (read).
        op("scheduledexecutor.schedule", (s, n, a) -> s.client.getScheduledExecutorService(n)
                .schedule(task(a), 0, TimeUnit.SECONDS).getHandler().getTaskName());
        op("scheduledexecutor.getResult", (s, n, a) -> {
            IScheduledFuture<String> f = s.client.getScheduledExecutorService(n).schedule(task(a), 0, TimeUnit.SECONDS);
            return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
        });
        op("scheduledexecutor.getAllScheduledFutures", (s, n, a) -> {
            IScheduledExecutorService ses = s.client.getScheduledExecutorService(n);
            List<String> names = new ArrayList<>();
            ses.<String>getAllScheduledFutures().values().forEach(l -> l.forEach(f -> names.add(f.getHandler().getTaskName())));
            return names;
        });
        op("scheduledexecutor.scheduleAndList", (s, n, a) -> {
            IScheduledExecutorService ses = s.client.getScheduledExecutorService(n);
            ses.schedule(com.hazelcast.scheduledexecutor.TaskUtils.named(a.path("taskName").asText("secmatrix-task"), task(a)), 0, TimeUnit.SECONDS);
            List<String> names = new ArrayList<>();
            ses.<String>getAllScheduledFutures().values().forEach(l -> l.forEach(f -> names.add(f.getHandler().getTaskName())));
            return names;
        });
        op("scheduledexecutor.shutdown", (s, n, a) -> nothing(() -> s.client.getScheduledExecutorService(n).shutdown()));
        // ---- cardinality estimator ----
        op("cardinality.create", (s, n, a) -> nothing(() -> s.client.getCardinalityEstimator(n)));
        op("cardinality.destroy", (s, n, a) -> nothing(() -> s.client.getCardinalityEstimator(n).destroy()));
        op("cardinality.add", (s, n, a) -> nothing(() -> s.client.getCardinalityEstimator(n).add(a.path("item").asText(VALUE))));
        op("cardinality.estimate", (s, n, a) -> s.client.getCardinalityEstimator(n).estimate());
        // ---- cache (JCache through the client's CachingProvider; the member sees "/hz/<name>") ----
        op("cache.create", (s, n, a) -> nothing(() -> cache(s, n)));
        op("cache.destroy", (s, n, a) -> nothing(() -> {
            cache(s, n);
            cacheManager(s).destroyCache(n);
            s.caches.remove(n);
        }));
        op("cache.put", (s, n, a) -> nothing(() -> cache(s, n).put(KEY, a.path("value").asText(VALUE))));
        op("cache.get", (s, n, a) -> cache(s, n).get(KEY));
        op("cache.remove", (s, n, a) -> cache(s, n).remove(KEY));
        op("cache.addEntryListener", (s, n, a) -> nothing(() -> cache(s, n).registerCacheEntryListener(
                new MutableCacheEntryListenerConfiguration<String, String>(FactoryBuilder.factoryOf(new NoopCacheListener()), null, false, false))));
        // ---- user code deployment: the request ClientUserCodeDeploymentService.deploy sends at start ----
        op("usercode.deploy", (s, n, a) -> {
            List<Map.Entry<String, byte[]>> classes = List.of(Map.entry(EchoTask.class.getName(), classBytes(EchoTask.class)));
            ClientMessage request = ClientDeployClassesCodec.encodeRequest(classes);
            new ClientInvocation(impl(s.client), request, null).invokeUrgent().get(WAIT_SECONDS, TimeUnit.SECONDS);
            return null;
        });
        // ---- transactions ----
        op("transaction.create", (s, n, a) -> {
            TransactionContext ctx = s.client.newTransactionContext();
            ctx.beginTransaction();
            ctx.commitTransaction();
            return "committed";
        });
        // A transactional map put (put + lock on the map) committed, then read back outside it.
        op("transaction.mapPut", (s, n, a) -> {
            TransactionContext ctx = s.client.newTransactionContext();
            ctx.beginTransaction();
            try {
                TransactionalMap<String, String> m = ctx.getMap(n);
                m.put(KEY, a.path("value").asText(VALUE));
                ctx.commitTransaction();
            } catch (Exception e) {
                ctx.rollbackTransaction();
                throw e;
            }
            return s.client.<String, String>getMap(n).get(KEY);
        });
        op("transaction.mapGet", (s, n, a) -> {
            TransactionContext ctx = s.client.newTransactionContext();
            ctx.beginTransaction();
            try {
                String v = ctx.<String, String>getMap(n).get(KEY);
                ctx.commitTransaction();
                return v;
            } catch (Exception e) {
                ctx.rollbackTransaction();
                throw e;
            }
        });
        op("transaction.rollback", (s, n, a) -> {
            TransactionContext ctx = s.client.newTransactionContext();
            ctx.beginTransaction();
            ctx.<String, String>getMap(n).put(KEY, VALUE);
            ctx.rollbackTransaction();
            return s.client.<String, String>getMap(n).get(KEY);
        });
        // ---- dynamic configuration ----
        op("config.addMapConfig", (s, n, a) -> nothing(() -> s.client.getConfig().addMapConfig(new MapConfig(n))));
        // ---- management: the Management Center client's request, sent to one member ----
        op("management.getTimedMemberState", (s, n, a) -> {
            ClientMessage request = MCGetTimedMemberStateCodec.encodeRequest();
            ClientMessage response = new ClientInvocation(impl(s.client), request, null, anyMember(s.client).getUuid())
                    .invoke().get(WAIT_SECONDS, TimeUnit.SECONDS);
            return MCGetTimedMemberStateCodec.decodeResponse(response);
        });
    }

    static final class NoopItemListener implements com.hazelcast.collection.ItemListener<String> {
        @Override
        public void itemAdded(com.hazelcast.collection.ItemEvent<String> item) {
        }

        @Override
        public void itemRemoved(com.hazelcast.collection.ItemEvent<String> item) {
        }
    }
}
