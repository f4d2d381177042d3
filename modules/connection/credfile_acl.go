package connection

import "slices"

// On Windows the mode bits of a file say nothing about who may read it:
// its discretionary access control list (DACL) does. ReadCredentialFile
// therefore asks an FS that implements ACLReader which other accounts the
// DACL lets read the file, and refuses the file when there are any.

// ACLReader is implemented by file systems whose files carry access
// control lists (OSFS on Windows).
type ACLReader interface {
	// OtherReaders returns the accounts other than the file's owner, the
	// user pcsh runs as, the local SYSTEM account and the local
	// Administrators group that the file's access control list allows to
	// read it; "Everyone" when the file has no DACL at all.
	OtherReaders(name string) ([]string, error)
}

// FileACE is one access control entry as readersOf judges it.
type FileACE struct {
	SID     string // S-1-…
	Account string // DOMAIN\name when it resolves, else ""
	Allowed bool   // an access-allowed entry (deny entries never add readers)
	Inherit bool   // inherit-only: it applies to children, not to the file
	Mask    uint32 // the access mask
}

// The access rights that let an account read a file's contents: the
// file-specific FILE_READ_DATA (part of FILE_GENERIC_READ), GENERIC_READ
// and GENERIC_ALL.
const (
	aceFileReadData = 0x00000001
	aceGenericAll   = 0x10000000
	aceGenericRead  = 0x80000000
	aceReadRights   = aceFileReadData | aceGenericAll | aceGenericRead
)

// Well-known SIDs that may always read the file: the local SYSTEM account
// and the local Administrators group (who can take ownership anyway).
const (
	sidLocalSystem    = "S-1-5-18"
	sidAdministrators = "S-1-5-32-544"
)

// readersOf returns, in ACL order and once each, the accounts other than
// the trusted SIDs (the owner, the current user), SYSTEM and
// Administrators that aces allow to read the file.
func readersOf(aces []FileACE, trusted ...string) []string {
	var out []string
	seen := map[string]bool{}
	for _, a := range aces {
		if !a.Allowed || a.Inherit || a.Mask&aceReadRights == 0 {
			continue
		}
		if a.SID == sidLocalSystem || a.SID == sidAdministrators || slices.Contains(trusted, a.SID) || seen[a.SID] {
			continue
		}
		seen[a.SID] = true
		name := a.Account
		if name == "" {
			name = a.SID
		}
		out = append(out, name)
	}
	return out
}
