package tsql

import "strings"

// EndpointStmt is CREATE, ALTER or DROP ENDPOINT. For CREATE and ALTER the
// unset fields were not written.
type EndpointStmt struct {
	Pos
	Action        string // "CREATE", "ALTER" or "DROP"
	Name          string
	Authorization string
	State         string // "STARTED", "STOPPED", "DISABLED" or ""
	TCP           *TCPOptions
	Mirroring     *MirroringOptions
}

// TCPOptions is AS TCP (LISTENER_PORT = n [, LISTENER_IP = …]).
type TCPOptions struct {
	Port       Expr
	ListenerIP string // "ALL", an address as written, or "" when absent
}

// MirroringOptions is FOR DATABASE_MIRRORING (…).
type MirroringOptions struct {
	Authentication string // upper case words: "WINDOWS KERBEROS", "CERTIFICATE", "WINDOWS NEGOTIATE CERTIFICATE"
	Certificate    string // the certificate name when CERTIFICATE is used
	Encryption     string // "DISABLED", "SUPPORTED", "REQUIRED" or ""
	Algorithm      string // "AES", "RC4", "AES RC4", "RC4 AES" or ""
	Role           string // "PARTNER", "WITNESS", "ALL" or ""
}

// String renders the statement.
func (s *EndpointStmt) String() string {
	out := s.Action + " ENDPOINT " + QuoteIdent(s.Name)
	if s.Authorization != "" {
		out += " AUTHORIZATION " + QuoteIdent(s.Authorization)
	}
	if s.State != "" {
		out += " STATE = " + s.State
	}
	if s.TCP != nil {
		out += " AS TCP (" + s.TCP.String() + ")"
	}
	if s.Mirroring != nil {
		out += " FOR DATABASE_MIRRORING (" + s.Mirroring.String() + ")"
	}
	return out
}

// String renders the protocol arguments.
func (t *TCPOptions) String() string {
	var parts []string
	if t.Port != nil {
		parts = append(parts, "LISTENER_PORT = "+t.Port.String())
	}
	switch t.ListenerIP {
	case "":
	case "ALL":
		parts = append(parts, "LISTENER_IP = ALL")
	default:
		parts = append(parts, "LISTENER_IP = ("+t.ListenerIP+")")
	}
	return strings.Join(parts, ", ")
}

// String renders the mirroring arguments.
func (m *MirroringOptions) String() string {
	var parts []string
	if m.Authentication != "" {
		parts = append(parts, "AUTHENTICATION = "+m.authText())
	}
	if m.Encryption != "" {
		parts = append(parts, words("ENCRYPTION = "+m.Encryption, prefixed("ALGORITHM ", m.Algorithm)))
	}
	if m.Role != "" {
		parts = append(parts, "ROLE = "+m.Role)
	}
	return strings.Join(parts, ", ")
}

// authText renders the authentication words with the certificate name
// after CERTIFICATE.
func (m *MirroringOptions) authText() string {
	ws := strings.Fields(m.Authentication)
	for i, w := range ws {
		if w == "CERTIFICATE" {
			ws[i] = w + " " + QuoteIdent(m.Certificate)
		}
	}
	return strings.Join(ws, " ")
}

// prefixed returns p + s, or "" when s is empty.
func prefixed(p, s string) string {
	if s == "" {
		return ""
	}
	return p + s
}

// PermissionStmt is GRANT, DENY or REVOKE permissions [ON [class::]object]
// TO principals.
type PermissionStmt struct {
	Pos
	Action      string   // "GRANT", "DENY" or "REVOKE"
	Permissions []string // upper case: "CONNECT", "VIEW SERVER STATE"
	Class       string   // upper case securable class, "ENDPOINT"; "" for none
	On          *Name    // the securable; nil for server-level permissions
	Principals  []string
	GrantOption bool // WITH GRANT OPTION
}

// String renders the statement.
func (s *PermissionStmt) String() string {
	out := s.Action + " " + strings.Join(s.Permissions, ", ")
	if s.On != nil {
		class := ""
		if s.Class != "" {
			class = s.Class + "::"
		}
		out += " ON " + class + s.On.String()
	}
	to := " TO "
	if s.Action == "REVOKE" {
		to = " FROM "
	}
	return out + to + quoteIdents(s.Principals) + flag(s.GrantOption, " WITH GRANT OPTION")
}

// CreateLoginStmt is CREATE LOGIN name FROM WINDOWS [WITH …] or WITH
// PASSWORD = '…'[, …].
type CreateLoginStmt struct {
	Pos
	Name        string
	FromWindows bool
	Options     []Option // PASSWORD, DEFAULT_DATABASE, CHECK_POLICY …
}

// String renders the statement.
func (s *CreateLoginStmt) String() string {
	out := "CREATE LOGIN " + QuoteIdent(s.Name)
	if s.FromWindows {
		out += " FROM WINDOWS"
	}
	if len(s.Options) > 0 {
		out += " WITH " + joinNodes(s.Options, ", ")
	}
	return out
}

func (*EndpointStmt) stmtNode()    {}
func (*PermissionStmt) stmtNode()  {}
func (*CreateLoginStmt) stmtNode() {}

// DropLoginStmt is DROP LOGIN name.
type DropLoginStmt struct {
	Pos
	Name string
}

// String renders the statement.
func (s *DropLoginStmt) String() string { return "DROP LOGIN " + QuoteIdent(s.Name) }

func (*DropLoginStmt) stmtNode() {}
