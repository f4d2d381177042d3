package tds

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	mssql "github.com/microsoft/go-mssqldb"

	"pcsh/modules/lab/sqltype"
)

// recordingConn keeps a copy of everything the client sent.
type recordingConn struct {
	net.Conn
	mu  sync.Mutex
	buf bytes.Buffer
}

func (r *recordingConn) Read(b []byte) (int, error) {
	n, err := r.Conn.Read(b)
	r.mu.Lock()
	r.buf.Write(b[:n])
	r.mu.Unlock()
	return n, err
}

func (r *recordingConn) bytes() []byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]byte(nil), r.buf.Bytes()...)
}

// recordingDialer serves each connection through a recordingConn.
type recordingDialer struct {
	srv  *Server
	conn *recordingConn
}

func (d *recordingDialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	client, server := net.Pipe()
	d.conn = &recordingConn{Conn: server}
	go d.srv.ServeConn(context.Background(), d.conn)
	return client, nil
}

// captureClientBytes runs a short go-mssqldb session in plaintext and
// returns the bytes the client sent.
func captureClientBytes(t testing.TB) []byte {
	return captureSession(t, func(db *sql.DB) error {
		var n int
		if err := db.QueryRow("select 1").Scan(&n); err != nil {
			return err
		}
		var out int64 = 1
		_, err := db.Exec("select echo", 5, "x", testTime, sql.Named("o", sql.Out{Dest: &out}))
		return err
	})
}

// offsetTime is a time.Time at a negative, non-whole-hour offset: the
// offset's sign and minutes both reach the wire.
var offsetTime = time.Date(2024, 2, 29, 13, 14, 15, 123456700, time.FixedZone("", -(5*60+30)*60))

// captureOffsetRPC returns the RPC go-mssqldb sends for a query with one
// time.Time parameter: datetimeoffset(7).
func captureOffsetRPC(t testing.TB) []byte {
	raw := captureSession(t, func(db *sql.DB) error {
		_, err := db.Exec("select echo", offsetTime)
		return err
	})
	return clientMessages(t, raw)[packetRPC]
}

// captureSession runs run against a fake server over a recorded pipe and
// returns the bytes the client sent.
func captureSession(t testing.TB, run func(*sql.DB) error) []byte {
	srv := NewServer(Config{}, newFake())
	defer srv.Close()
	c, err := mssql.NewConnector("server=127.0.0.1;user id=sa;password=pw;encrypt=disable;database=db1;app name=seed;workstation id=seedhost")
	if err != nil {
		t.Fatal(err)
	}
	d := &recordingDialer{srv: srv}
	c.Dialer = d
	db := sql.OpenDB(c)
	defer db.Close()
	if err := run(db); err != nil {
		t.Fatal(err)
	}
	db.Close()
	return scrubClientID(t, d.conn.bytes())
}

// scrubClientID zeroes the MAC address go-mssqldb puts in LOGIN7.
func scrubClientID(t testing.TB, raw []byte) []byte {
	login := clientMessages(t, raw)[packetLogin7]
	if i := bytes.Index(raw, login[:72]); i >= 0 {
		clear(raw[i+72 : i+78])
	}
	return raw
}

// clientMessages splits captured bytes into messages by type.
func clientMessages(t testing.TB, raw []byte) map[byte][]byte {
	msgs := map[byte][]byte{}
	pr := packetReader{r: bytes.NewReader(raw)}
	for {
		m, err := pr.readMessage()
		if err != nil {
			return msgs
		}
		if _, seen := msgs[m.typ]; !seen {
			msgs[m.typ] = m.payload
		}
	}
}

// TestCaptureSeeds rewrites the fuzz seed corpora from a live go-mssqldb
// session when TDS_UPDATE_SEEDS is set; otherwise it checks that the
// captured messages decode.
func TestCaptureSeeds(t *testing.T) {
	raw := captureClientBytes(t)
	msgs := clientMessages(t, raw)
	seeds := map[string][]byte{
		"FuzzPacketReader/go-mssqldb-1.11.2":       raw,
		"FuzzPrelogin/go-mssqldb-1.11.2":           msgs[packetPrelogin],
		"FuzzLogin7/go-mssqldb-1.11.2":             msgs[packetLogin7],
		"FuzzRPC/go-mssqldb-1.11.2":                msgs[packetRPC],
		"FuzzRPC/go-mssqldb-1.11.2-datetimeoffset": captureOffsetRPC(t),
		"FuzzBatch/go-mssqldb-1.11.2":              msgs[packetSQLBatch],
	}
	if _, err := decodeLogin7(seeds["FuzzLogin7/go-mssqldb-1.11.2"]); err != nil {
		t.Fatalf("captured LOGIN7: %v", err)
	}
	if _, err := decodeRPC(seeds["FuzzRPC/go-mssqldb-1.11.2"]); err != nil {
		t.Fatalf("captured RPC: %v", err)
	}
	if os.Getenv("TDS_UPDATE_SEEDS") == "" {
		return
	}
	for name, b := range seeds {
		path := filepath.Join("testdata", "fuzz", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		body := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", b)
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCapturedOffsetParameter decodes go-mssqldb's time.Time parameter:
// datetimeoffset(7) with the instant and the offset.
func TestCapturedOffsetParameter(t *testing.T) {
	c, err := decodeRPC(captureOffsetRPC(t))
	if err != nil {
		t.Fatal(err)
	}
	p := c.params[len(c.params)-1]
	got, ok := p.Value.(time.Time)
	if p.Type != sqltype.TypeDateTimeOffset || c.types[len(c.types)-1].scale != 7 || !ok {
		t.Fatalf("parameter %+v, want datetimeoffset(7)", p)
	}
	_, off := got.Zone()
	if !got.Equal(offsetTime) || off != -(5*60+30)*60 {
		t.Errorf("value %v, want %v", got, offsetTime)
	}
}
