package connection

import (
	"fmt"

	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Clear-PcSqlConnectionPool",
		Synopsis: "Closes every pooled SQL Server connection of this session.",
		Description: "pcsh keeps one connection pool per instance, database and login for the whole session. " +
			"This closes them all (the next command connects afresh), and forgets which mirroring partner " +
			"answered last.",
		Impact: cmdlet.ImpactLow,
		Examples: []cmdlet.Example{
			{Code: "Clear-PcSqlConnectionPool", Remarks: "Closes the session's connections."},
			{Code: "Clear-PcSqlConnectionPool -WhatIf", Remarks: "Shows how many pools would close."},
		},
		New: func() cmdlet.Cmdlet { return new(clearPool) },
	})
}

type clearPool struct{}

// Process closes the pools.
func (*clearPool) Process(ctx *cmdlet.Context) error {
	m := For(ctx.Session)
	if !ctx.ShouldProcess("session", fmt.Sprintf("Close %d SQL connection pools", m.PoolCount())) {
		return nil
	}
	m.mu.Lock()
	m.onPartner = nil
	m.mu.Unlock()
	return m.Close()
}

var _ cmdlet.Cmdlet = (*clearPool)(nil)
