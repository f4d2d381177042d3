package exec

import (
	"context"
	"pcsh/modules/lab/agent"
	"pcsh/modules/lab/mirror"
	"pcsh/modules/lab/principals"
	"time"

	"pcsh/modules/connection/labpassword"
	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/tds"
)

// Config configures a Handler. Zero fields take defaults.
type Config struct {
	// Password is the password of the sa login; "" means the lab's
	// documented default (labpassword.Default).
	Password string
	// Now is the clock of GETDATE() and friends; nil means time.Now.
	Now func() time.Time
	// Version describes the emulated product; the zero value means
	// DefaultVersion().
	Version Version
	// Procedures are the SQL Server Agent and log shipping procedures
	// (logship.Procedures()); nil means none.
	Procedures map[string]*agent.Procedure
	// Agent is the instance's SQL Server Agent those procedures use.
	Agent *agent.Agent
	// Mirror is the instance's database mirroring server (endpoints,
	// partners, witness); nil answers those statements as unsupported.
	Mirror *mirror.Server
	// Principals is the instance's logins and server permissions
	// (principals.Open); nil answers CREATE/DROP LOGIN, GRANT and REVOKE
	// as unsupported.
	Principals *principals.Store
}

// Handler serves TDS sessions over one engine instance.
type Handler struct {
	inst   *engine.Instance
	cfg    Config
	funcs  map[string]builtin  // read-only after New
	procs  map[string]procFunc // read-only after New
	parsed *parseCache
}

// New returns a Handler executing statements against inst.
func New(inst *engine.Instance, cfg Config) *Handler {
	if cfg.Password == "" {
		cfg.Password = labpassword.Default
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Version.Major == 0 {
		cfg.Version = DefaultVersion()
	}
	return &Handler{inst: inst, cfg: cfg, funcs: builtins(), procs: procedures(), parsed: &parseCache{}}
}

// Instance returns the engine instance the handler executes against.
func (h *Handler) Instance() *engine.Instance { return h.inst }

// TDSVersion returns the product version to announce in LOGINACK
// (tds.Config.Version).
func (h *Handler) TDSVersion() uint32 { return h.cfg.Version.loginAck() }

// Login authenticates a LOGIN7 request and opens an engine session.
func (h *Handler) Login(ctx context.Context, info tds.LoginInfo) (tds.Session, error) {
	es, err := h.connect(info)
	if err != nil {
		return nil, err
	}
	return newSession(h, es, info), nil
}

var _ tds.Handler = (*Handler)(nil)
