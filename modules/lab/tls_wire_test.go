package lab

import (
	"bytes"
	"database/sql"
	"net"
	"net/url"
	"sync"
	"testing"
	"unicode/utf16"

	_ "github.com/microsoft/go-mssqldb"

	"pcsh/modules/lab/labtest"
)

// The markers the TLS wire tests look for: the query text's marker, which
// only the client sends, and the result of the second query, which only
// the server sends (UPPER of a lower-case literal).
const (
	wireMarker      = "plaintext-marker-42"
	wireResultInput = "distinctive-result-value-7"
	wireResult      = "DISTINCTIVE-RESULT-VALUE-7"
)

// wireTap is a TCP proxy in front of a lab instance that records every
// byte it forwards in either direction.
type wireTap struct {
	l    net.Listener
	mu   sync.Mutex
	seen bytes.Buffer
	wg   sync.WaitGroup
}

// startWireTap listens on 127.0.0.1 and forwards each connection to
// target; it stops at test end.
func startWireTap(t *testing.T, target string) *wireTap {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skipf("cannot listen: %v", err)
	}
	w := &wireTap{l: l}
	go w.accept(target)
	t.Cleanup(func() { l.Close(); w.wg.Wait() })
	return w
}

func (w *wireTap) accept(target string) {
	for {
		c, err := w.l.Accept()
		if err != nil {
			return
		}
		s, err := net.Dial("tcp", target)
		if err != nil {
			c.Close()
			continue
		}
		w.wg.Add(2)
		go w.pipe(s, c)
		go w.pipe(c, s)
	}
}

// pipe copies src to dst, recording each chunk before forwarding it, and
// closes both ends when src ends.
func (w *wireTap) pipe(dst, src net.Conn) {
	defer w.wg.Done()
	defer dst.Close()
	defer src.Close()
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			w.mu.Lock()
			w.seen.Write(buf[:n])
			w.mu.Unlock()
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// bytes returns a copy of everything recorded so far.
func (w *wireTap) bytes() []byte {
	w.mu.Lock()
	defer w.mu.Unlock()
	return bytes.Clone(w.seen.Bytes())
}

// utf16le encodes s as TDS carries strings.
func utf16le(s string) []byte {
	var b []byte
	for _, r := range utf16.Encode([]rune(s)) {
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

// obfuscatedPassword is s as LOGIN7 carries the password: UTF-16LE with
// each byte's nibbles swapped and then XORed with 0xA5.
func obfuscatedPassword(s string) []byte {
	b := utf16le(s)
	for i, c := range b {
		b[i] = (c<<4 | c>>4) ^ 0xA5
	}
	return b
}

// wireSession connects through a fresh tap in front of inst with the
// given encrypt setting, runs the marker query and the UPPER query, and
// returns every byte that crossed the wire.
func wireSession(t *testing.T, inst *labtest.Instance, encrypt string) []byte {
	t.Helper()
	tap := startWireTap(t, inst.Addr)
	q := url.Values{"database": {"master"}, "encrypt": {encrypt}}
	if encrypt != "disable" {
		q.Set("TrustServerCertificate", "true")
	}
	u := url.URL{Scheme: "sqlserver", User: url.UserPassword("sa", labtest.Password), Host: tap.l.Addr().String(), RawQuery: q.Encode()}
	db, err := sql.Open("sqlserver", u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var m, v string
	if err := db.QueryRow("SELECT N'" + wireMarker + "' AS m").Scan(&m); err != nil || m != wireMarker {
		t.Fatalf("encrypt=%s: marker query: %v %q", encrypt, err, m)
	}
	if err := db.QueryRow("SELECT UPPER(N'" + wireResultInput + "') AS v").Scan(&v); err != nil || v != wireResult {
		t.Fatalf("encrypt=%s: result query: %v %q", encrypt, err, v)
	}
	db.Close()
	return tap.bytes()
}

// wireForms are the ways a string may appear on the wire, by name.
func wireForms(s string) map[string][]byte {
	return map[string][]byte{"UTF-16LE": utf16le(s), "ASCII": []byte(s)}
}

// TestTLSSessionIsEncryptedOnTheWire proves that with encrypt=true the
// whole session is TLS-encrypted: a proxy recording both directions sees
// neither the query text, nor a result value, nor the sa password (plain
// or in LOGIN7's obfuscated form). With encrypt=disable the same proxy
// sees the query text and the result, so the check can fail; with
// encrypt=false (login-only encryption) the password stays hidden while
// the queries and results travel in plaintext.
func TestTLSSessionIsEncryptedOnTheWire(t *testing.T) {
	inst := labtest.Start(t, "tls-wire")
	pw := labtest.Password
	secrets := map[string][]byte{
		"password UTF-16LE":   utf16le(pw),
		"password ASCII":      []byte(pw),
		"password obfuscated": obfuscatedPassword(pw),
	}
	for form, b := range wireForms(wireMarker) {
		secrets["marker "+form] = b
	}
	for form, b := range wireForms(wireResult) {
		secrets["result "+form] = b
	}

	t.Run("encrypt=true", func(t *testing.T) {
		raw := wireSession(t, inst, "true")
		if len(raw) == 0 {
			t.Fatal("the proxy recorded nothing")
		}
		for name, b := range secrets {
			if bytes.Contains(raw, b) {
				t.Errorf("%s visible on the wire with encrypt=true", name)
			}
		}
	})

	t.Run("encrypt=disable", func(t *testing.T) {
		raw := wireSession(t, inst, "disable")
		for _, name := range []string{"marker UTF-16LE", "result UTF-16LE", "password obfuscated"} {
			if !bytes.Contains(raw, secrets[name]) {
				t.Errorf("%s not visible on the wire with encrypt=disable", name)
			}
		}
	})

	t.Run("encrypt=false", func(t *testing.T) {
		raw := wireSession(t, inst, "false")
		for _, name := range []string{"password UTF-16LE", "password ASCII", "password obfuscated"} {
			if bytes.Contains(raw, secrets[name]) {
				t.Errorf("%s visible on the wire with login-only encryption", name)
			}
		}
		for _, name := range []string{"marker UTF-16LE", "result UTF-16LE"} {
			if !bytes.Contains(raw, secrets[name]) {
				t.Errorf("%s not visible on the wire with login-only encryption", name)
			}
		}
	})
}
