package topology

import (
	lua "github.com/yuin/gopher-lua"
)

// Versions and editions the loader accepts; Test-PcTopology decides which
// of them Persistent Chat supports.
var (
	knownVersions = []string{"2005", "2008", "2008R2", "2012", "2014", "2016", "2017", "2019", "2022"}
	knownEditions = []string{"Express", "Web", "Workgroup", "Standard", "Enterprise", "Developer", "Datacenter"}
)

// topology decodes the document's returned value.
func (d *decoder) topology(v lua.LValue) *Topology {
	r := d.record(v, "")
	if r == nil {
		d.problems[len(d.problems)-1].Message = "the document must return a table, got " + typeName(v)
		return nil
	}
	t := &Topology{}
	r.list("sites", true, func(v lua.LValue, p string) { t.Sites = append(t.Sites, d.site(v, p)) })
	r.list("chatPools", true, func(v lua.LValue, p string) { t.ChatPools = append(t.ChatPools, d.pool(v, p)) })
	r.list("sqlStores", true, func(v lua.LValue, p string) { t.SqlStores = append(t.SqlStores, d.store(v, p)) })
	t.LogShipping = d.logShipping(r.sub("logShipping"))
	t.Schedules = d.schedules(r.sub("schedules"))
	t.Thresholds = d.thresholds(r.sub("thresholds"))
	r.done()
	if len(d.problems) == 0 {
		d.resolve(t)
	}
	return t
}

func (d *decoder) site(v lua.LValue, path string) *Site {
	r := d.record(v, path)
	if r == nil {
		return nil
	}
	s := &Site{Name: r.str("name", true), FrontEnd: r.str("frontEnd", true),
		TimeZone: r.str("timeZone", false), LowLatency: r.strings("lowLatency")}
	r.done()
	return s
}

func (d *decoder) pool(v lua.LValue, path string) *ChatPool {
	r := d.record(v, path)
	if r == nil {
		return nil
	}
	p := &ChatPool{FQDN: r.str("fqdn", true), Port: r.integer("port", 5041, 1, 65535),
		NextHop: r.str("nextHop", true), DefaultFor: r.strings("defaultFor"),
		DefaultForAll: r.boolean("defaultForAllSites"), SingleComputer: r.boolean("singleComputer"),
		DisasterRecovery: r.boolean("disasterRecovery"), Compliance: r.boolean("compliance"),
		FileStore: r.str("fileStore", true), State: r.oneOf("state", StateNormal, StateNormal, StateFailedOver)}
	p.StateDeclared = r.get("state") != lua.LNil
	r.list("servers", true, func(v lua.LValue, sp string) { p.Servers = append(p.Servers, d.server(v, sp)) })
	if s := d.storeSet(r.need("stores"), true); s != nil {
		p.Stores = *s
	}
	p.ComplianceStores = d.storeSet(r.sub("complianceStores"), true)
	r.done()
	return p
}

func (d *decoder) server(v lua.LValue, path string) *ChatServer {
	r := d.record(v, path)
	if r == nil {
		return nil
	}
	s := &ChatServer{FQDN: r.str("fqdn", true), Site: r.str("site", true), Active: r.boolean("active")}
	r.done()
	return s
}

func (d *decoder) storeSet(r *record, primaryRequired bool) *StoreSet {
	if r == nil {
		return nil
	}
	s := &StoreSet{Primary: r.str("primary", primaryRequired), Mirror: r.str("mirror", false),
		Witness: r.str("witness", false), Backup: r.str("backup", false),
		BackupMirror: r.str("backupMirror", false), BackupWitness: r.str("backupWitness", false)}
	r.done()
	return s
}

func (d *decoder) store(v lua.LValue, path string) *SqlStore {
	r := d.record(v, path)
	if r == nil {
		return nil
	}
	s := &SqlStore{Name: r.str("name", true), Host: r.str("host", true), Instance: r.str("instance", false),
		Site: r.str("site", true), Version: r.oneOf("version", "", knownVersions...),
		Edition: r.oneOf("edition", "", knownEditions...), Bits: r.integer("bits", 64, 32, 64),
		MirroringPort: r.integer("mirroringPort", 0, 1, 65535), Domain: r.str("domain", false),
		AlwaysOn: r.boolean("alwaysOn")}
	if s.Bits != 32 && s.Bits != 64 {
		d.fail(r.at("bits"), "", "expected 32 or 64, got %d", s.Bits)
	}
	d.requireSet(r, s.Version, "version")
	d.requireSet(r, s.Edition, "edition")
	r.done()
	return s
}

// requireSet reports a missing required enumerated field (oneOf treats
// absence as its default).
func (d *decoder) requireSet(r *record, got, key string) {
	if got == "" && r.t.RawGetString(key) == lua.LNil {
		d.fail(r.path, "", "missing required field '%s'", key)
	}
}

func (d *decoder) logShipping(r *record) *LogShipping {
	if r == nil {
		return nil
	}
	l := &LogShipping{Share: r.str("share", false), BackupDirectory: r.str("backupDirectory", false),
		CopyDirectory: r.str("copyDirectory", false)}
	r.done()
	return l
}

func (d *decoder) schedules(r *record) Schedules {
	s := Schedules{BackupMinutes: 15, CopyMinutes: 15, RestoreMinutes: 15, RetentionMinutes: 4320}
	if r == nil {
		return s
	}
	const day = 24 * 60
	s = Schedules{BackupMinutes: r.integer("backupMinutes", s.BackupMinutes, 1, day),
		CopyMinutes: r.integer("copyMinutes", s.CopyMinutes, 1, day), RestoreMinutes: r.integer("restoreMinutes", s.RestoreMinutes, 1, day),
		RestoreDelayMinutes: r.integer("restoreDelayMinutes", 0, 0, 30*day),
		RetentionMinutes:    r.integer("retentionMinutes", s.RetentionMinutes, 1, 365*day)}
	r.done()
	return s
}

func (d *decoder) thresholds(r *record) Thresholds {
	t := Thresholds{BackupAlertMinutes: 60, RestoreAlertMinutes: 45}
	if r == nil {
		return t
	}
	const week = 7 * 24 * 60
	t = Thresholds{BackupAlertMinutes: r.integer("backupAlertMinutes", t.BackupAlertMinutes, 1, week),
		RestoreAlertMinutes: r.integer("restoreAlertMinutes", t.RestoreAlertMinutes, 1, week)}
	r.done()
	return t
}
