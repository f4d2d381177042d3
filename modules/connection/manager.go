package connection

import (
	"database/sql"
	"errors"
	"runtime"
	"sync"
	"time"

	mssql "github.com/microsoft/go-mssqldb"
	"github.com/microsoft/go-mssqldb/msdsn"

	"pcsh/runtime/cmdlet"
)

// stateKey is the session's Manager.
var stateKey = cmdlet.NewStateKey[*Manager]("connection")

// Defaults for the connection policy.
const (
	DefaultConnectTimeout = 15 * time.Second
	DefaultCommandTimeout = 30 * time.Second
	maxOpenPerPool        = 8
	maxIdlePerPool        = 2
	poolIdleTime          = 5 * time.Minute
)

// Manager is the module's per-session state: the resolvers, the injected
// outside world, the connection pools and the credentials prompted for.
// Every SQL-level module reaches it through For(session).
type Manager struct {
	Getenv         func(string) string
	FS             FS
	Dialer         mssql.Dialer // nil: the network
	Clock          Clock
	Retry          RetryPolicy
	CheckFileMode  bool // refuse group/world-readable credential files (off on Windows)
	ConnectTimeout time.Duration
	// CancelGrace is how long a statement past its command timeout may
	// wait for the server to acknowledge the cancel before its connection
	// is closed (DefaultCancelGrace).
	CancelGrace time.Duration
	// BrowserWait is the wait for each SQL Server Browser request that
	// resolves a named instance's port; 0: DefaultBrowserWait.
	BrowserWait time.Duration
	Secrets     *cmdlet.Secrets
	// LabFile names a lab.json explicitly, ahead of PCSH_LAB_FILE; with
	// neither no lab file is read.
	LabFile string

	mu        sync.Mutex
	resolvers Resolvers
	pools     map[string]*sql.DB
	prompted  map[string]Credential
	onPartner map[string]bool // instances last reached through their partner
	sockets   sockets         // the pools' sockets, by driver connection
}

// NewManager returns a manager over the session's environment and secrets,
// the real file system, network and clock.
func NewManager(s *cmdlet.Session) *Manager {
	return &Manager{Getenv: s.Getenv, FS: OSFS{}, Clock: RealClock{}, Retry: DefaultRetry(),
		CheckFileMode: runtime.GOOS != "windows", ConnectTimeout: DefaultConnectTimeout, CancelGrace: DefaultCancelGrace, Secrets: s.Secrets}
}

// For returns the session's manager, creating it on first use.
func For(s *cmdlet.Session) *Manager {
	return stateKey.Load(s, func() *Manager { return NewManager(s) })
}

// Install makes m the session's manager (tests inject fakes this way).
func Install(s *cmdlet.Session, m *Manager) { stateKey.Set(s, m) }

// AddResolver puts r ahead of the resolvers already known and of the lab
// file: the topology module calls it when a topology is loaded.
func (m *Manager) AddResolver(r Resolver) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.resolvers = append(Resolvers{r}, m.resolvers...)
}

// allResolvers is the added resolvers, then the lab file when one was
// asked for (LabFile or PCSH_LAB_FILE).
func (m *Manager) allResolvers() Resolvers {
	m.mu.Lock()
	defer m.mu.Unlock()
	rs := append(Resolvers{}, m.resolvers...)
	if path := m.labFile(); path != "" {
		rs = append(rs, LabResolver{FS: m.FS, Path: path})
	}
	return rs
}

// labFile is the lab file asked for, or "".
func (m *Manager) labFile() string {
	if m.LabFile != "" {
		return m.LabFile
	}
	return m.Getenv(LabFileEnv)
}

// pool returns the database/sql pool for one DSN, opening it on first use.
// Pools are keyed by the full DSN (held only in memory), so two logins or
// two databases on one instance get two pools.
func (m *Manager) pool(dsn string) (*sql.DB, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if db, ok := m.pools[dsn]; ok {
		return db, nil
	}
	cfg, err := msdsn.Parse(dsn)
	if err != nil {
		return nil, err
	}
	c := mssql.NewConnectorConfig(cfg)
	c.Dialer = watchDialer(m.Dialer, cfg.KeepAlive, &m.sockets)
	db := sql.OpenDB(c)
	db.SetMaxOpenConns(maxOpenPerPool)
	db.SetMaxIdleConns(maxIdlePerPool)
	db.SetConnMaxIdleTime(poolIdleTime)
	if m.pools == nil {
		m.pools = map[string]*sql.DB{}
	}
	m.pools[dsn] = db
	return db, nil
}

// PoolCount returns how many pools are open.
func (m *Manager) PoolCount() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.pools)
}

// Close closes every pool. The host should call it when the session ends
// (see the package documentation on the close hook); a REPL user can call
// it through Clear-PcSqlConnectionPool.
func (m *Manager) Close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	var errs []error
	for k, db := range m.pools {
		errs = append(errs, db.Close())
		delete(m.pools, k)
	}
	return errors.Join(errs...)
}

func (m *Manager) setOnPartner(t *Target, on bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.onPartner == nil {
		m.onPartner = map[string]bool{}
	}
	m.onPartner[t.String()] = on
}

func (m *Manager) isOnPartner(t *Target) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.onPartner[t.String()]
}

// socketOf returns the socket under sc: the one its connect just opened
// (remembered for the next time the pool hands it out), or the one
// remembered for it; nil when it is not known.
func (m *Manager) socketOf(sc *sql.Conn, slot *dialSlot) *socket {
	var s *socket
	_ = sc.Raw(func(dc any) error {
		if opened := slot.last(); opened != nil {
			m.sockets.bind(dc, opened)
		}
		s = m.sockets.of(dc)
		return nil
	})
	return s
}
