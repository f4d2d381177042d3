package connection

import (
	"fmt"

	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Set-PcSqlCredential",
		Synopsis: "Stores a SQL login in the credential file, readable by its owner only.",
		Description: "Writes $HOME/.pcsh/sql-credentials.json (or PCSH_SQL_CREDENTIAL_FILE) with mode 0600, " +
			"through a temporary file renamed into place. Without -SqlInstance the login becomes the default " +
			"for every instance. Without -Password pcsh prompts for it, so it stays out of shell history.",
		Impact: cmdlet.ImpactMedium,
		Examples: []cmdlet.Example{
			{Code: "Set-PcSqlCredential -SqlInstance dc1-sql1 -User pcshadmin", Remarks: "Prompts for the password and stores the login for dc1-sql1."},
			{Code: "Set-PcSqlCredential -User pcshadmin -WhatIf", Remarks: "Shows which file would change and how."},
		},
		New: func() cmdlet.Cmdlet { return new(setCredential) },
	})
}

type setCredential struct {
	SqlInstance string `param:"position=0,alias=ServerInstance|SqlServer" help:"The instance key (topology name or host\\instance); omit for the default login."`
	User        string `param:"mandatory" help:"The SQL login name (DOMAIN\\user for NTLM)."`
	Password    string `param:"secret" help:"The password; omit to be prompted (it then stays out of shell history)."`
}

// Process shows or writes the change.
func (s *setCredential) Process(ctx *cmdlet.Context) error {
	m := For(ctx.Session)
	path := CredentialFilePath(m.Getenv)
	entry := "the default login"
	if s.SqlInstance != "" {
		entry = "the login for " + s.SqlInstance
	}
	if !ctx.ShouldProcess(path, fmt.Sprintf("Set %s to user %s (file mode 0600)", entry, s.User)) {
		return nil
	}
	pass, err := s.password(ctx, m)
	if err != nil {
		return err
	}
	cf, err := ReadCredentialFile(m.FS, path, m.CheckFileMode)
	if err != nil {
		return err
	}
	if cf == nil {
		cf = &CredentialFile{}
	}
	cf.set(s.SqlInstance, &FileLogin{User: s.User, Password: pass})
	return WriteCredentialFile(m.FS, path, cf)
}

func (s *setCredential) password(ctx *cmdlet.Context, m *Manager) (string, error) {
	if s.Password != "" {
		m.Secrets.Add(s.Password)
		return s.Password, nil
	}
	if !ctx.Session.Host.Interactive() {
		return "", cmdlet.Errorf(cmdlet.CategoryInvalidArgument, "PasswordRequired", s.SqlInstance,
			"A password is needed and this run cannot prompt for one.").WithHint("pass -Password, or run interactively")
	}
	p, err := readSecret(ctx, fmt.Sprintf("Password for %s: ", s.User))
	m.Secrets.Add(p)
	return p, err
}

// set stores a login for key, or as the default when key is "".
func (f *CredentialFile) set(key string, l *FileLogin) {
	if key == "" {
		f.Default = l
		return
	}
	if f.Instances == nil {
		f.Instances = map[string]*FileLogin{}
	}
	for k := range f.Instances {
		if k != key && equalFold(k, key) {
			delete(f.Instances, k)
		}
	}
	f.Instances[key] = l
}

var _ cmdlet.Cmdlet = (*setCredential)(nil)
