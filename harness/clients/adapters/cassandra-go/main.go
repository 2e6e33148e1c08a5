// secmatrix adapter (protocol v1) for gocql (github.com/gocql/gocql), the Go CQL driver.
//
// Obeys the suite on stdin/stdout (one JSON object per line) and reports facts only: what the driver
// did and the error it returned (Go type, CQL error code, message). It never classifies;
// error-map.yaml beside it does. TLS is gocql's ClusterConfig.SslOpts (CaPath, CertPath, KeyPath,
// EnableHostVerification) with a *tls.Config only where the request asks for a setting SslOptions
// lacks (server name, versions, cipher suites, verification without the host name check); when the
// request says nothing, gocql's own defaults apply (SslOptions{}: InsecureSkipVerify, see README.md).
package main

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net"
	"os"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gocql/gocql"
)

const (
	protocolVersion = 1
	adapterVersion  = "1.0.0"
	gocqlModule     = "github.com/gocql/gocql"
)

var capabilities = []string{
	"tls", "tls.verify-peer", "tls.verify-hostname", "tls.server-hostname", "tls.client-cert",
	"tls.protocol-range", "tls.cipher-suites", "credentials.username-password", "cql.execute",
}

var logger = log.New(os.Stderr, "adapter: ", log.LstdFlags|log.Lmicroseconds)

// connectTimeout: gocql did not finish connecting within the request's bound (the adapter gave up).
type connectTimeout struct{ msg string }

func (t connectTimeout) Error() string { return t.msg }

// connectSlack: how long past connectMs gocql may take (its own timeouts apply per step) before the
// adapter answers `failed`; the runner waits connectMs + 8 s.
const connectSlack = 5 * time.Second

// unsupported: the request names a setting gocql (or Go's crypto/tls under it) cannot express.
type unsupported struct{ reason string }

func (u unsupported) Error() string { return u.reason }

type tlsRequest struct {
	CaFile         *string `json:"caFile"`
	UseDefaultCas  *bool   `json:"useDefaultCas"`
	CertFile       *string `json:"certFile"`
	KeyFile        *string `json:"keyFile"`
	CertAndKeyFile *string `json:"certAndKeyFile"`
	KeyPassword    *struct {
		Value string `json:"value"`
		Form  string `json:"form"`
	} `json:"keyPassword"`
	MinVersion     *string  `json:"minVersion"`
	MaxVersion     *string  `json:"maxVersion"`
	Protocol       *string  `json:"protocol"`
	CipherSuites   []string `json:"cipherSuites"`
	VerifyPeer     *bool    `json:"verifyPeer"`
	VerifyHostname *bool    `json:"verifyHostname"`
	ServerHostname *string  `json:"serverHostname"`
}

type request struct {
	ID          json.RawMessage `json:"id"`
	Type        string          `json:"type"`
	Protocol    int             `json:"protocol"`
	Session     string          `json:"session"`
	Addresses   []string        `json:"addresses"`
	TLS         *tlsRequest     `json:"tls"`
	Credentials *struct {
		Kind     string `json:"kind"`
		Username string `json:"username"`
		Password string `json:"password"`
	} `json:"credentials"`
	Timeouts *struct {
		ConnectMs   *int `json:"connectMs"`
		OperationMs *int `json:"operationMs"`
	} `json:"timeouts"`
	Options map[string]any `json:"options"`
	Op      string         `json:"op"`
	Args    *struct {
		Statement string  `json:"statement"`
		Keyspace  *string `json:"keyspace"`
	} `json:"args"`
}

type response map[string]any

type session struct {
	s          *gocql.Session
	negotiated *tls.ConnectionState
}

var sessions = map[string]*session{}

// lastCauses: what gocql logged while the last connect failed (its causeLogger).
var lastCauses []string

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func ms(p *int, def int) time.Duration {
	if p == nil {
		return time.Duration(def) * time.Millisecond
	}
	return time.Duration(*p) * time.Millisecond
}

var tlsVersions = map[string]uint16{
	"TLSv1": tls.VersionTLS10, "TLSv1.1": tls.VersionTLS11, "TLSv1.2": tls.VersionTLS12, "TLSv1.3": tls.VersionTLS13,
}

func tlsVersion(name string) (uint16, error) {
	if v, ok := tlsVersions[name]; ok {
		return v, nil
	}
	return 0, unsupported{fmt.Sprintf("Go's crypto/tls has no %s (tls.Config.MinVersion/MaxVersion: TLS 1.0 to 1.3)", name)}
}

// cipherSuite maps an IANA name to crypto/tls's id (TLS 1.0-1.2 suites; TLS 1.3 suites are not configurable in Go).
func cipherSuite(name string) (uint16, error) {
	for _, s := range append(tls.CipherSuites(), tls.InsecureCipherSuites()...) {
		if s.Name == name {
			for _, v := range s.SupportedVersions {
				if v == tls.VersionTLS13 {
					return 0, unsupported{fmt.Sprintf("crypto/tls does not make TLS 1.3 suites configurable (%s)", name)}
				}
			}
			return s.ID, nil
		}
	}
	return 0, unsupported{fmt.Sprintf("crypto/tls has no cipher suite %s", name)}
}

// sslOptions turns the request's tls into gocql's SslOptions. `state` receives the negotiated
// version and suite when a tls.Config is given (its VerifyConnection hook sees every handshake).
func sslOptions(t *tlsRequest, state **tls.ConnectionState) (*gocql.SslOptions, error) {
	o := &gocql.SslOptions{}
	var cfg *tls.Config
	config := func() *tls.Config {
		if cfg == nil {
			cfg = &tls.Config{}
		}
		return cfg
	}
	if t.KeyPassword != nil {
		return nil, unsupported{"Go's standard library cannot decrypt an encrypted PKCS#8 (PBES2) private key, and gocql's SslOptions has no key password (tls.LoadX509KeyPair reads unencrypted keys only)"}
	}
	o.CaPath = str(t.CaFile)
	// useDefaultCas: without CaPath, gocql leaves RootCAs nil and Go verifies with the system roots.
	if t.CertAndKeyFile != nil {
		o.CertPath, o.KeyPath = *t.CertAndKeyFile, *t.CertAndKeyFile
	} else if t.CertFile != nil {
		o.CertPath = *t.CertFile
		o.KeyPath = str(t.KeyFile)
		if o.KeyPath == "" {
			o.KeyPath = o.CertPath
		}
	}
	verify := t.VerifyPeer != nil && *t.VerifyPeer
	if t.VerifyHostname != nil && *t.VerifyHostname {
		// gocql has one switch for both: EnableHostVerification verifies the chain and the name.
		verify = true
	}
	skipName := verify && t.VerifyHostname != nil && !*t.VerifyHostname
	if verify && !skipName {
		o.EnableHostVerification = true
	}
	if skipName {
		// crypto/tls checks the name whenever it verifies; verifying the chain alone is
		// InsecureSkipVerify plus a VerifyConnection hook (the crypto/tls documentation's example).
		roots, err := rootsOf(o.CaPath)
		if err != nil {
			return nil, err
		}
		c := config()
		c.InsecureSkipVerify = true
		c.VerifyConnection = func(cs tls.ConnectionState) error {
			if len(cs.PeerCertificates) == 0 {
				return errors.New("tls: the server presented no certificate")
			}
			opts := x509.VerifyOptions{Roots: roots, Intermediates: x509.NewCertPool()}
			for _, ic := range cs.PeerCertificates[1:] {
				opts.Intermediates.AddCert(ic)
			}
			_, err := cs.PeerCertificates[0].Verify(opts)
			return err
		}
	}
	if t.ServerHostname != nil && *t.ServerHostname != "" {
		config().ServerName = *t.ServerHostname
	}
	if t.MinVersion != nil {
		v, err := tlsVersion(*t.MinVersion)
		if err != nil {
			return nil, err
		}
		config().MinVersion = v
	}
	if t.MaxVersion != nil {
		v, err := tlsVersion(*t.MaxVersion)
		if err != nil {
			return nil, err
		}
		config().MaxVersion = v
	}
	if t.Protocol != nil {
		v, err := tlsVersion(*t.Protocol)
		if err != nil {
			return nil, err
		}
		config().MinVersion, config().MaxVersion = v, v
	}
	if t.CipherSuites != nil {
		ids := []uint16{}
		for _, n := range t.CipherSuites {
			id, err := cipherSuite(n)
			if err != nil {
				return nil, err
			}
			ids = append(ids, id)
		}
		config().CipherSuites = ids
	}
	if cfg != nil {
		// With a Config, gocql takes its InsecureSkipVerify and then clears it when
		// EnableHostVerification is on (connectionpool.go setupTLSConfig): the same table as without one.
		if !o.EnableHostVerification && !skipName {
			cfg.InsecureSkipVerify = true
		}
		check := cfg.VerifyConnection
		cfg.VerifyConnection = func(cs tls.ConnectionState) error {
			c := cs
			*state = &c
			if check != nil {
				return check(cs)
			}
			return nil
		}
		o.Config = cfg
	}
	return o, nil
}

func rootsOf(caFile string) (*x509.CertPool, error) {
	if caFile == "" {
		return x509.SystemCertPool()
	}
	pem, err := os.ReadFile(caFile)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("no certificate in %s", caFile)
	}
	return pool, nil
}

var alertRe = regexp.MustCompile(`remote error: tls: ([a-z0-9 ]+)`)

// causeLogger is the cluster's gocql Logger: it writes to stderr and keeps the causes gocql logs
// and does not return. A session whose pool made no connection fails with "no connections were made
// when creating the session" (gocql.ErrNoConnectionsStarted); why is only in the log ("failed to
// connect to <host> due to error: <cause>"). Those causes are reported as `causes`.
type causeLogger struct {
	mu     sync.Mutex
	out    *log.Logger
	causes []string
}

var causeRe = regexp.MustCompile(`due to error: (.*)$`)

func (l *causeLogger) keep(line string) {
	l.out.Print(line)
	if m := causeRe.FindStringSubmatch(strings.TrimSpace(line)); m != nil {
		l.mu.Lock()
		l.causes = append(l.causes, m[1])
		l.mu.Unlock()
	}
}

func (l *causeLogger) seen() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.causes...)
}
func (l *causeLogger) Print(v ...interface{})                 { l.keep(fmt.Sprint(v...)) }
func (l *causeLogger) Printf(format string, v ...interface{}) { l.keep(fmt.Sprintf(format, v...)) }
func (l *causeLogger) Println(v ...interface{})               { l.keep(fmt.Sprintln(v...)) }

// errorFact: the error as gocql returned it. gocql formats the causes of a failed session with %v
// ("gocql: unable to create session: …: x509: …"), so the class is the outermost Go type that carries
// them and the message is the whole text; a server error keeps its CQL code.
func errorFact(err error) map[string]any {
	fact := textFact(err.Error())
	inner := err
	for {
		u := errors.Unwrap(inner)
		if u == nil {
			break
		}
		inner = u
	}
	fact["class"] = fmt.Sprintf("%T", inner)
	var re gocql.RequestError
	var alert tls.AlertError
	switch {
	case errors.As(err, &re):
		fact["code"] = fmt.Sprintf("0x%04X", re.Code())
	case errors.As(err, &alert):
		fact["code"] = "alert: " + alert.Error()
	}
	return fact
}

// textFact: an error known by its text only (a cause gocql logged): the TLS alert it names, if any.
func textFact(msg string) map[string]any {
	var code any
	if m := alertRe.FindStringSubmatch(msg); m != nil {
		code = "alert: " + m[1]
	}
	if len(msg) > 2000 {
		msg = msg[:2000]
	}
	return map[string]any{"class": "gocql log", "code": code, "message": msg}
}

func stageOf(fact map[string]any) string {
	m, _ := fact["message"].(string)
	switch {
	case fact["code"] == "0x0100" || strings.Contains(m, "authentication required") || strings.Contains(m, "unexpected authenticator"):
		return "authentication"
	case strings.Contains(m, "tls:") || strings.Contains(m, "x509:"):
		return "tls"
	case fact["class"] == "main.connectTimeout":
		return "connect"
	}
	return "unknown"
}

func connect(req *request) (response, error) {
	if len(req.Addresses) == 0 {
		return nil, errors.New("connect without addresses")
	}
	if req.Options["saslAuthProvider"] == true {
		return nil, unsupported{"gocql has no generic SASL auth provider (SaslAuthProvider is a Python driver class)"}
	}
	if req.Options["legacySslOptions"] == true {
		return nil, unsupported{"the pre-3.17 ssl_options dict form is a Python driver setting"}
	}
	host, portText, err := net.SplitHostPort(req.Addresses[0])
	if err != nil {
		return nil, err
	}
	port, err := strconv.Atoi(portText)
	if err != nil {
		return nil, err
	}
	cluster := gocql.NewCluster(host)
	cluster.Port = port
	cl := &causeLogger{out: log.New(os.Stderr, "gocql: ", log.LstdFlags|log.Lmicroseconds)}
	cluster.Logger = cl
	lastCauses = nil
	cluster.NumConns = 1
	var connectMs, opMs *int
	if req.Timeouts != nil {
		connectMs, opMs = req.Timeouts.ConnectMs, req.Timeouts.OperationMs
	}
	cluster.ConnectTimeout = ms(connectMs, 10000)
	cluster.Timeout = ms(opMs, 10000)
	// One attempt: the suite judges the first answer, it does not wait for reconnections.
	// (gocql counts MaxRetries as attempts: the pool connects MaxRetries times, 0 adds no connection.)
	cluster.ReconnectionPolicy = &gocql.ConstantReconnectionPolicy{MaxRetries: 1, Interval: time.Second}
	cluster.ReconnectInterval = 0
	if c := req.Credentials; c != nil {
		if c.Kind != "username-password" {
			return nil, unsupported{"credentials kind " + c.Kind}
		}
		cluster.Authenticator = gocql.PasswordAuthenticator{Username: c.Username, Password: c.Password}
	}
	st := &session{}
	if req.TLS != nil {
		o, err := sslOptions(req.TLS, &st.negotiated)
		if err != nil {
			return nil, err
		}
		cluster.SslOpts = o
	}
	started := time.Now()
	// gocql 1.7.0's ConnectTimeout bounds the TCP dial and each setup query, not the TLS handshake
	// (dial.go WrapTLS: HandshakeContext with the caller's context, which has no deadline): a server
	// that accepts TCP and never answers would hang CreateSession. The adapter bounds it itself.
	type created struct {
		s   *gocql.Session
		err error
	}
	done := make(chan created, 1)
	go func() {
		s, err := cluster.CreateSession()
		done <- created{s, err}
	}()
	var s *gocql.Session
	bound := cluster.ConnectTimeout + connectSlack
	select {
	case c := <-done:
		s, err = c.s, c.err
	case <-time.After(bound):
		go func() {
			if c := <-done; c.s != nil {
				c.s.Close()
			}
		}()
		err = connectTimeout{fmt.Sprintf("gocql CreateSession did not return within %d ms (connectMs + %d ms); abandoned", bound.Milliseconds(), connectSlack.Milliseconds())}
	}
	if err != nil {
		lastCauses = cl.seen()
		return nil, err
	}
	logger.Printf("connected in %.2f s", time.Since(started).Seconds())
	st.s = s
	sessions[req.Session] = st
	resp := response{"type": "connected", "session": req.Session, "negotiated": nil}
	if st.negotiated != nil {
		resp["negotiated"] = map[string]any{
			"protocol": strings.Replace(tls.VersionName(st.negotiated.Version), "TLS 1", "TLSv1", 1),
			"cipher":   tls.CipherSuiteName(st.negotiated.CipherSuite),
		}
	}
	return resp, nil
}

func run(req *request) response {
	if req.Op != "cql.execute" {
		return response{"type": "unsupported", "reason": "op " + req.Op}
	}
	st := sessions[req.Session]
	if req.Args == nil {
		return response{"type": "protocol-error", "message": "cql.execute without args"}
	}
	if req.Args.Keyspace != nil && *req.Args.Keyspace != "" {
		return response{"type": "unsupported", "reason": "gocql sets the keyspace per session (ClusterConfig.Keyspace) and refuses USE statements"}
	}
	var opMs *int
	if req.Timeouts != nil {
		opMs = req.Timeouts.OperationMs
	}
	ctx, cancel := context.WithTimeout(context.Background(), ms(opMs, 10000))
	defer cancel()
	iter := st.s.Query(req.Args.Statement).WithContext(ctx).Iter()
	rows, err := iter.SliceMap()
	if err == nil {
		err = iter.Close()
	} else {
		_ = iter.Close()
	}
	if err != nil {
		return response{"type": "error", "error": errorFact(err)}
	}
	value := map[string]any{"rows": len(rows)}
	if len(rows) > 0 {
		first := map[string]any{}
		for k, v := range rows[0] {
			if v == nil {
				first[k] = nil
			} else {
				first[k] = fmt.Sprint(v)
			}
		}
		value["first"] = first
	}
	return response{"type": "result", "value": value}
}

func clientVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == gocqlModule {
				if d.Replace != nil {
					d = d.Replace
				}
				return strings.TrimPrefix(d.Version, "v")
			}
		}
	}
	return "unknown"
}

func handle(req *request) response {
	switch req.Type {
	case "hello":
		if req.Protocol != protocolVersion {
			return response{"type": "protocol-error", "message": fmt.Sprintf("speaks protocol %d only", protocolVersion)}
		}
		return response{
			"type": "hello", "protocol": protocolVersion,
			"client":       map[string]any{"name": "cassandra-go", "version": clientVersion(), "language": "go"},
			"adapter":      map[string]any{"version": adapterVersion},
			"capabilities": capabilities,
		}
	case "connect":
		resp, err := connect(req)
		if err != nil {
			var u unsupported
			if errors.As(err, &u) {
				return response{"type": "unsupported", "reason": u.reason}
			}
			fact := errorFact(err)
			logger.Printf("connect failed: %s: %s", fact["class"], fact["message"])
			resp := response{"type": "failed", "stage": stageOf(fact), "error": fact}
			if len(lastCauses) > 0 {
				causes := []any{}
				for _, c := range lastCauses {
					cf := textFact(c)
					causes = append(causes, cf)
					if resp["stage"] == "unknown" {
						resp["stage"] = stageOf(cf)
					}
				}
				resp["causes"] = causes
			}
			return resp
		}
		return resp
	case "run":
		if sessions[req.Session] == nil {
			return response{"type": "protocol-error", "message": "no open session " + req.Session}
		}
		return run(req)
	case "close":
		if st := sessions[req.Session]; st != nil {
			st.s.Close()
			delete(sessions, req.Session)
		}
		return response{"type": "closed", "session": req.Session}
	case "bye":
		return response{"type": "bye"}
	}
	return response{"type": "protocol-error", "message": "unknown request type " + req.Type}
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 16<<20)
	out := bufio.NewWriter(os.Stdout)
	write := func(id json.RawMessage, r response) {
		if len(id) == 0 {
			id = json.RawMessage("null")
		}
		r["id"] = id
		b, err := json.Marshal(r)
		if err != nil {
			b, _ = json.Marshal(map[string]any{"id": id, "type": "protocol-error", "message": "adapter error: " + err.Error()})
		}
		out.Write(append(b, '\n'))
		out.Flush()
	}
	for in.Scan() {
		line := strings.TrimSpace(in.Text())
		if line == "" {
			continue
		}
		var req request
		if err := json.Unmarshal([]byte(line), &req); err != nil {
			write(nil, response{"type": "protocol-error", "message": "unparsable request: " + err.Error()})
			continue
		}
		resp := func() (r response) {
			defer func() {
				if p := recover(); p != nil {
					logger.Printf("panic: %v\n%s", p, debug.Stack())
					r = response{"type": "protocol-error", "message": fmt.Sprintf("adapter error: %v", p)}
				}
			}()
			return handle(&req)
		}()
		write(req.ID, resp)
		if req.Type == "bye" {
			break
		}
	}
	for _, st := range sessions {
		st.s.Close()
	}
}
