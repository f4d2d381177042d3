package datacenter

import (
	"path/filepath"
	"strings"

	"pcsh/modules/connection"
	"pcsh/modules/pchat"
	"pcsh/modules/topology"
)

// EnvVar is one environment variable that points pcsh at a lab.
type EnvVar struct {
	Name  string
	Value string
}

// Environment lists the variables that point pcsh at this lab, in the
// order `pcsh lab up` prints them: PCSH_LAB_FILE (lab.json, which
// resolves the lab's instance names), PCSH_TOPOLOGY (its topology.lua)
// and PCSH_CMS_DIR (its Central Management Store).
func (s *State) Environment() []EnvVar {
	return []EnvVar{
		{connection.LabFileEnv, filepath.Join(s.Dir, StateFile)},
		{topology.EnvPath, filepath.Join(s.Dir, TopologyFile)},
		{pchat.EnvCMSDir, s.CMSDir},
	}
}

// ExportLine is the shell line that sets the lab's environment:
// "export PCSH_LAB_FILE=… PCSH_TOPOLOGY=… PCSH_CMS_DIR=…".
func ExportLine(vars []EnvVar) string {
	parts := make([]string, len(vars))
	for i, v := range vars {
		parts[i] = v.Name + "=" + v.Value
	}
	return "export " + strings.Join(parts, " ")
}
