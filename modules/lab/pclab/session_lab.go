package pclab

import (
	"pcsh/modules/connection"
	"pcsh/modules/lab/datacenter"
	"pcsh/runtime/cmdlet"
)

// useLab points a session at a lab (Start-PcLab -UseInSession): the
// session's environment answers the lab's variables ahead of the process
// environment, which topology, pchat and backup read per call, and the
// session's connection manager reads the lab's file, since it keeps the
// environment it was created with.
func useLab(s *cmdlet.Session, vars []datacenter.EnvVar) {
	vals := make(map[string]string, len(vars))
	for _, v := range vars {
		vals[v.Name] = v.Value
	}
	prev := s.Getenv
	s.Getenv = func(key string) string {
		if v, ok := vals[key]; ok {
			return v
		}
		return prev(key)
	}
	connection.For(s).LabFile = vals[connection.LabFileEnv]
}
