package connection

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"pcsh/runtime/cmdlet"
)

// CredentialFileEnv names the environment variable that overrides the
// credential file's path, $HOME/.pcsh/sql-credentials.json by default.
const CredentialFileEnv = "PCSH_SQL_CREDENTIAL_FILE"

// CredentialFile is the JSON document of the credential file: a default
// login and per-instance logins keyed by instance key.
//
//	{"default": {"user": "pcshadmin", "password": "…"},
//	 "instances": {"dc1-sql1": {"user": "sa", "password": "…"}}}
type CredentialFile struct {
	Default   *FileLogin            `json:"default,omitempty"`
	Instances map[string]*FileLogin `json:"instances,omitempty"`
}

// FileLogin is one login in the credential file.
type FileLogin struct {
	User     string `json:"user"`
	Password string `json:"password"`
}

// Lookup returns the login for an instance key, case-insensitively, and
// whether it was found; it does not fall back to the default.
func (f *CredentialFile) Lookup(key string) (*FileLogin, bool) {
	for k, l := range f.Instances {
		if strings.EqualFold(k, key) && l != nil {
			return l, true
		}
	}
	return nil, false
}

// CredentialFilePath returns the credential file's path from the
// environment.
func CredentialFilePath(getenv func(string) string) string {
	if p := getenv(CredentialFileEnv); p != "" {
		return p
	}
	return filepath.Join(getenv("HOME"), ".pcsh", "sql-credentials.json")
}

// ReadCredentialFile reads and parses the credential file. A missing file
// returns (nil, nil). A file that other users can read is refused before a
// byte of it is read: with checkMode (Unix) one whose mode lets its group
// or others read it, or whose directory they may write (checked even when
// the file is missing, since Set-PcSqlCredential reads before it writes); without (Windows, where the mode bits do not describe
// who may read a file) one whose access control list lets an account other
// than its owner, SYSTEM and Administrators read it, when fsys can read
// ACLs (ACLReader: OSFS on Windows). A file system that can do neither is
// not checked.
func ReadCredentialFile(fsys FS, path string, checkMode bool) (*CredentialFile, error) {
	if checkMode {
		if err := checkCredentialDir(fsys, path); err != nil {
			return nil, err
		}
	}
	fi, err := fsys.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, credFileError(path, err)
	}
	if perm := fi.Mode().Perm(); checkMode && perm&0o077 != 0 {
		return nil, insecureFile(path, perm)
	}
	if acl, ok := fsys.(ACLReader); ok && !checkMode {
		readers, err := acl.OtherReaders(path)
		if err != nil {
			return nil, credFileError(path, fmt.Errorf("cannot read its access control list: %w", err))
		}
		if len(readers) > 0 {
			return nil, sharedFile(path, readers)
		}
	}
	data, err := fsys.ReadFile(path)
	if err != nil {
		return nil, credFileError(path, err)
	}
	var cf CredentialFile
	if err := json.Unmarshal(data, &cf); err != nil {
		return nil, cmdlet.Errorf(cmdlet.CategoryInvalidData, "CredentialFileInvalid", path,
			"The credential file %s is not valid JSON: %v.", path, err).
			WithHint(`the format is {"default": {"user": "…", "password": "…"}, "instances": {"name": {…}}}`)
	}
	return &cf, nil
}

// insecureFile is the refusal of a group- or world-readable file.
func insecureFile(path string, perm fs.FileMode) *cmdlet.ErrorRecord {
	return cmdlet.Errorf(cmdlet.CategoryPermissionDenied, "CredentialFileInsecure", path,
		"The credential file %s has mode %04o, so other users can read it; pcsh will not use it.", path, perm).
		WithHint("run: chmod 600 %s", path)
}

// sharedFile is the refusal of a file whose ACL lets other accounts read it.
func sharedFile(path string, readers []string) *cmdlet.ErrorRecord {
	return cmdlet.Errorf(cmdlet.CategoryPermissionDenied, "CredentialFileInsecure", path,
		"The credential file %s can be read by %s, so other users can read it; pcsh will not use it.",
		path, strings.Join(readers, ", ")).
		WithHint(`in cmd.exe run: icacls "%s" /inheritance:r /grant:r "%%USERNAME%%:F"`, path)
}

func credFileError(path string, err error) *cmdlet.ErrorRecord {
	return &cmdlet.ErrorRecord{Message: fmt.Sprintf("Cannot read the credential file %s: %v.", path, err),
		ErrorID: "CredentialFileUnreadable", Category: cmdlet.CategoryResourceUnavailable, Target: path, Err: err}
}

// WriteCredentialFile writes cf to path with mode 0600 (atomically, through
// a temporary file created with that mode).
func WriteCredentialFile(fsys FS, path string, cf *CredentialFile) error {
	data, err := json.MarshalIndent(cf, "", "  ")
	if err != nil {
		return err
	}
	if err := fsys.WriteFile(path, append(data, '\n'), 0o600); err != nil {
		return &cmdlet.ErrorRecord{Message: fmt.Sprintf("Cannot write the credential file %s: %v.", path, err),
			ErrorID: "CredentialFileWriteFailed", Category: cmdlet.CategoryResourceUnavailable, Target: path, Err: err}
	}
	return nil
}
