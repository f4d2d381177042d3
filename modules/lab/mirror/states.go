package mirror

// The mirroring_state values of sys.database_mirroring (Mirroring States,
// sys.database_mirroring).
const (
	StateSuspended       uint8 = 0
	StateDisconnected    uint8 = 1
	StateSynchronizing   uint8 = 2
	StatePendingFailover uint8 = 3
	StateSynchronized    uint8 = 4
)

// The mirroring_safety_level values.
const (
	SafetyUnknown uint8 = 0
	SafetyOff     uint8 = 1
	SafetyFull    uint8 = 2
)

// The mirroring_witness_state values.
const (
	WitnessUnknown      uint8 = 0
	WitnessConnected    uint8 = 1
	WitnessDisconnected uint8 = 2
)

// The partner_sync_state values of sys.database_mirroring_witnesses.
const (
	PartnerSynchronized   uint8 = 5
	PartnerUnsynchronized uint8 = 6
)

// Protocol error codes beside SQL error numbers.
const (
	// codeStale refuses a partner whose role sequence is older: the
	// refusal carries the current sequence and the refused side becomes
	// the mirror.
	codeStale int32 = -1
)

// defaultTimeout is the partner TIMEOUT of a new session (10 seconds);
// minTimeout is what 0-4 become.
const (
	defaultTimeout = 10
	minTimeout     = 5
	maxTimeout     = 32767
)

// stateDesc returns mirroring_state_desc.
func stateDesc(st uint8) string {
	return [...]string{"SUSPENDED", "DISCONNECTED", "SYNCHRONIZING", "PENDING_FAILOVER", "SYNCHRONIZED",
		"UNSYNCHRONIZED", "SYNCHRONIZED"}[st%7]
}
