//go:build windows

package connection

import (
	"io/fs"
	"unsafe"

	"golang.org/x/sys/windows"
)

// OtherReaders reads the file's owner and DACL and returns the accounts
// other than the owner, the current user, SYSTEM and Administrators it
// allows to read the file. A file without a DACL (a FAT volume, a NULL DACL) is readable by
// Everyone.
func (OSFS) OtherReaders(name string) ([]string, error) {
	sd, err := windows.GetNamedSecurityInfo(name, windows.SE_FILE_OBJECT,
		windows.OWNER_SECURITY_INFORMATION|windows.DACL_SECURITY_INFORMATION)
	if err != nil {
		return nil, err
	}
	owner, _, err := sd.Owner()
	if err != nil {
		return nil, err
	}
	dacl, _, err := sd.DACL()
	if err != nil || dacl == nil {
		return []string{"Everyone (the file has no access control list)"}, nil
	}
	aces := make([]FileACE, 0, dacl.AceCount)
	for i := uint32(0); i < uint32(dacl.AceCount); i++ {
		var ace *windows.ACCESS_ALLOWED_ACE
		if err := windows.GetAce(dacl, i, &ace); err != nil {
			return nil, err
		}
		sid := (*windows.SID)(unsafe.Pointer(&ace.SidStart))
		aces = append(aces, FileACE{SID: sid.String(), Account: accountName(sid),
			Allowed: ace.Header.AceType == windows.ACCESS_ALLOWED_ACE_TYPE,
			Inherit: ace.Header.AceFlags&windows.INHERIT_ONLY_ACE != 0, Mask: uint32(ace.Mask)})
	}
	trusted := []string{owner.String()}
	if user, err := windows.GetCurrentProcessToken().GetTokenUser(); err == nil {
		trusted = append(trusted, user.User.Sid.String())
	}
	return readersOf(aces, trusted...), nil
}

// accountName is DOMAIN\name for a SID, or "" when it does not resolve.
func accountName(sid *windows.SID) string {
	account, domain, _, err := sid.LookupAccount("")
	switch {
	case err != nil:
		return ""
	case domain == "":
		return account
	}
	return domain + `\` + account
}

var _ ACLReader = OSFS{}

// restrictToOwner gives a file whose perm grants group and others nothing
// a protected DACL (inheritance off) with full control for the current
// user, SYSTEM and Administrators only.
func restrictToOwner(name string, perm fs.FileMode) error {
	if perm&0o077 != 0 {
		return nil
	}
	user, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return err
	}
	sd, err := windows.SecurityDescriptorFromString("D:P(A;;FA;;;" + user.User.Sid.String() + ")(A;;FA;;;SY)(A;;FA;;;BA)")
	if err != nil {
		return err
	}
	dacl, _, err := sd.DACL()
	if err != nil {
		return err
	}
	return windows.SetNamedSecurityInfo(name, windows.SE_FILE_OBJECT,
		windows.DACL_SECURITY_INFORMATION|windows.PROTECTED_DACL_SECURITY_INFORMATION, nil, nil, dacl, nil)
}
