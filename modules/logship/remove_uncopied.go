package logship

import (
	"fmt"
	"path"
	"strings"

	"pcsh/runtime/cmdlet"
)

// lastCopiedQuery reads the secondary's last copied file.
const lastCopiedQuery = "SELECT last_copied_file FROM msdb.dbo.log_shipping_monitor_secondary WHERE secondary_database = @p1"

// uncopied names, per secondary, the log backups the primaries took that
// the secondary has not copied yet: removing log shipping then leaves them
// on the share, and the secondary never restores the log they hold. An
// instance that does not answer is not judged (the removal tolerates it
// too); under -WhatIf nothing is read.
func (c *removeLogShipping) uncopied(ctx *cmdlet.Context, srvs servers) []string {
	if ctx.Mode() == cmdlet.Planning {
		return nil
	}
	newest := ""
	for _, p := range append([]string{c.PrimaryInstance}, c.MirrorInstance...) {
		if f, _ := lastFile(ctx, srvs, p, lastBackupQuery, c.Database); fileName(f) > fileName(newest) {
			newest = f
		}
	}
	if newest == "" {
		return nil
	}
	var out []string
	for _, s := range c.SecondaryInstance {
		copied, registered := lastFile(ctx, srvs, s, lastCopiedQuery, c.SecondaryDatabase)
		if registered && fileName(copied) < fileName(newest) {
			out = append(out, fmt.Sprintf("%s has copied up to %s but the newest log backup is %s", s, orNone(fileName(copied)), fileName(newest)))
		}
	}
	return out
}

// lastFile is the file q returns on instance ("" when NULL), and whether
// it returned a row at all (a secondary whose registration is gone, as
// after a recovery, has none and is not judged).
func lastFile(ctx *cmdlet.Context, srvs servers, instance, q, db string) (string, bool) {
	srv, err := srvs.get(ctx, instance)
	if err != nil {
		return "", false
	}
	res, err := query(ctx, srv, Batch(q, db))
	if err != nil || len(res.First().Rows) == 0 {
		return "", false
	}
	v, _ := res.Scalar().(string)
	return v, true
}

// fileName is the base name of a backup file, UNC or local: log backup
// names carry their UTC time (db_yyyyMMddHHmmss.trn), so they sort in the
// order they were taken.
func fileName(p string) string {
	return path.Base(strings.ReplaceAll(p, `\`, "/"))
}

func orNone(s string) string {
	if s == "" || s == "." {
		return "nothing"
	}
	return s
}
