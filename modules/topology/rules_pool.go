package topology

import (
	"strings"
)

func poolRules() []Rule {
	return []Rule{
		{"PoolActiveLimit", SeverityError, "R8 Gg615006", "A pool has at most 4 active servers.", forPools(activeLimit)},
		{"PoolServerLimit", SeverityError, "R8 Gg615006", "A pool has at most 8 servers.", forPools(serverLimit)},
		{"PoolHasActiveServer", SeverityWarning, "C1 JJ205065", "Only active servers accept new connections: a pool needs one.", forPools(hasActive)},
		{"SingleComputerPool", SeverityError, "R9 JJ205049", "A single computer pool has exactly one server.", forPools(singleComputer)},
		{"DisasterRecoveryMultiServer", SeverityError, "L2 JJ205172", "Backup stores (disaster recovery) are available only for multi-server pools.", forPools(drMultiServer)},
		{"DisasterRecoveryBackupStore", SeverityError, "L2 JJ205172", "Disaster recovery needs a backup store, and a backup store needs disaster recovery enabled.", forPools(drBackupStore)},
		{"DefaultPoolPerSite", SeverityError, "S2", "Every site has exactly one default Persistent Chat pool.", defaultPerSite},
		{"ActiveServerTimeZone", SeverityError, "L1 JJ205211", "Active servers are in the time zone of the pool's next hop.", forPools(activeTimeZone)},
		{"ActiveServersInDatabaseSite", SeverityError, "R3 JJ204772", "Active servers are in the data center of the database in use, or one linked with low latency.", forPools(activeInDatabaseSite)},
		{"StretchedPoolBackupSite", SeverityWarning, "L3 JJ205007", "A disaster recovery pool has servers in the backup store's data center.", forPools(backupSiteServers)},
		{"FileStoreUncPath", SeverityError, "R9 JJ205049", "A multi-server pool's file store is a UNC path.", forPools(fileStoreUNC)},
		{"ComplianceStore", SeverityError, "L1 JJ205211", "Compliance needs compliance stores, and compliance stores need compliance enabled.", forPools(complianceStore)},
		{"ComplianceBackupStore", SeverityWarning, "L1 JJ205211", "With disaster recovery, compliance has its own backup store and mirror.", forPools(complianceBackup)},
	}
}

// forPools adapts a per-pool check to a rule.
func forPools(f func(c *checker, p *ChatPool)) func(c *checker) {
	return func(c *checker) {
		for _, p := range c.t.ChatPools {
			f(c, p)
		}
	}
}

func activeLimit(c *checker, p *ChatPool) {
	if n := len(p.ActiveServers()); n > 4 {
		c.report(p.FQDN, "%d servers are active; at most 4 may be.", n)
	}
}

func serverLimit(c *checker, p *ChatPool) {
	if n := len(p.Servers); n > 8 {
		c.report(p.FQDN, "The pool has %d servers; at most 8 are supported.", n)
	}
}

func hasActive(c *checker, p *ChatPool) {
	if len(p.Servers) > 0 && len(p.ActiveServers()) == 0 {
		c.report(p.FQDN, "No server is active, so the pool accepts no new connections.")
	}
}

func singleComputer(c *checker, p *ChatPool) {
	if p.SingleComputer && len(p.Servers) != 1 {
		c.report(p.FQDN, "A single computer pool has %d servers; it must have exactly one.", len(p.Servers))
	}
}

func drMultiServer(c *checker, p *ChatPool) {
	if p.DisasterRecovery && (p.SingleComputer || len(p.Servers) < 2) {
		c.report(p.FQDN, "Disaster recovery is enabled on a single-server pool.")
	}
}

func drBackupStore(c *checker, p *ChatPool) {
	switch {
	case p.DisasterRecovery && p.Stores.Backup == "":
		c.report(p.FQDN, "Disaster recovery is enabled but the pool has no backup store.")
	case !p.DisasterRecovery && p.Stores.Backup != "":
		c.report(p.FQDN, "The pool has a backup store but disaster recovery is not enabled.")
	}
}

func defaultPerSite(c *checker) {
	for _, s := range c.t.Sites {
		var pools []string
		for _, p := range c.t.ChatPools {
			if p.DefaultForAll || contains(p.DefaultFor, s.Name) {
				pools = append(pools, p.FQDN)
			}
		}
		switch len(pools) {
		case 0:
			c.report(s.Name, "The site has no default Persistent Chat pool.")
		case 1:
		default:
			c.report(s.Name, "The site has %d default Persistent Chat pools: %s.", len(pools), strings.Join(pools, ", "))
		}
	}
}

func activeTimeZone(c *checker, p *ChatPool) {
	hop := c.t.SiteOfFrontEnd(p.NextHop)
	if hop == nil || hop.TimeZone == "" {
		return
	}
	for _, s := range p.Servers {
		site := c.t.Site(s.Site)
		if s.Active && site != nil && site.TimeZone != "" && site.TimeZone != hop.TimeZone {
			c.report(s.FQDN, "The active server is in time zone %s; the next hop %s is in %s.", site.TimeZone, p.NextHop, hop.TimeZone)
		}
	}
}

func activeInDatabaseSite(c *checker, p *ChatPool) {
	state := c.state(p)
	db := c.t.Store(p.DatabaseStore(state))
	if db == nil {
		return
	}
	for _, s := range p.Servers {
		if s.Active && !c.t.Connected(s.Site, db.Site) {
			c.report(s.FQDN, "The server is active in %s, but the pool is %s and uses the database %s in %s.",
				s.Site, state, db.Name, db.Site)
		}
	}
}

func backupSiteServers(c *checker, p *ChatPool) {
	backup := c.t.Store(p.Stores.Backup)
	if !p.DisasterRecovery || backup == nil {
		return
	}
	for _, s := range p.Servers {
		if c.t.Connected(s.Site, backup.Site) {
			return
		}
	}
	c.report(p.FQDN, "No server is in %s, the backup store's data center, to take over after a failover.", backup.Site)
}

func fileStoreUNC(c *checker, p *ChatPool) {
	if !p.SingleComputer && !isUNC(p.FileStore) {
		c.report(p.FQDN, "The file store %s is not a UNC path (\\\\server\\share).", p.FileStore)
	}
}

func isUNC(path string) bool {
	rest, ok := strings.CutPrefix(path, `\\`)
	host, share, _ := strings.Cut(rest, `\`)
	return ok && host != "" && share != ""
}

func complianceStore(c *checker, p *ChatPool) {
	switch {
	case p.Compliance && p.ComplianceStores == nil:
		c.report(p.FQDN, "Compliance is enabled but the pool has no complianceStores.")
	case !p.Compliance && p.ComplianceStores != nil:
		c.report(p.FQDN, "The pool has complianceStores but compliance is not enabled.")
	}
}

func complianceBackup(c *checker, p *ChatPool) {
	cs := p.ComplianceStores
	if p.Compliance && p.DisasterRecovery && cs != nil && (cs.Backup == "" || cs.BackupMirror == "") {
		c.report(p.FQDN, "Compliance is enabled with disaster recovery, but the compliance stores have no backup and backup mirror.")
	}
}
