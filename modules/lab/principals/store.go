package principals

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"pcsh/modules/lab/engine"
	"pcsh/runtime/atomicfile"
)

// ErrExists is returned for a login that already exists.
var ErrExists = errors.New("principals: the server principal already exists")

// ErrNotFound is returned for a login that does not exist.
var ErrNotFound = errors.New("principals: the login does not exist")

// file holds the catalog in the instance's data directory.
const file = "server_principals.json"

// firstLoginID is the principal_id of the first login CREATE LOGIN adds;
// the ids below are the lab's built-in principals (sa 1, public 2,
// sysadmin 3) and the other fixed server roles SQL Server numbers there.
const firstLoginID = 256

// ClassEndpoint is sys.server_permissions.class for an endpoint.
const ClassEndpoint = 105

// Login is a login CREATE LOGIN added.
type Login struct {
	Name    string    `json:"name"`
	ID      int       `json:"principal_id"`
	Windows bool      `json:"windows"`
	SID     []byte    `json:"sid"`
	Created time.Time `json:"create_date"`
}

// Permission is a granted permission on a securable.
type Permission struct {
	Class   int    `json:"class"`    // ClassEndpoint
	MajorID int    `json:"major_id"` // the endpoint_id
	Grantee int    `json:"grantee_principal_id"`
	Grantor int    `json:"grantor_principal_id"`
	Name    string `json:"permission_name"` // "CONNECT"
}

// state is what the file holds.
type state struct {
	Logins      []Login      `json:"logins"`
	Permissions []Permission `json:"permissions"`
	NextID      int          `json:"next_principal_id"`
}

// Store is an instance's logins and server permissions.
type Store struct {
	mu  sync.Mutex
	dir string // "" keeps the catalog in memory only
	st  state
}

// Open loads the catalog of inst (an empty one the first time) and
// registers sys.server_principals and sys.server_permissions on it.
func Open(inst *engine.Instance) (*Store, error) {
	s := &Store{dir: inst.Dir(), st: state{NextID: firstLoginID}}
	if s.dir != "" {
		b, err := os.ReadFile(filepath.Join(s.dir, file))
		switch {
		case err == nil:
			if err := json.Unmarshal(b, &s.st); err != nil {
				return nil, err
			}
		case !errors.Is(err, os.ErrNotExist):
			return nil, err
		}
	}
	inst.RegisterSystemView("sys.server_principals", s.principalsView)
	inst.RegisterSystemView("sys.server_permissions", s.permissionsView)
	return s, nil
}

// saveLocked writes the catalog atomically.
func (s *Store) saveLocked() error {
	if s.dir == "" {
		return nil
	}
	b, err := json.MarshalIndent(s.st, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteFileAtomic(filepath.Join(s.dir, file), b, 0o644)
}

// builtins are the principals every lab instance has.
func builtins() []Login {
	t := time.Date(2003, 4, 8, 9, 10, 35, 0, time.UTC) // SQL Server's create_date for them
	return []Login{{Name: "sa", ID: 1, SID: []byte{1}, Created: t}, {Name: "public", ID: 2, Created: t},
		{Name: "sysadmin", ID: 3, Created: t}}
}

// PrincipalID returns the principal_id of a login or built-in principal
// (names compare case-insensitively, as with the default collation).
func (s *Store) PrincipalID(name string) (int, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, l := range append(builtins(), s.st.Logins...) {
		if strings.EqualFold(l.Name, name) {
			return l.ID, true
		}
	}
	return 0, false
}

// WindowsLogin returns the name, as created, of the Windows login
// CREATE LOGIN … FROM WINDOWS added for name (DOMAIN\user, compared
// case-insensitively as SQL Server compares Windows names).
func (s *Store) WindowsLogin(name string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, l := range s.st.Logins {
		if l.Windows && strings.EqualFold(l.Name, name) {
			return l.Name, true
		}
	}
	return "", false
}

// CreateLogin adds a login; ErrExists when a principal has the name.
func (s *Store) CreateLogin(name string, windows bool, now time.Time) error {
	if _, ok := s.PrincipalID(name); ok {
		return ErrExists
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sid := uuid.New()
	if windows {
		sid = uuid.NewSHA1(uuid.NameSpaceURL, []byte(strings.ToUpper(name)))
	}
	s.st.Logins = append(s.st.Logins, Login{Name: name, ID: s.st.NextID, Windows: windows, SID: sid[:], Created: now})
	s.st.NextID++
	return s.saveLocked()
}

// DropLogin removes a login CREATE LOGIN added, with the permissions
// granted to it; ErrNotFound when there is none.
func (s *Store) DropLogin(name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := slices.IndexFunc(s.st.Logins, func(l Login) bool { return strings.EqualFold(l.Name, name) })
	if i < 0 {
		return ErrNotFound
	}
	id := s.st.Logins[i].ID
	s.st.Logins = slices.Delete(s.st.Logins, i, i+1)
	s.st.Permissions = slices.DeleteFunc(s.st.Permissions, func(p Permission) bool { return p.Grantee == id })
	return s.saveLocked()
}

// same reports whether two permissions are the same grant.
func same(a, b Permission) bool {
	return a.Class == b.Class && a.MajorID == b.MajorID && a.Grantee == b.Grantee && a.Name == b.Name
}

// Grant records a permission; granting it again changes nothing.
func (s *Store) Grant(p Permission) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if slices.ContainsFunc(s.st.Permissions, func(q Permission) bool { return same(p, q) }) {
		return nil
	}
	s.st.Permissions = append(s.st.Permissions, p)
	return s.saveLocked()
}

// Revoke removes a permission; revoking one not granted changes nothing.
func (s *Store) Revoke(p Permission) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.Permissions = slices.DeleteFunc(s.st.Permissions, func(q Permission) bool { return same(p, q) })
	return s.saveLocked()
}

// DropSecurable removes the permissions on a securable that was dropped.
func (s *Store) DropSecurable(class, majorID int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.Permissions = slices.DeleteFunc(s.st.Permissions, func(q Permission) bool {
		return q.Class == class && q.MajorID == majorID
	})
	return s.saveLocked()
}
