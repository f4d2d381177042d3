package datacenter

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"

	_ "github.com/microsoft/go-mssqldb" // the lab is seeded through the same driver as everything else

	"pcsh/modules/connection/labpassword"
	"pcsh/modules/lab/mgc"
)

// seedChatDatabase creates the Persistent Chat database (mgc, FULL
// recovery, with the documented tables) on the primary instance, as
// publishing the topology does on a real deployment, unless the primary
// holds it already (a lab started again in its directory).
func (s *State) seedChatDatabase(ctx context.Context, getenv func(string) string) error {
	for _, r := range s.Instances {
		if r.Role != RolePrimary {
			continue
		}
		db, err := sql.Open("sqlserver", r.passwordDSN(labpassword.From(getenv)))
		if err != nil {
			return err
		}
		defer db.Close()
		var n int
		if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM sys.databases WHERE name = @p1", mgc.Database).Scan(&n); err != nil {
			return fmt.Errorf("seed %s on %s: %w", mgc.Database, r.Name, err)
		}
		if n > 0 {
			continue // a lab started again in its directory keeps its data
		}
		if err := mgc.Create(ctx, db); err != nil {
			return fmt.Errorf("seed %s on %s: %w", mgc.Database, r.Name, err)
		}
	}
	return nil
}

// passwordDSN is the instance's DSN with the sa password.
func (r Running) passwordDSN(password string) string {
	u, err := url.Parse(r.DSN)
	if err != nil {
		return r.DSN
	}
	u.User = url.UserPassword("sa", password)
	return u.String()
}
