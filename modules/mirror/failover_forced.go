package mirror

import (
	"strings"

	"pcsh/runtime/cmdlet"
)

// forced forces service on the mirror: only there, only with
// -AllowDataLoss on this call (never -Force), and only after saying what
// may be lost.
func (c *invokeFailover) forced(ctx *cmdlet.Context, w *World, sd failoverSides, mirror dbState, rep *report) error {
	db := mirror.Name
	if err := cmdlet.RefuseDataLoss(c.AllowDataLoss, sd.oldName,
		"The principal %s cannot be reached (%s); only a forced failover, ALTER DATABASE … SET PARTNER FORCE_SERVICE_ALLOW_DATA_LOSS on %s, "+
			"can serve %s now, and it loses every transaction the mirror had not hardened",
		sd.oldName, strings.TrimSuffix(cmdlet.AsRecord(sd.oldErr).Message, "."), sd.newName, db); err != nil {
		return err
	}
	if mirror.Role != "MIRROR" {
		return wrongRole(sd.newName, db, titleCase(mirror.Role), "mirror", sd.oldName)
	}
	var redo any
	if sd.newS != nil {
		_, redo = readQueues(ctx, sd.newS, db)
	}
	ctx.WriteWarning("%s", lossWarning(sd, mirror, redo))
	q, err := quote(db)
	if err != nil {
		return err
	}
	if d, err := runSteps(ctx, []step{{On: sd.newS, Target: sd.newName, SQL: partnerOption(q, "FORCE_SERVICE_ALLOW_DATA_LOSS")}}, rep); err != nil || d != cmdlet.Proceed {
		return err
	}
	after, err := c.verifyRoles(ctx, w, failoverSides{newS: sd.newS, newName: sd.newName}, db)
	if err != nil {
		return err
	}
	ctx.WriteObject(&CsDatabaseFailover{DatabaseName: db, OldPrincipal: sd.oldName, NewPrincipal: sd.newName, Kind: "Forced",
		MirroringState: after.MirrorState, Safety: mirror.Safety, MirrorEndOfLogLSN: mirror.EndOfLogLSN,
		FailoverLSN: mirror.FailoverLSN, RedoQueueKB: redo})
	return nil
}

// lossWarning says what forcing service may lose, from what the mirror
// last saw: with SAFETY FULL and a SYNCHRONIZED session every committed
// transaction was hardened on the mirror; otherwise the principal's log
// after the mirror's end of log is lost.
func lossWarning(sd failoverSides, m dbState, redo any) string {
	msg := "Forcing service on " + sd.newName + " while " + sd.oldName + " is unreachable: the mirror's copy of " + m.Name +
		" ends at LSN " + orText(m.EndOfLogLSN, "unknown") + " (failover LSN " + orText(m.FailoverLSN, "unknown") +
		"), its session is " + orText(m.MirrorState, "unknown") + " with SAFETY " + orText(m.Safety, "unknown") + ". "
	if m.Safety == "FULL" {
		msg += "Transactions the principal committed were hardened on the mirror, unless the session had stopped synchronizing before the principal failed; "
	} else {
		msg += "With SAFETY OFF every transaction the principal logged after that LSN is lost; "
	}
	msg += "log not yet redone on the mirror"
	if redo != nil {
		msg += " (" + text(redo) + " KB)"
	}
	return msg + " is redone first. When the old principal returns, Resume-PcMirroring discards its unsent log."
}
