package datacenter

import (
	"fmt"
	"path/filepath"
	"pcsh/runtime/atomicfile"
	"strings"
)

// TopologyFile is the topology document `pcsh lab up` writes for its
// layout, for Get-PcTopology, Test-PcTopology and the HA/DR cmdlets
// (PCSH_TOPOLOGY).
const TopologyFile = "topology.lua"

// storeKeys maps instance roles to the pool's store references.
var storeKeys = map[Role]string{RolePrimary: "primary", RoleMirror: "mirror", RoleWitness: "witness",
	RoleBackup: "backup", RoleBackupMirror: "backupMirror"}

// Topology renders the lab's topology document: sites with a Front End
// pool each, the stretched chat pool, one SQL store per instance (SQL
// Server 2012 Enterprise, mirroring port 5022, 7022 for witnesses), the
// share and copy directory, and schedules and thresholds a drill can run
// through in minutes.
func (s *State) Topology() string {
	var b strings.Builder
	b.WriteString("-- Written by pcsh lab up for the lab in " + s.Dir + ".\nreturn {\n  sites = {\n")
	for _, site := range s.Layout.Sites {
		fmt.Fprintf(&b, "    { name = %q, frontEnd = %q, timeZone = \"UTC\" },\n", site.Name, frontEnd(site.Name, s.Layout.Domain))
	}
	b.WriteString("  },\n  chatPools = {\n    {\n")
	s.writePool(&b)
	b.WriteString("    },\n  },\n  sqlStores = {\n")
	for _, r := range s.Instances {
		port := 5022
		if r.Role == RoleWitness {
			port = 7022
		}
		instance := ""
		if IsNamed(r.Instance.Instance) {
			instance = fmt.Sprintf("instance = %q, ", strings.ToUpper(r.Instance.Instance))
		}
		fmt.Fprintf(&b, "    { name = %q, host = %q, %ssite = %q, version = \"2012\", edition = \"Enterprise\", mirroringPort = %d },\n",
			r.Name, r.Host, instance, r.Site, port)
	}
	fmt.Fprintf(&b, "  },\n  logShipping = { share = %q, copyDirectory = %q },\n", s.Share, s.copyDirOfBackup())
	b.WriteString("  schedules = { backupMinutes = 1, copyMinutes = 1, restoreMinutes = 1, restoreDelayMinutes = 0, retentionMinutes = 60 },\n")
	b.WriteString("  thresholds = { backupAlertMinutes = 5, restoreAlertMinutes = 5 },\n}\n")
	return b.String()
}

func frontEnd(site, domain string) string { return "fe-" + strings.ToLower(site) + "." + domain }

func (s *State) writePool(b *strings.Builder) {
	p := s.Layout.Pool
	first := s.Layout.Sites[0].Name
	sites := make([]string, len(s.Layout.Sites))
	for i, site := range s.Layout.Sites {
		sites[i] = fmt.Sprintf("%q", site.Name)
	}
	fmt.Fprintf(b, "      fqdn = %q,\n      port = 5041,\n      nextHop = %q,\n      defaultFor = { %s },\n",
		p.FQDN, frontEnd(first, s.Layout.Domain), strings.Join(sites, ", "))
	fmt.Fprintf(b, "      disasterRecovery = %t,\n      fileStore = %q,\n      servers = {\n",
		len(s.Layout.Sites) > 1, `\\fs.`+s.Layout.Domain+`\lyncfs`)
	for _, srv := range p.Servers {
		fmt.Fprintf(b, "        { fqdn = %q, site = %q, active = %t },\n", srv.FQDN, srv.Site, srv.Active)
	}
	b.WriteString("      },\n      stores = {\n")
	for _, r := range s.Instances {
		if k, ok := storeKeys[r.Role]; ok {
			fmt.Fprintf(b, "        %s = %q,\n", k, r.Name)
		}
	}
	b.WriteString("      },\n")
}

func (s *State) copyDirOfBackup() string {
	for _, r := range s.Instances {
		if r.Role == RoleBackup {
			return s.CopyDirs[r.Name]
		}
	}
	return filepath.Join(s.Dir, "copy")
}

// writeTopology saves the topology document next to lab.json,
// atomically (a reader never sees half a document).
func (s *State) writeTopology() error {
	return atomicfile.WriteFileAtomic(filepath.Join(s.Dir, TopologyFile), []byte(s.Topology()), 0o644)
}
