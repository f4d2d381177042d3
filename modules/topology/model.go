package topology

// Topology is a loaded and resolved topology document.
type Topology struct {
	Path        string       `json:"-"`
	Sites       []*Site      `json:"sites"`
	ChatPools   []*ChatPool  `json:"chatPools"`
	SqlStores   []*SqlStore  `json:"sqlStores"`
	LogShipping *LogShipping `json:"logShipping,omitempty"`
	Schedules   Schedules    `json:"schedules"`
	Thresholds  Thresholds   `json:"thresholds"`
}

// Site is a physical data center with its Front End pool, the next hop of
// the Persistent Chat pools homed there.
type Site struct {
	Name       string   `json:"name"`
	FrontEnd   string   `json:"frontEnd"`
	TimeZone   string   `json:"timeZone,omitempty"`
	LowLatency []string `json:"lowLatency,omitempty"` // sites reached over a low latency, high bandwidth link
}

// ChatPool is a Persistent Chat pool, possibly stretched over two sites.
type ChatPool struct {
	FQDN             string        `json:"fqdn"`
	Port             int           `json:"port"`
	NextHop          string        `json:"nextHop"`
	DefaultFor       []string      `json:"defaultFor,omitempty"`
	DefaultForAll    bool          `json:"defaultForAllSites"`
	SingleComputer   bool          `json:"singleComputer"`
	DisasterRecovery bool          `json:"disasterRecovery"`
	Compliance       bool          `json:"compliance"`
	FileStore        string        `json:"fileStore"`
	State            string        `json:"state"` // deprecated: Normal without one; PoolStates reads the store of record
	StateDeclared    bool          `json:"-"`     // the document has a `state`
	Servers          []*ChatServer `json:"servers"`
	Stores           StoreSet      `json:"stores"`
	ComplianceStores *StoreSet     `json:"complianceStores,omitempty"`
}

// ChatServer is one computer of a Persistent Chat pool.
type ChatServer struct {
	Pool   string `json:"-"` // the pool's FQDN, filled in when loading
	FQDN   string `json:"fqdn"`
	Site   string `json:"site"`
	Active bool   `json:"active"`
}

// StoreSet names the SQL stores of one database (mgc or mgccomp) by role;
// each value is the name of an entry in Topology.SqlStores.
type StoreSet struct {
	Primary       string `json:"primary"`
	Mirror        string `json:"mirror,omitempty"`
	Witness       string `json:"witness,omitempty"`
	Backup        string `json:"backup,omitempty"`
	BackupMirror  string `json:"backupMirror,omitempty"`
	BackupWitness string `json:"backupWitness,omitempty"`
}

// SqlStore is one SQL Server instance known by its topology name.
type SqlStore struct {
	Name          string `json:"name"`
	Host          string `json:"host"`
	Instance      string `json:"instance,omitempty"` // "" is the default instance
	Site          string `json:"site"`
	Version       string `json:"version"`
	Edition       string `json:"edition"`
	Bits          int    `json:"bits"`
	MirroringPort int    `json:"mirroringPort"`
	Domain        string `json:"domain"`
	AlwaysOn      bool   `json:"alwaysOn"`
}

// LogShipping holds the log shipping share and directories.
type LogShipping struct {
	Share           string `json:"share"`
	BackupDirectory string `json:"backupDirectory,omitempty"`
	CopyDirectory   string `json:"copyDirectory"`
}

// Schedules are the log shipping job intervals and file retention, in
// minutes.
type Schedules struct {
	BackupMinutes       int `json:"backupMinutes"`
	CopyMinutes         int `json:"copyMinutes"`
	RestoreMinutes      int `json:"restoreMinutes"`
	RestoreDelayMinutes int `json:"restoreDelayMinutes"`
	RetentionMinutes    int `json:"retentionMinutes"`
}

// Thresholds are the log shipping alert thresholds, in minutes.
type Thresholds struct {
	BackupAlertMinutes  int `json:"backupAlertMinutes"`
	RestoreAlertMinutes int `json:"restoreAlertMinutes"`
}

// The pool states, as Set-CsPersistentChatState names them.
const (
	StateNormal     = "Normal"
	StateFailedOver = "FailedOver"
)

// Address returns the SQL Server address: host, or host\instance.
func (s *SqlStore) Address() string {
	if s.Instance == "" {
		return s.Host
	}
	return s.Host + `\` + s.Instance
}

// Site returns the site with this name, or nil.
func (t *Topology) Site(name string) *Site {
	for _, s := range t.Sites {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// Store returns the SQL store with this topology name, or nil.
func (t *Topology) Store(name string) *SqlStore {
	for _, s := range t.SqlStores {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// Pool returns the Persistent Chat pool with this FQDN (any case), or nil.
func (t *Topology) Pool(fqdn string) *ChatPool {
	for _, p := range t.ChatPools {
		if equalFold(p.FQDN, fqdn) {
			return p
		}
	}
	return nil
}

// SiteOfFrontEnd returns the site whose Front End pool is fqdn, or nil.
func (t *Topology) SiteOfFrontEnd(fqdn string) *Site {
	for _, s := range t.Sites {
		if equalFold(s.FrontEnd, fqdn) {
			return s
		}
	}
	return nil
}

// Server returns the pool's server with this FQDN (any case), or nil.
func (p *ChatPool) Server(fqdn string) *ChatServer {
	for _, s := range p.Servers {
		if equalFold(s.FQDN, fqdn) {
			return s
		}
	}
	return nil
}

// ActiveServers returns the FQDNs of the servers marked active.
func (p *ChatPool) ActiveServers() []string {
	var out []string
	for _, s := range p.Servers {
		if s.Active {
			out = append(out, s.FQDN)
		}
	}
	return out
}

// DatabaseStore returns the topology name of the store whose mgc the pool
// uses in state: the primary when Normal, the backup when FailedOver.
func (p *ChatPool) DatabaseStore(state string) string {
	if state == StateFailedOver {
		return p.Stores.Backup
	}
	return p.Stores.Primary
}

// Connected reports whether a server in site from may serve a database in
// site to: the same site, or one linked with low latency and high
// bandwidth (declared on either side).
func (t *Topology) Connected(from, to string) bool {
	if from == to {
		return true
	}
	return t.linked(from, to) || t.linked(to, from)
}

func (t *Topology) linked(a, b string) bool {
	s := t.Site(a)
	if s == nil {
		return false
	}
	for _, n := range s.LowLatency {
		if n == b {
			return true
		}
	}
	return false
}
