package topology

import (
	"strconv"
	"strings"
)

// storeSet maps the pool's dependencies on one store role (mgc or
// mgccomp): the one with Usage Default is the primary, one whose Usage
// names a backup is the backup (Q1); mirror and witness come from
// references on the store's service or its SQL instance (Q2). It reports
// whether a backup store was found.
func (m *mapper) storeSet(field string, sv *xservice, deps []xdep, mgc bool) (*docTable, bool) {
	if len(deps) == 0 {
		if mgc {
			m.gap(field+".primary", sv.path+"/DependsOn", true, "", "no dependency on a PersistentChatStore")
		}
		return nil, false
	}
	var primary, backup []xdep
	for _, d := range deps {
		u := strings.ToLower(d.usage)
		switch {
		case u == "" || u == "default":
			primary = append(primary, d)
		case strings.Contains(u, "backup"):
			backup = append(backup, d)
		default:
			m.gap(field, d.path, false, "", "a store dependency with Usage %q, which no reading knows (Q1)", d.usage)
		}
	}
	t := newDocTable()
	if len(primary) == 1 {
		reading := ""
		if !mgc {
			reading = "the dependency on a PersistentChatComplianceStore read as the primary mgccomp store; its Usage in a real export is unknown (§4.2 model)"
		}
		m.store(t, field, [3]string{"primary", "mirror", "witness"}, primary[0], reading)
	} else {
		m.gap(field+".primary", sv.path+"/DependsOn", true, "",
			"%d store dependencies with Usage Default (one expected; a second one cannot be told from a backup, Q1)%s", len(primary), depPaths(primary))
	}
	hasBackup := false
	switch {
	case len(backup) == 1:
		hasBackup = m.store(t, field, [3]string{"backup", "backupMirror", "backupWitness"}, backup[0],
			"the store dependency with Usage '"+backup[0].usage+"' read as the backup (log shipping secondary) store (Q1)")
	case len(backup) > 1:
		m.gap(field+".backup", sv.path+"/DependsOn", true, "", "%d store dependencies whose Usage names a backup (one expected)%s", len(backup), depPaths(backup))
	}
	return t, hasBackup
}

func depPaths(deps []xdep) string {
	var p []string
	for _, d := range deps {
		p = append(p, d.path)
	}
	if len(p) == 0 {
		return ""
	}
	return ": " + strings.Join(p, ", ")
}

// store maps one store dependency to roles[0] and the mirror and witness
// found for it to roles[1] and roles[2]. It reports whether it mapped.
func (m *mapper) store(t *docTable, field string, roles [3]string, d xdep, reading string) bool {
	svc := m.g.byKey[d.target]
	sql := m.g.sqls[svc.installedOn]
	if sql == nil {
		m.gap(field+"."+roles[0], svc.path, true, "", "the store service's InstalledOn names no SQL instance in the file")
		return false
	}
	name := m.sqlStore(sql)
	t.set(roles[0], name)
	if reading != "" {
		m.unverified(field+"."+roles[0], name, d.path, reading)
	}
	found := map[string][]xref{}
	for _, r := range append(append([]xref(nil), svc.refs...), sql.refs...) {
		switch {
		case m.g.sqls[r.target] == nil:
			m.gap(field, r.path, false, "", "a reference to a SQL instance the file does not hold (%s)", r.target)
		case r.kind == "":
			m.gap(field, r.path, false, "", "a reference to a SQL instance whose name (%s) says neither mirror nor witness", r.via)
		default:
			found[r.kind] = append(found[r.kind], r)
		}
	}
	for i, kind := range []string{"mirror", "witness"} {
		refs := found[kind]
		f := field + "." + roles[i+1]
		switch {
		case len(refs) == 1:
			n := m.sqlStore(m.g.sqls[refs[0].target])
			t.set(roles[i+1], n)
			m.unverified(f, n, refs[0].path, "the element or attribute "+refs[0].via+" read as the "+kind+
				" of the store; where a real export records it is unknown (Q2)")
		case len(refs) > 1:
			m.gap(f, refs[0].path, false, "", "%d references read as the %s (one expected)", len(refs), kind)
		}
	}
	return true
}

// sqlStore returns the topology name of a SQL instance, adding its
// sqlStores entry the first time: the host's first label, with the
// instance name when another store has that label already.
func (m *mapper) sqlStore(q *xsql) string {
	if n, ok := m.storeName[q.key]; ok {
		return n
	}
	c := m.g.clusters[q.cluster]
	host := ""
	siteID := ""
	if c != nil {
		host, siteID = c.fqdn, c.siteID
	}
	label, _, _ := strings.Cut(strings.ToLower(host), ".")
	name := label
	if name == "" || m.used[name] {
		name = label + "-" + orWord(strings.ToLower(q.name), "default")
	}
	for i := 2; m.used[name]; i++ {
		name = label + "-" + strconv.Itoa(i)
	}
	m.used[name], m.storeName[q.key] = true, name
	field := "sqlStores[" + name + "]"
	t := newDocTable()
	t.set("name", name)
	if host == "" {
		m.gap(field+".host", q.path, true, "", "the SQL instance's cluster is not in the file or has no Fqdn")
	}
	t.set("host", host)
	t.set("instance", q.name)
	if s := m.g.site(siteID); s != nil && s.name != "" {
		t.set("site", s.name)
		m.unverified(field+".site", s.name, q.path, "the topology site of the SQL host read as its data center; the topology cannot tell them apart (notes §4.3 step 6, §6)")
	} else {
		m.gap(field+".site", q.path, true, "", "the SQL host's cluster is in no central site of the file")
	}
	m.sqlFacts(t, field, q)
	m.storeList = append(m.storeList, t)
	return name
}

// sqlFacts sets what the topology does not hold (version, edition) from
// the options, and the mirroring port and AlwaysOn from the instance.
func (m *mapper) sqlFacts(t *docTable, field string, q *xsql) {
	for _, f := range []struct{ key, value, param string }{
		{"version", m.opts.SqlVersion, "-SqlVersion"}, {"edition", m.opts.SqlEdition, "-SqlEdition"}} {
		m.gap(field+"."+f.key, q.path, true, f.param+" or -Override", "the SQL Server %s is not in the topology", f.key)
		if f.value != "" {
			t.set(f.key, f.value)
			m.res.Unmapped[len(m.res.Unmapped)-1].SuppliedBy = f.param
		}
	}
	if q.mirroringPort != "" {
		if n, err := strconv.Atoi(q.mirroringPort); err == nil && n > 0 && n < 65536 {
			t.set("mirroringPort", n)
			m.unverified(field+".mirroringPort", q.mirroringPort, q.path+"/@"+q.portAttr,
				"the attribute "+q.portAttr+" read as the mirroring endpoint port (Q3)")
		} else {
			m.gap(field+".mirroringPort", q.path+"/@"+q.portAttr, false, "", "%q is not a port number", q.mirroringPort)
		}
	} else {
		m.gap(field+".mirroringPort", q.path, false, "", "no mirroring port attribute (Q3); the document's default (5022, 7022 for a witness) applies")
	}
	if q.alwaysOn {
		t.set("alwaysOn", true)
	}
}
