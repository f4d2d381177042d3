package connection

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"pcsh/runtime/cmdlet"
)

// aclFS is a memFS whose files also carry the readers an ACL would allow,
// as OSFS on Windows reports them.
type aclFS struct {
	*memFS
	readers []string
	err     error
}

func (a aclFS) OtherReaders(string) ([]string, error) { return a.readers, a.err }

func TestCredentialFileACLRefusedWhenOthersCanRead(t *testing.T) {
	m := newMemFS()
	m.put(credPath, `{"default": {"user": "u", "password": "pw-file-1"}}`, 0o666) // mode bits mean nothing here
	_, err := ReadCredentialFile(aclFS{memFS: m, readers: []string{`BUILTIN\Users`, "Everyone"}}, credPath, false)
	var rec *cmdlet.ErrorRecord
	if !errors.As(err, &rec) || rec.ErrorID != "CredentialFileInsecure" || rec.Category != cmdlet.CategoryPermissionDenied {
		t.Fatalf("got %v", err)
	}
	if !strings.Contains(rec.Message, `can be read by BUILTIN\Users, Everyone`) || !strings.Contains(rec.Hint, `icacls "`+credPath+`" /inheritance:r /grant:r "%USERNAME%:F"`) {
		t.Fatalf("%s / %s", rec.Message, rec.Hint)
	}
	if strings.Contains(err.Error(), "pw-file-1") {
		t.Fatal("the refusal shows the file's contents")
	}

	cf, err := ReadCredentialFile(aclFS{memFS: m}, credPath, false)
	if err != nil || cf.Default.Password != "pw-file-1" {
		t.Fatalf("owner-only ACL: %v %+v", err, cf)
	}
	if _, err = ReadCredentialFile(aclFS{memFS: m, err: fs.ErrPermission}, credPath, false); !errors.As(err, &rec) || rec.ErrorID != "CredentialFileUnreadable" {
		t.Fatalf("unreadable ACL: %v", err)
	}
	// Where the mode bits count (Unix), the ACL reader is not asked.
	m.put(credPath, `{}`, 0o600)
	if _, err := ReadCredentialFile(aclFS{memFS: m, readers: []string{"Everyone"}}, credPath, true); err != nil {
		t.Fatalf("mode 0600 with checkMode: %v", err)
	}
}

func TestReadersOf(t *testing.T) {
	const owner, me, other = "S-1-5-21-1-2-3-1001", "S-1-5-21-1-2-3-1002", "S-1-5-21-1-2-3-1003"
	aces := []FileACE{
		{SID: owner, Allowed: true, Mask: 0x1f01ff},                                    // owner: full control
		{SID: me, Allowed: true, Mask: aceGenericAll},                                  // the current user
		{SID: sidLocalSystem, Allowed: true, Mask: 0x1f01ff},                           // SYSTEM
		{SID: sidAdministrators, Allowed: true, Mask: 0x1f01ff},                        // Administrators
		{SID: "S-1-5-32-545", Account: `BUILTIN\Users`, Allowed: true, Mask: 0x120089}, // FILE_GENERIC_READ
		{SID: "S-1-1-0", Account: "Everyone", Allowed: false, Mask: aceGenericRead},    // a deny entry adds no reader
		{SID: "S-1-3-0", Account: "CREATOR OWNER", Allowed: true, Inherit: true, Mask: aceGenericAll},
		{SID: other, Allowed: true, Mask: 0x100000 | 0x80}, // SYNCHRONIZE and read attributes only
		{SID: "S-1-5-11", Account: `NT AUTHORITY\Authenticated Users`, Allowed: true, Mask: aceGenericRead},
		{SID: "S-1-5-32-545", Account: `BUILTIN\Users`, Allowed: true, Mask: aceGenericRead}, // listed once
	}
	got := readersOf(aces, owner, me)
	want := []string{`BUILTIN\Users`, `NT AUTHORITY\Authenticated Users`}
	if !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	if got := readersOf([]FileACE{{SID: other, Allowed: true, Mask: aceFileReadData}}, owner); !slices.Equal(got, []string{other}) {
		t.Fatalf("an unresolved SID: %q", got)
	}
}
