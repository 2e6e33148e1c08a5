#!/usr/bin/env python3
# The official Hazelcast Python client (hazelcast-python-client, with hazelcast-kerberos) as a
# secmatrix adapter: JSON lines on stdin/stdout (docs/adapter-protocol.md). It only obeys and reports
# facts: the client's own exception classes and messages, never a classification (the runner owns
# that through error-map.yaml).
import atexit
import base64
import json
import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
import traceback

PROTOCOL = 1
ADAPTER_VERSION = "1.0.0"

# stdout carries the protocol only; everything else (the client's log included) goes to stderr.
_out = sys.stdout
sys.stdout = sys.stderr
logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(levelname)s [%(name)s] %(message)s")

import hazelcast  # noqa: E402
from hazelcast.config import ReconnectMode, SSLProtocol  # noqa: E402
from hazelcast.security import BasicTokenProvider  # noqa: E402

try:
    import hzkerberos  # noqa: E402

    KERBEROS = True
except Exception as e:  # pragma: no cover - reported as a missing capability
    print("hazelcast-kerberos unavailable: %r" % e, file=sys.stderr)
    KERBEROS = False

CLIENT_VERSION = getattr(hazelcast, "__version__", "unknown")

# ssl_protocol takes exactly one version (the client disables every other one).
PROTOCOLS = {
    "SSLv2": SSLProtocol.SSLv2,
    "SSLv3": SSLProtocol.SSLv3,
    "TLSv1": SSLProtocol.TLSv1,
    "TLSv1.1": SSLProtocol.TLSv1_1,
    "TLSv1.2": SSLProtocol.TLSv1_2,
    "TLSv1.3": SSLProtocol.TLSv1_3,
}

KEY = "secmatrix-key"
VALUE = "secmatrix-value"


def _ignore(*_args):
    return None


def _lock(proxy):
    proxy.lock(KEY)
    proxy.unlock(KEY)


def _cp_lock(hz, n):
    lock = hz.cp_subsystem.get_lock(n).blocking()
    lock.unlock() if lock.lock() else None


def _reliable_listen(hz, n):
    hz.get_reliable_topic(n).blocking().add_listener(_ignore)
    # The listener's first request reads the ring buffer's tail: send it here, so a denial is seen.
    hz.get_ringbuffer("_hz_rb_" + n).blocking().tail_sequence()


# Operation ids of matrices/hazelcast/permission-catalogue.yaml → the client's public API.
OPERATIONS = {
    "map.create": lambda hz, n: hz.get_map(n),
    "map.destroy": lambda hz, n: hz.get_map(n).blocking().destroy(),
    "map.put": lambda hz, n: hz.get_map(n).blocking().put(KEY, VALUE),
    "map.get": lambda hz, n: hz.get_map(n).blocking().get(KEY),
    "map.remove": lambda hz, n: hz.get_map(n).blocking().remove(KEY),
    "map.lock": lambda hz, n: _lock(hz.get_map(n).blocking()),
    "map.addIndex": lambda hz, n: hz.get_map(n).blocking().add_index(attributes=["this"], index_type=1),
    "map.addEntryListener": lambda hz, n: hz.get_map(n).blocking().add_entry_listener(include_value=False, added_func=_ignore),
    "queue.create": lambda hz, n: hz.get_queue(n),
    "queue.destroy": lambda hz, n: hz.get_queue(n).blocking().destroy(),
    "queue.offer": lambda hz, n: hz.get_queue(n).blocking().offer(VALUE),
    "queue.poll": lambda hz, n: hz.get_queue(n).blocking().poll(),
    "queue.peek": lambda hz, n: hz.get_queue(n).blocking().peek(),
    "queue.addItemListener": lambda hz, n: hz.get_queue(n).blocking().add_listener(include_value=False, item_added_func=_ignore),
    "multimap.create": lambda hz, n: hz.get_multi_map(n),
    "multimap.destroy": lambda hz, n: hz.get_multi_map(n).blocking().destroy(),
    "multimap.put": lambda hz, n: hz.get_multi_map(n).blocking().put(KEY, VALUE),
    "multimap.get": lambda hz, n: hz.get_multi_map(n).blocking().get(KEY),
    "multimap.remove": lambda hz, n: hz.get_multi_map(n).blocking().remove(KEY, VALUE),
    "multimap.lock": lambda hz, n: _lock(hz.get_multi_map(n).blocking()),
    "multimap.addEntryListener": lambda hz, n: hz.get_multi_map(n).blocking().add_entry_listener(include_value=False, added_func=_ignore),
    "replicatedmap.create": lambda hz, n: hz.get_replicated_map(n),
    "replicatedmap.destroy": lambda hz, n: hz.get_replicated_map(n).blocking().destroy(),
    "replicatedmap.put": lambda hz, n: hz.get_replicated_map(n).blocking().put(KEY, VALUE),
    "replicatedmap.get": lambda hz, n: hz.get_replicated_map(n).blocking().get(KEY),
    "replicatedmap.remove": lambda hz, n: hz.get_replicated_map(n).blocking().remove(KEY),
    "replicatedmap.addEntryListener": lambda hz, n: hz.get_replicated_map(n).blocking().add_entry_listener(added_func=_ignore),
    "reliabletopic.create": lambda hz, n: hz.get_reliable_topic(n),
    "reliabletopic.publish": lambda hz, n: hz.get_reliable_topic(n).blocking().publish(VALUE),
    "reliabletopic.listen": _reliable_listen,
    "reliabletopic.destroy": lambda hz, n: hz.get_reliable_topic(n).blocking().destroy(),
    "topic.create": lambda hz, n: hz.get_topic(n),
    "topic.destroy": lambda hz, n: hz.get_topic(n).blocking().destroy(),
    "topic.publish": lambda hz, n: hz.get_topic(n).blocking().publish(VALUE),
    "topic.addMessageListener": lambda hz, n: hz.get_topic(n).blocking().add_listener(_ignore),
    "list.create": lambda hz, n: hz.get_list(n),
    "list.destroy": lambda hz, n: hz.get_list(n).blocking().destroy(),
    "list.add": lambda hz, n: hz.get_list(n).blocking().add(VALUE),
    "list.size": lambda hz, n: hz.get_list(n).blocking().size(),
    "list.remove": lambda hz, n: hz.get_list(n).blocking().remove(VALUE),
    "list.addItemListener": lambda hz, n: hz.get_list(n).blocking().add_listener(include_value=False, item_added_func=_ignore),
    "set.create": lambda hz, n: hz.get_set(n),
    "set.destroy": lambda hz, n: hz.get_set(n).blocking().destroy(),
    "set.add": lambda hz, n: hz.get_set(n).blocking().add(VALUE),
    "set.size": lambda hz, n: hz.get_set(n).blocking().size(),
    "set.remove": lambda hz, n: hz.get_set(n).blocking().remove(VALUE),
    "set.addItemListener": lambda hz, n: hz.get_set(n).blocking().add_listener(include_value=False, item_added_func=_ignore),
    "ringbuffer.create": lambda hz, n: hz.get_ringbuffer(n),
    "ringbuffer.destroy": lambda hz, n: hz.get_ringbuffer(n).blocking().destroy(),
    "ringbuffer.add": lambda hz, n: hz.get_ringbuffer(n).blocking().add(VALUE),
    "ringbuffer.tailSequence": lambda hz, n: hz.get_ringbuffer(n).blocking().tail_sequence(),
    "lock.lock": _cp_lock,
    "lock.isLocked": lambda hz, n: hz.cp_subsystem.get_lock(n).blocking().is_locked(),
    "lock.destroy": lambda hz, n: hz.cp_subsystem.get_lock(n).blocking().destroy(),
    "atomiclong.get": lambda hz, n: hz.cp_subsystem.get_atomic_long(n).blocking().get(),
    "atomiclong.addAndGet": lambda hz, n: hz.cp_subsystem.get_atomic_long(n).blocking().add_and_get(1),
    "atomiclong.destroy": lambda hz, n: hz.cp_subsystem.get_atomic_long(n).blocking().destroy(),
    "atomicref.get": lambda hz, n: hz.cp_subsystem.get_atomic_reference(n).blocking().get(),
    "atomicref.set": lambda hz, n: hz.cp_subsystem.get_atomic_reference(n).blocking().set(VALUE),
    "atomicref.destroy": lambda hz, n: hz.cp_subsystem.get_atomic_reference(n).blocking().destroy(),
    "countdownlatch.getCount": lambda hz, n: hz.cp_subsystem.get_count_down_latch(n).blocking().get_count(),
    "countdownlatch.trySetCount": lambda hz, n: hz.cp_subsystem.get_count_down_latch(n).blocking().try_set_count(1),
    "countdownlatch.destroy": lambda hz, n: hz.cp_subsystem.get_count_down_latch(n).blocking().destroy(),
    "semaphore.init": lambda hz, n: hz.cp_subsystem.get_semaphore(n).blocking().init(1),
    "semaphore.tryAcquire": lambda hz, n: hz.cp_subsystem.get_semaphore(n).blocking().try_acquire(1, 0),
    "semaphore.availablePermits": lambda hz, n: hz.cp_subsystem.get_semaphore(n).blocking().available_permits(),
    "semaphore.destroy": lambda hz, n: hz.cp_subsystem.get_semaphore(n).blocking().destroy(),
    "flakeid.create": lambda hz, n: hz.get_flake_id_generator(n),
    "flakeid.destroy": lambda hz, n: hz.get_flake_id_generator(n).blocking().destroy(),
    "flakeid.newId": lambda hz, n: hz.get_flake_id_generator(n).blocking().new_id(),
    "pncounter.create": lambda hz, n: hz.get_pn_counter(n),
    "pncounter.destroy": lambda hz, n: hz.get_pn_counter(n).blocking().destroy(),
    "pncounter.get": lambda hz, n: hz.get_pn_counter(n).blocking().get(),
    "pncounter.addAndGet": lambda hz, n: hz.get_pn_counter(n).blocking().add_and_get(1),
}

# What this client can express (capability names of docs/adapter-protocol.md). Not here, with the
# client's reason: tls-no-verification (the client always sets CERT_REQUIRED).
CAPABILITIES = [
    "tls",
    "tls-pin-version",
    "tls-pin-sslv2",
    "tls-pin-sslv3",
    "tls-cipher-list",
    "tls-system-ca",
    "tls-hostname-verification-toggle",
    "tls-client-cert",
    "tls-combined-key-cert",
    "tls-encrypted-key",
    "tls-key-password-callable",
    "tls-key-password-bytes",
    "credentials-password",
    "credentials-token",
    "map-operations",
] + (["credentials-kerberos"] if KERBEROS else []) + ["op:" + op for op in OPERATIONS]


class Unsupported(Exception):
    pass


def fact(exc):
    """The client's own words for an exception: class, code when it has one, message."""
    cls = type(exc)
    out = {"class": "%s.%s" % (cls.__module__, cls.__qualname__), "message": str(exc)}
    code = getattr(exc, "reason", None) or getattr(exc, "code", None)
    if code is not None:
        out["code"] = str(code)
    return out


class CauseCapture(logging.Handler):
    """The client logs why a connection attempt failed and then raises a generic error: keep the causes."""

    def __init__(self):
        super().__init__(level=logging.INFO)
        self.causes = []

    def emit(self, record):
        # The TLS error closes the connection and is logged as the close reason ("... closed. Reason: %s").
        excs = [a for a in (record.args if isinstance(record.args, tuple) else ()) if isinstance(a, BaseException)]
        if record.exc_info and record.exc_info[1] is not None:
            excs.append(record.exc_info[1])
        for e in excs:
            f = fact(e)
            if f not in self.causes:
                self.causes.append(f)


def key_password(p):
    if p is None:
        return None
    value, form = p.get("value"), p.get("form", "string")
    if form == "string":
        return value
    if form == "bytes":
        return value.encode("utf-8")
    if form == "callable-string":
        return lambda: value
    if form == "callable-bytes":
        return lambda: value.encode("utf-8")
    raise Unsupported("unknown key password form %r" % form)


def tls_config(tls):
    cfg = {"ssl_enabled": True}
    if tls.get("verifyPeer") is False:
        raise Unsupported("the Python client always verifies the member's certificate (ssl.CERT_REQUIRED); it has no option to turn that off")
    if tls.get("caFile"):
        cfg["ssl_cafile"] = tls["caFile"]
    # No caFile (useDefaultCas or nothing given): the client loads the default CAs itself.
    if tls.get("certAndKeyFile"):
        cfg["ssl_certfile"] = tls["certAndKeyFile"]  # no ssl_keyfile: the key is taken from the certfile
    elif tls.get("certFile"):
        cfg["ssl_certfile"] = tls["certFile"]
        if tls.get("keyFile"):
            cfg["ssl_keyfile"] = tls["keyFile"]
    if tls.get("keyPassword") is not None:
        cfg["ssl_password"] = key_password(tls["keyPassword"])
    proto = tls.get("protocol")
    lo, hi = tls.get("minVersion"), tls.get("maxVersion")
    if proto is None and (lo or hi):
        if lo and hi and lo == hi:
            proto = lo
        else:
            raise Unsupported("ssl_protocol selects exactly one protocol version; the client cannot offer the range %s..%s" % (lo or "default", hi or "default"))
    if proto is not None:
        if proto not in PROTOCOLS:
            raise Unsupported("no ssl_protocol value for %s" % proto)
        cfg["ssl_protocol"] = PROTOCOLS[proto]
    ciphers = tls.get("opensslCipherSuites")
    if ciphers is None and tls.get("cipherSuites") is not None:
        raise Unsupported("ssl_ciphers takes OpenSSL names; the request gave IANA names only")
    if ciphers is not None:
        tls13 = [c for c in ciphers if c.startswith("TLS_")]
        if tls13:
            # SSLContext.set_ciphers configures TLS 1.2 and lower only; Python has no set_ciphersuites.
            raise Unsupported("ssl_ciphers cannot select TLS 1.3 suites (%s): Python's SSLContext.set_ciphers only configures TLS 1.2 and lower" % ":".join(tls13))
        cfg["ssl_ciphers"] = ":".join(ciphers)
    if tls.get("verifyHostname") is not None:
        cfg["ssl_check_hostname"] = bool(tls["verifyHostname"])
    return cfg


_ccache_dir = None


def ccache_dir():
    """A private dir for the sessions' Kerberos caches (they hold tickets), removed when the adapter ends."""
    global _ccache_dir
    if _ccache_dir is None:
        _ccache_dir = tempfile.mkdtemp(prefix="secmatrix-py-krb5-")
        atexit.register(shutil.rmtree, _ccache_dir, True)
        # SIGTERM ends the adapter through sys.exit, so the atexit removal runs then too.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    return _ccache_dir


def credentials_config(creds, session):
    if not creds:
        return {}
    kind = creds.get("kind")
    if kind == "username-password":
        return {"creds_username": creds["username"], "creds_password": creds["password"]}
    if kind == "token":
        token = creds["token"]
        raw = base64.b64decode(token) if creds.get("encoding") == "base64" else token.encode("utf-8")
        return {"token_provider": BasicTokenProvider(raw)}
    if kind == "kerberos":
        if not KERBEROS:
            raise Unsupported("hazelcast-kerberos is not installed in this environment")
        # libkrb5 reads these when each context is made: private cache per session, the run's krb5.conf.
        if creds.get("krb5Config"):
            os.environ["KRB5_CONFIG"] = creds["krb5Config"]
        ccache = creds.get("ccache") or os.path.join(ccache_dir(), "cc-%s" % session)
        os.environ["KRB5CCNAME"] = ccache if ":" in ccache else "FILE:" + ccache
        args = {"principal": creds["principal"]}
        if creds.get("keytab"):
            args["keytab"] = creds["keytab"]
        elif creds.get("password") is not None:
            args["password"] = creds["password"]
        if creds.get("servicePrincipal"):
            args["spn"] = creds["servicePrincipal"]
        return {"token_provider": hzkerberos.TokenProvider(**args)}
    raise Unsupported("unknown credentials kind %r" % kind)


class Adapter:
    def __init__(self):
        self.sessions = {}

    def hello(self, req):
        if req.get("protocol") != PROTOCOL:
            return {"type": "protocol-error", "message": "speaks protocol %d only" % PROTOCOL}
        return {
            "type": "hello",
            "protocol": PROTOCOL,
            "client": {"name": "hazelcast-python", "version": CLIENT_VERSION, "language": "python"},
            "adapter": {"version": ADAPTER_VERSION},
            "capabilities": CAPABILITIES,
        }

    def connect(self, req):
        session = req.get("session")
        if not isinstance(session, str) or not isinstance(req.get("addresses"), list):
            return {"type": "protocol-error", "message": "connect needs a session name and addresses"}
        timeouts = req.get("timeouts") or {}
        connect_s = (timeouts.get("connectMs") or 10000) / 1000.0
        op_s = (timeouts.get("operationMs") or 10000) / 1000.0
        try:
            cfg = {
                "cluster_members": req["addresses"],
                "cluster_name": req.get("clusterName") or "dev",
                "connection_timeout": connect_s,
                # One attempt: a refusal is final, and retries would muddle the member's evidence.
                "cluster_connect_timeout": 0,
                "reconnect_mode": ReconnectMode.OFF,
                "heartbeat_interval": 1,
                "heartbeat_timeout": max(3, connect_s),
                "invocation_timeout": op_s,
                "statistics_enabled": False,
            }
            if req.get("tls"):
                cfg.update(tls_config(req["tls"]))
            cfg.update(credentials_config(req.get("credentials"), session))
            cfg.update((req.get("options") or {}).get("python", {}))
        except Unsupported as e:
            return {"type": "unsupported", "reason": str(e)}
        except Exception as e:
            return {"type": "failed", "stage": "config", "error": fact(e)}
        capture = CauseCapture()
        logging.getLogger("hazelcast").addHandler(capture)
        # The client bounds the TCP connect only: a member that accepts and never answers the
        # authentication would hold it forever. Bound the whole start; a late client is shut down.
        box = {}
        abandoned = threading.Event()

        def start():
            try:
                c = hazelcast.HazelcastClient(**cfg)
                box["client"] = c
                if abandoned.is_set():
                    c.shutdown()
            except Exception as e:
                box["error"] = e

        worker = threading.Thread(target=start, name="connect-" + session, daemon=True)
        worker.start()
        worker.join(connect_s * 2 + 1)
        logging.getLogger("hazelcast").removeHandler(capture)
        if worker.is_alive():
            abandoned.set()
            return {"type": "failed", "stage": "connect", "error": {"class": "secmatrix.adapter.ConnectTimeout", "message": "the client did not connect or fail within %.1f s" % (connect_s * 2 + 1)}, "causes": capture.causes}
        if "error" in box:
            e = box["error"]
            return {"type": "failed", "stage": stage_of(e, capture.causes), "error": fact(e), "causes": capture.causes}
        client = box["client"]
        self.sessions[session] = client
        reply = {"type": "connected", "session": session}
        negotiated = negotiated_of(client)
        if negotiated:
            reply["negotiated"] = negotiated
        return reply

    def run(self, req):
        client = self.sessions.get(req.get("session"))
        if client is None:
            return {"type": "protocol-error", "message": "no open session %r" % req.get("session")}
        op = OPERATIONS.get(req.get("op"))
        if op is None:
            return {"type": "unsupported", "reason": "the Python client adapter has no operation %r" % req.get("op")}
        try:
            value = op(client, req.get("object") or "secmatrix")
        except Exception as e:
            err = fact(e)
            return {"type": "error", "error": err, "causes": causes_of(e)}
        reply = {"type": "result"}
        if isinstance(value, (int, float, str, bool)) or value is None:
            reply["value"] = value
        return reply

    def close(self, req):
        client = self.sessions.pop(req.get("session"), None)
        if client is not None:
            try:
                client.shutdown()
            except Exception as e:
                print("shutdown: %r" % e, file=sys.stderr)
        return {"type": "closed", "session": req.get("session")}

    def shutdown_all(self):
        for name in list(self.sessions):
            self.close({"session": name})


def causes_of(exc):
    out, e = [], exc.__cause__ or exc.__context__
    while e is not None and len(out) < 5:
        out.append(fact(e))
        e = e.__cause__ or e.__context__
    return out


def stage_of(exc, causes):
    classes = " ".join(c["class"] for c in causes)
    if "ssl." in classes:
        return "tls"
    if "AuthenticationError" in classes or "ClientNotAllowedInCluster" in classes:
        return "authentication"
    if "hzkerberos" in classes or "gssapi" in classes:
        return "authentication"
    return "unknown"


def negotiated_of(client):
    try:
        conn = next(iter(client._connection_manager.active_connections.values()))
        sock = conn._inner._socket if hasattr(conn, "_inner") else conn.socket
        return {"protocol": sock.version(), "cipher": sock.cipher()[0]}
    except Exception:
        return None


def main():
    adapter = Adapter()
    handlers = {"hello": adapter.hello, "connect": adapter.connect, "run": adapter.run, "close": adapter.close}
    lock = threading.Lock()

    def send(obj):
        with lock:
            _out.write(json.dumps(obj) + "\n")
            _out.flush()

    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            req = json.loads(line)
            if not isinstance(req, dict):
                raise ValueError("not a JSON object")
        except ValueError as e:
            send({"id": None, "type": "protocol-error", "message": "cannot parse the request: %s" % e})
            continue
        rid, kind = req.get("id"), req.get("type")
        if kind == "bye":
            adapter.shutdown_all()
            send({"id": rid, "type": "bye"})
            return 0
        handler = handlers.get(kind)
        if handler is None or not isinstance(rid, int):
            send({"id": rid if isinstance(rid, int) else None, "type": "protocol-error", "message": "unknown request type %r or no integer id" % kind})
            continue
        try:
            reply = handler(req)
        except Exception as e:  # a bug of the adapter, not a fact of the client
            traceback.print_exc()
            reply = {"type": "protocol-error", "message": "adapter error: %r" % e}
        reply["id"] = rid
        send(reply)
    adapter.shutdown_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
