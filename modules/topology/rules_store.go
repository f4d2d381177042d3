package topology

import (
	"fmt"
	"sort"
	"strings"
)

func storeRules() []Rule {
	return []Rule{
		{"SupportedSqlVersion", SeverityError, "R11 Gg398990", "Persistent Chat databases run on SQL Server 2008 R2 or 2012.", forDataStores(supportedVersion)},
		{"SupportedSqlEdition", SeverityError, "R11 Gg398990", "Persistent Chat databases run on the Standard or Enterprise edition.", forDataStores(supportedEdition)},
		{"SqlServer64Bit", SeverityError, "R11 Gg398990", "32-bit SQL Server is not supported.", forDataStores(is64Bit)},
		{"AlwaysOnNotSupported", SeverityError, "S1", "AlwaysOn Availability Groups are not supported for Persistent Chat databases.", forDataStores(notAlwaysOn)},
		{"MirrorSameVersion", SeverityError, "R1 JJ204992", "Principal, mirror and witness run the same SQL Server version.", forPairs(sameVersion)},
		{"MirrorSameEdition", SeverityError, "R1 JJ204992", "Principal and mirror run the same edition.", forPairs(sameEdition)},
		{"MirrorSameSite", SeverityError, "L1 JJ205211", "A mirror is in the same data center as its principal.", forPairs(mirrorSameSite)},
		{"WitnessSameSite", SeverityError, "L1 JJ205211", "A witness is in the same data center as the databases it watches.", forPairs(witnessSameSite)},
		{"WitnessRequiresMirror", SeverityError, "R1 JJ204992", "A witness is set up only together with a mirror.", forPairs(witnessNeedsMirror)},
		{"WitnessDistinct", SeverityError, "R1 JJ204992", "The witness is a different server from the principal and the mirror.", forPairs(witnessDistinct)},
		{"MirrorSameDomain", SeverityError, "R1 JJ204992", "Principal, mirror and witness belong to the same domain.", forPairs(sameDomain)},
		{"DedicatedInstances", SeverityError, "L1 JJ205211", "Primary, mirror, backup and backup mirror are dedicated, distinct instances.", forStoreSets(dedicated)},
		{"BackupInOtherSite", SeverityError, "L1 JJ205211", "The backup store is in the other data center.", forStoreSets(backupOtherSite)},
		{"OneChatDatabasePerInstance", SeverityError, "S1", "A SQL instance holds only one Persistent Chat database.", oneDatabasePerInstance},
		{"UniqueMirroringPort", SeverityError, "R1 JJ204992", "SQL instances on one server use different mirroring ports.", uniqueMirroringPorts},
	}
}

// mirrorPair is a principal with its optional mirror and witness.
type mirrorPair struct {
	label                      string // "pc.contoso.com mgc primary"
	principal, mirror, witness *SqlStore
}

func (c *checker) pairs(p *ChatPool) []mirrorPair {
	var out []mirrorPair
	for i, set := range p.storeSets() {
		db := [...]string{"mgc", "mgccomp"}[i]
		out = append(out,
			mirrorPair{fmt.Sprintf("%s %s primary", p.FQDN, db), c.t.Store(set.Primary), c.t.Store(set.Mirror), c.t.Store(set.Witness)},
			mirrorPair{fmt.Sprintf("%s %s backup", p.FQDN, db), c.t.Store(set.Backup), c.t.Store(set.BackupMirror), c.t.Store(set.BackupWitness)})
	}
	return out
}

func forPairs(f func(c *checker, mp mirrorPair)) func(c *checker) {
	return func(c *checker) {
		for _, p := range c.t.ChatPools {
			for _, mp := range c.pairs(p) {
				if mp.principal != nil {
					f(c, mp)
				}
			}
		}
	}
}

func forStoreSets(f func(c *checker, p *ChatPool, s *StoreSet)) func(c *checker) {
	return func(c *checker) {
		for _, p := range c.t.ChatPools {
			for _, s := range p.storeSets() {
				f(c, p, s)
			}
		}
	}
}

// forDataStores visits each store that holds a database (any role but
// witness) once, in document order.
func forDataStores(f func(c *checker, s *SqlStore)) func(c *checker) {
	return func(c *checker) {
		data := map[string]bool{}
		for _, p := range c.t.ChatPools {
			for _, set := range p.storeSets() {
				for _, n := range []string{set.Primary, set.Mirror, set.Backup, set.BackupMirror} {
					data[n] = true
				}
			}
		}
		for _, s := range c.t.SqlStores {
			if data[s.Name] {
				f(c, s)
			}
		}
	}
}

func supportedVersion(c *checker, s *SqlStore) {
	if s.Version != "2008R2" && s.Version != "2012" {
		c.report(s.Name, "SQL Server %s is not supported; use 2008 R2 or 2012.", s.Version)
	}
}

func supportedEdition(c *checker, s *SqlStore) {
	if s.Edition != "Standard" && s.Edition != "Enterprise" {
		c.report(s.Name, "The %s edition is not supported; use Standard or Enterprise.", s.Edition)
	}
}

func is64Bit(c *checker, s *SqlStore) {
	if s.Bits != 64 {
		c.report(s.Name, "The instance is 32-bit; Persistent Chat needs 64-bit SQL Server.")
	}
}

func notAlwaysOn(c *checker, s *SqlStore) {
	if s.AlwaysOn {
		c.report(s.Name, "The instance uses an AlwaysOn Availability Group.")
	}
}

func sameVersion(c *checker, mp mirrorPair) {
	for _, o := range []*SqlStore{mp.mirror, mp.witness} {
		if o != nil && o.Version != mp.principal.Version {
			c.report(o.Name, "%s runs SQL Server %s but its principal %s runs %s.", o.Name, o.Version, mp.principal.Name, mp.principal.Version)
		}
	}
}

func sameEdition(c *checker, mp mirrorPair) {
	if mp.mirror != nil && mp.mirror.Edition != mp.principal.Edition {
		c.report(mp.mirror.Name, "The mirror runs the %s edition but its principal %s runs %s.", mp.mirror.Edition, mp.principal.Name, mp.principal.Edition)
	}
}

func mirrorSameSite(c *checker, mp mirrorPair) {
	if mp.mirror != nil && mp.mirror.Site != mp.principal.Site {
		c.report(mp.mirror.Name, "The mirror is in %s but its principal %s is in %s.", mp.mirror.Site, mp.principal.Name, mp.principal.Site)
	}
}

func witnessSameSite(c *checker, mp mirrorPair) {
	if mp.witness != nil && mp.witness.Site != mp.principal.Site {
		c.report(mp.witness.Name, "The witness is in %s but its principal %s is in %s.", mp.witness.Site, mp.principal.Name, mp.principal.Site)
	}
}

func witnessNeedsMirror(c *checker, mp mirrorPair) {
	if mp.witness != nil && mp.mirror == nil {
		c.report(mp.label, "The %s store has a witness but no mirror.", mp.label)
	}
}

func witnessDistinct(c *checker, mp mirrorPair) {
	if mp.witness == nil {
		return
	}
	for _, partner := range []*SqlStore{mp.principal, mp.mirror} {
		if partner != nil && equalFold(partner.Host, mp.witness.Host) {
			c.report(mp.witness.Name, "The witness runs on %s, the server of its partner %s.", mp.witness.Host, partner.Name)
		}
	}
}

func sameDomain(c *checker, mp mirrorPair) {
	for _, o := range []*SqlStore{mp.mirror, mp.witness} {
		if o != nil && !equalFold(o.Domain, mp.principal.Domain) {
			c.report(o.Name, "%s is in the domain %s but its principal %s is in %s.", o.Name, o.Domain, mp.principal.Name, mp.principal.Domain)
		}
	}
}

func dedicated(c *checker, p *ChatPool, set *StoreSet) {
	seen := map[string]string{}
	for _, r := range set.roles() {
		s := c.t.Store(r.Name)
		if s == nil || r.Role == "witness" || r.Role == "backupWitness" {
			continue
		}
		key := lowerAddress(s)
		if first, dup := seen[key]; dup {
			c.report(p.FQDN, "The %s and %s stores are the same instance %s.", first, r.Role, s.Address())
			continue
		}
		seen[key] = r.Role
	}
}

func backupOtherSite(c *checker, p *ChatPool, set *StoreSet) {
	primary, backup := c.t.Store(set.Primary), c.t.Store(set.Backup)
	if primary != nil && backup != nil && primary.Site == backup.Site {
		c.report(backup.Name, "The backup store is in %s, the data center of the primary %s.", backup.Site, primary.Name)
	}
}

// oneDatabasePerInstance reports an instance holding the mgc (or mgccomp)
// of two pools, as primary or backup.
func oneDatabasePerInstance(c *checker) {
	holders := map[string][]string{}
	for _, p := range c.t.ChatPools {
		for i, set := range p.storeSets() {
			db := [...]string{"mgc", "mgccomp"}[i]
			for _, n := range []string{set.Primary, set.Backup} {
				if s := c.t.Store(n); s != nil {
					key := db + "\x00" + lowerAddress(s)
					holders[key] = appendUnique(holders[key], p.FQDN)
				}
			}
		}
	}
	for _, key := range sortedKeys(holders) {
		if pools := holders[key]; len(pools) > 1 {
			_, addr, _ := strings.Cut(key, "\x00")
			c.report(addr, "The instance holds the Persistent Chat database of %d pools: %v.", len(pools), pools)
		}
	}
}

func uniqueMirroringPorts(c *checker) {
	seen := map[string]*SqlStore{}
	for _, s := range c.t.SqlStores {
		key := fmt.Sprintf("%s:%d", lowerHost(s), s.MirroringPort)
		if first, dup := seen[key]; dup && lowerAddress(first) != lowerAddress(s) {
			c.report(s.Name, "%s and %s on %s both use mirroring port %d.", first.Name, s.Name, s.Host, s.MirroringPort)
			continue
		}
		seen[key] = s
	}
}

func lowerHost(s *SqlStore) string { return equalFoldKey(s.Host) }

func lowerAddress(s *SqlStore) string { return equalFoldKey(s.Address()) }

func appendUnique(list []string, s string) []string {
	if contains(list, s) {
		return list
	}
	return append(list, s)
}

func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
