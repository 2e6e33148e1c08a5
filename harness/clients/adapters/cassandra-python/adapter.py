#!/usr/bin/env python3
"""secmatrix adapter (protocol v1) for the DataStax/Scylla-lineage Python driver `cassandra-driver`.

Obeys the suite on stdin/stdout (one JSON object per line) and reports facts only: what the driver
did and the error it raised (class, CQL error code, message). It never classifies; error-map.yaml
beside it does. Every configuration of the driver's security documentation can be expressed:
ssl_context = SSLContext(PROTOCOL_TLS), load_verify_locations, verify_mode = CERT_REQUIRED,
check_hostname, ssl_options={'server_hostname': ...}, load_cert_chain with and without a key
password, PlainTextAuthProvider, SaslAuthProvider (PLAIN; options.saslAuthProvider), and the pre-3.17 ssl_options dict form (options.legacySslOptions).
"""
import json
import logging
import re
import ssl
import sys
import time
import traceback
import warnings

warnings.simplefilter("ignore", DeprecationWarning)  # PROTOCOL_TLS is what the documentation uses
logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="%(asctime)s %(name)s %(levelname)s %(message)s")

import cassandra  # noqa: E402
from cassandra.auth import PlainTextAuthProvider, SaslAuthProvider  # noqa: E402
from cassandra.cluster import Cluster, NoHostAvailable  # noqa: E402
from cassandra.policies import RoundRobinPolicy  # noqa: E402

PROTOCOL = 1
ADAPTER_VERSION = "1.0.0"
CAPABILITIES = [
    "tls", "tls.verify-peer", "tls.verify-hostname", "tls.server-hostname", "tls.client-cert",
    "tls.key-password", "tls.protocol-range", "tls.cipher-suites", "tls.legacy-ssl-options",
    "credentials.username-password", "credentials.sasl-plain", "cql.execute",
]

# IANA -> OpenSSL names for the TLS 1.2 suites the matrices use (set_ciphers takes OpenSSL names).
OPENSSL_CIPHERS = {
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256": "ECDHE-RSA-AES128-GCM-SHA256",
    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384": "ECDHE-RSA-AES256-GCM-SHA384",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256": "ECDHE-RSA-CHACHA20-POLY1305",
    "TLS_RSA_WITH_AES_128_GCM_SHA256": "AES128-GCM-SHA256",
    "TLS_RSA_WITH_AES_256_GCM_SHA384": "AES256-GCM-SHA384",
    "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA": "ECDHE-RSA-AES128-SHA",
}
TLS_VERSIONS = {
    "TLSv1": ssl.TLSVersion.TLSv1, "TLSv1.1": ssl.TLSVersion.TLSv1_1,
    "TLSv1.2": ssl.TLSVersion.TLSv1_2, "TLSv1.3": ssl.TLSVersion.TLSv1_3,
}

sessions = {}


def log(msg):
    sys.stderr.write(f"adapter: {msg}\n")
    sys.stderr.flush()


class Unsupported(Exception):
    pass


def password_of(tls):
    kp = tls.get("keyPassword")
    if not kp:
        return None
    form = kp.get("form", "string")
    v = kp["value"]
    if form == "string":
        return v
    if form == "bytes":
        return v.encode()
    if form == "callable-string":
        return lambda: v
    if form == "callable-bytes":
        return lambda: v.encode()
    raise Unsupported(f"key password form {form}")


def legacy_ssl_options(tls):
    """The pre-3.17 form: only ssl_options (the driver builds its own SSLContext from it)."""
    opts = {"ssl_version": ssl.PROTOCOL_TLS}
    if tls.get("caFile"):
        opts["ca_certs"] = tls["caFile"]
    if tls.get("verifyPeer") is not None:
        opts["cert_reqs"] = ssl.CERT_REQUIRED if tls["verifyPeer"] else ssl.CERT_NONE
    if tls.get("verifyHostname") is not None:
        opts["check_hostname"] = bool(tls["verifyHostname"])
    if tls.get("certFile"):
        if tls.get("keyPassword"):
            raise Unsupported("the pre-3.17 ssl_options form has no key password")
        opts["certfile"] = tls["certFile"]
        opts["keyfile"] = tls.get("keyFile")
    if tls.get("cipherSuites"):
        opts["ciphers"] = ":".join(OPENSSL_CIPHERS.get(c, c) for c in tls["cipherSuites"])
    if tls.get("minVersion") or tls.get("maxVersion") or tls.get("protocol"):
        raise Unsupported("the pre-3.17 ssl_options form has no protocol range")
    if tls.get("serverHostname"):
        opts["server_hostname"] = tls["serverHostname"]
    return opts


def ssl_context_and_options(tls):
    """The documented 3.17+ form: Cluster(ssl_context=..., ssl_options=...)."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS)
    if tls.get("caFile"):
        ctx.load_verify_locations(tls["caFile"])
    if tls.get("useDefaultCas"):
        ctx.load_default_certs()
    if tls.get("verifyPeer") is not None:
        ctx.verify_mode = ssl.CERT_REQUIRED if tls["verifyPeer"] else ssl.CERT_NONE
    if tls.get("verifyHostname") is not None:
        # Python itself switches verify_mode to CERT_REQUIRED when check_hostname is turned on.
        ctx.check_hostname = bool(tls["verifyHostname"])
    if tls.get("certFile"):
        ctx.load_cert_chain(certfile=tls["certFile"], keyfile=tls.get("keyFile"), password=password_of(tls))
    if tls.get("minVersion"):
        ctx.minimum_version = TLS_VERSIONS[tls["minVersion"]]
    if tls.get("maxVersion"):
        ctx.maximum_version = TLS_VERSIONS[tls["maxVersion"]]
    if tls.get("protocol"):
        ctx.minimum_version = ctx.maximum_version = TLS_VERSIONS[tls["protocol"]]
    if tls.get("cipherSuites"):
        names = [OPENSSL_CIPHERS.get(c) for c in tls["cipherSuites"]]
        if None in names:
            raise Unsupported("set_ciphers cannot name TLS 1.3 suites")
        ctx.set_ciphers(":".join(names))
    opts = {"server_hostname": tls["serverHostname"]} if tls.get("serverHostname") else None
    return ctx, opts


def error_fact(exc):
    """(class, code, message) of the error that matters: NoHostAvailable wraps one per host."""
    inner = exc
    if isinstance(exc, NoHostAvailable) and exc.errors:
        inner = next(iter(exc.errors.values()))
    cls = type(inner)
    name = f"{cls.__module__}.{cls.__qualname__}"
    msg = str(inner)
    code = getattr(inner, "code", None)
    if isinstance(code, int):
        code = "0x%04X" % code
    elif code is None:
        m = re.search(r"code=([0-9A-Fa-f]{4})", msg)
        code = f"0x{m.group(1).upper()}" if m else None
        if code is None:
            m = re.search(r"\[SSL: ([A-Z0-9_]+)\]", msg)
            code = m.group(1) if m else (getattr(inner, "reason", None) or None)
    return {"class": name, "code": code, "message": msg[:2000]}


def stage_of(fact):
    c, m = fact["class"], fact["message"]
    if c.endswith("AuthenticationFailed"):
        return "authentication"
    if "ssl" in c.lower() or "[SSL" in m or "EOF occurred in violation of protocol" in m:
        return "tls"
    return "unknown"


def connect(req):
    tls = req.get("tls")
    creds = req.get("credentials")
    options = req.get("options") or {}
    host, port = req["addresses"][0].rsplit(":", 1)
    timeouts = req.get("timeouts") or {}
    kwargs = {
        "contact_points": [host], "port": int(port),
        "connect_timeout": timeouts.get("connectMs", 10000) / 1000.0,
        "control_connection_timeout": timeouts.get("connectMs", 10000) / 1000.0,
        "load_balancing_policy": RoundRobinPolicy(),
        # One attempt: the suite judges the first answer, it does not wait for reconnections.
        "reconnection_policy": cassandra.policies.ConstantReconnectionPolicy(60, max_attempts=0),
    }
    if creds:
        if creds.get("kind") != "username-password":
            raise Unsupported(f"credentials kind {creds.get('kind')}")
        if options.get("saslAuthProvider"):
            # The seed's "Custom Authenticators": generic SASL through pure-sasl; PLAIN is what
            # PasswordAuthenticator speaks.
            kwargs["auth_provider"] = SaslAuthProvider(service="cassandra", mechanism="PLAIN", username=creds["username"], password=creds["password"])
        else:
            kwargs["auth_provider"] = PlainTextAuthProvider(username=creds["username"], password=creds["password"])
    if tls:
        if options.get("legacySslOptions"):
            kwargs["ssl_options"] = legacy_ssl_options(tls)
        else:
            ctx, opts = ssl_context_and_options(tls)
            kwargs["ssl_context"] = ctx
            if opts:
                kwargs["ssl_options"] = opts
    cluster = Cluster(**kwargs)
    started = time.monotonic()
    try:
        session = cluster.connect()
    except Exception:
        cluster.shutdown()
        raise
    log(f"connected in {time.monotonic() - started:.2f} s (protocol v{cluster.protocol_version})")
    sessions[req["session"]] = (cluster, session)
    negotiated = {}
    try:
        conn = cluster.control_connection._connection
        sock = getattr(conn, "_socket", None)
        if sock is not None and hasattr(sock, "version"):
            negotiated = {"protocol": sock.version(), "cipher": sock.cipher()[0]}
    except Exception:  # not every connection class exposes its socket
        pass
    return {"type": "connected", "session": req["session"], "negotiated": negotiated or None, "cqlProtocol": cluster.protocol_version}


def run(req):
    if req.get("op") != "cql.execute":
        return {"type": "unsupported", "reason": f"op {req.get('op')}"}
    cluster, session = sessions[req["session"]]
    args = req.get("args") or {}
    timeout = ((req.get("timeouts") or {}).get("operationMs", 10000)) / 1000.0
    if args.get("keyspace"):
        session.set_keyspace(args["keyspace"])
    try:
        rs = session.execute(args["statement"], timeout=timeout)
    except Exception as exc:  # the driver's own error, as a fact
        return {"type": "error", "error": error_fact(exc)}
    rows = list(rs) if rs is not None else []
    value = {"rows": len(rows)}
    if rows:
        first = rows[0]
        names = getattr(rs, "column_names", None) or getattr(first, "_fields", None) or []
        value["first"] = {n: (None if v is None else str(v)) for n, v in zip(names, first)}
    return {"type": "result", "value": value}


def handle(req):
    t = req.get("type")
    if t == "hello":
        if req.get("protocol") != PROTOCOL:
            return {"type": "protocol-error", "message": f"speaks protocol {PROTOCOL} only"}
        return {"type": "hello", "protocol": PROTOCOL,
                "client": {"name": "cassandra-python", "version": cassandra.__version__, "language": "python"},
                "adapter": {"version": ADAPTER_VERSION}, "capabilities": CAPABILITIES}
    if t == "connect":
        try:
            return connect(req)
        except Unsupported as u:
            return {"type": "unsupported", "reason": str(u)}
        except Exception as exc:
            fact = error_fact(exc)
            log(f"connect failed: {fact['class']}: {fact['message']}")
            return {"type": "failed", "stage": stage_of(fact), "error": fact}
    if t == "run":
        if req.get("session") not in sessions:
            return {"type": "protocol-error", "message": f"no open session {req.get('session')}"}
        return run(req)
    if t == "close":
        entry = sessions.pop(req.get("session"), None)
        if entry:
            entry[0].shutdown()
        return {"type": "closed", "session": req.get("session")}
    if t == "bye":
        return {"type": "bye"}
    return {"type": "protocol-error", "message": f"unknown request type {t}"}


def main():
    out = sys.stdout
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            req = json.loads(line)
            if not isinstance(req, dict):
                raise ValueError("not an object")
        except Exception as exc:
            out.write(json.dumps({"id": None, "type": "protocol-error", "message": f"unparsable request: {exc}"}) + "\n")
            out.flush()
            continue
        try:
            resp = handle(req)
        except Exception as exc:
            log(traceback.format_exc())
            resp = {"type": "protocol-error", "message": f"adapter error: {exc}"}
        resp["id"] = req.get("id")
        out.write(json.dumps(resp) + "\n")
        out.flush()
        if req.get("type") == "bye":
            break
    for cluster, _ in sessions.values():
        try:
            cluster.shutdown()
        except Exception:
            pass


if __name__ == "__main__":
    main()
