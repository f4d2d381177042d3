package connection

import (
	"maps"
	"slices"
	"strings"

	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Get-PcSqlCredential",
		Synopsis: "Lists the SQL logins in the credential file and the environment, never their passwords.",
		Examples: []cmdlet.Example{
			{Code: "Get-PcSqlCredential", Remarks: "Lists every stored login and where it comes from."},
			{Code: "Get-PcSqlCredential dc1-sql1", Remarks: "Shows the login stored for dc1-sql1."},
		},
		Output: "PcSqlCredential",
		New:    func() cmdlet.Cmdlet { return new(getCredential) },
	})
}

type getCredential struct {
	SqlInstance string `param:"position=0,alias=ServerInstance|SqlServer" help:"Show only this instance key's login."`
}

// PcSqlCredential describes one stored login.
type PcSqlCredential struct {
	SqlInstance string // the instance key, or "(default)"
	User        string
	PasswordSet bool
	Source      string
}

// Process lists the environment's and the file's logins.
func (g *getCredential) Process(ctx *cmdlet.Context) error {
	m := For(ctx.Session)
	path := CredentialFilePath(m.Getenv)
	cf, err := ReadCredentialFile(m.FS, path, m.CheckFileMode)
	if err != nil {
		return err
	}
	if c, ok := fromEnv(m.Getenv, ""); ok && g.SqlInstance == "" {
		ctx.WriteObject(PcSqlCredential{"(default)", m.Getenv(UserEnv), true, c.Source})
	}
	if cf == nil {
		return nil
	}
	if cf.Default != nil && g.SqlInstance == "" {
		ctx.WriteObject(PcSqlCredential{"(default)", cf.Default.User, cf.Default.Password != "", path})
	}
	for _, k := range slices.Sorted(maps.Keys(cf.Instances)) {
		if l := cf.Instances[k]; l != nil && (g.SqlInstance == "" || equalFold(k, g.SqlInstance)) {
			ctx.WriteObject(PcSqlCredential{k, l.User, l.Password != "", path})
		}
	}
	return nil
}

func equalFold(a, b string) bool { return strings.EqualFold(a, b) }

var _ cmdlet.Cmdlet = (*getCredential)(nil)
