package engine

// Mirroring roles (sys.database_mirroring.mirroring_role).
const (
	MirrorRolePrincipal uint8 = 1
	MirrorRoleMirror    uint8 = 2
)

// Mirroring is a database's mirroring session state, as the columns of
// sys.database_mirroring show it. The engine only stores it; a mirroring
// module sets it through Instance.SetMirroring.
type Mirroring struct {
	GUID              [16]byte
	State             uint8 // 0 SUSPENDED … 6, see MirroringStateDesc
	Role              uint8 // 1 PRINCIPAL, 2 MIRROR
	RoleSequence      int32
	SafetyLevel       uint8 // 0 UNKNOWN, 1 OFF, 2 FULL
	SafetySequence    int32
	PartnerName       string // TCP://host:port
	PartnerInstance   string // server\instance
	WitnessName       string
	WitnessState      uint8 // 0 UNKNOWN, 1 CONNECTED, 2 DISCONNECTED
	FailoverLSN       LSN
	ConnectionTimeout int32 // seconds, default 10
	RedoQueueMB       int32 // 0 with RedoQueueUnlimited
	RedoQueueLimited  bool
	EndOfLogLSN       LSN
	ReplicationLSN    LSN
}

// MirroringStateDesc returns mirroring_state_desc for a state number.
func MirroringStateDesc(state uint8) string {
	switch state {
	case 0:
		return "SUSPENDED"
	case 1:
		return "DISCONNECTED"
	case 2:
		return "SYNCHRONIZING"
	case 3:
		return "PENDING_FAILOVER"
	case 4:
		return "SYNCHRONIZED"
	case 5:
		return "UNSYNCHRONIZED"
	}
	return "SYNCHRONIZED"
}

// roleDesc returns mirroring_role_desc.
func (m *Mirroring) roleDesc() string {
	if m.Role == MirrorRoleMirror {
		return "MIRROR"
	}
	return "PRINCIPAL"
}

// safetyDesc returns mirroring_safety_level_desc.
func (m *Mirroring) safetyDesc() string {
	return [...]string{"UNKNOWN", "OFF", "FULL"}[m.SafetyLevel%3]
}

// witnessDesc returns mirroring_witness_state_desc.
func (m *Mirroring) witnessDesc() string {
	return [...]string{"UNKNOWN", "CONNECTED", "DISCONNECTED"}[m.WitnessState%3]
}
