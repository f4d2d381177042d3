package testscripts

import (
	"fmt"
	"os"
	"strings"
	"sync"

	"github.com/rogpeppe/go-internal/testscript"

	"pcsh/modules/pchat/winrmfake"
)

// winrmServers holds each script's fake WinRM service.
var winrmServers sync.Map // *testscript.TestScript → *winrmService

// winrmService is a script's fake service and how many of its scripts
// `winrmfake sent` has written.
type winrmService struct {
	*winrmfake.Server
	written int
}

// winrmFake drives a fake WinRM service (pcsh/modules/pchat/winrmfake)
// answering as the Lync Server Management Shell does:
//
//	winrmfake start ADDR USER PASSWORD   listen on ADDR (HTTPS), accept USER's Basic credentials,
//	                                     set PCSH_LYNC_SHELL and PCSH_WINRM_CA_FILE
//	winrmfake fail ACTION access-denied|shell-not-found|timed-out   fault every ACTION from now on
//	winrmfake sent FILE                  write the scripts received since the last sent, decoded, to FILE
func winrmFake(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: winrmfake start ADDR USER PASSWORD | fail ACTION FAULT | sent FILE")
	}
	if args[0] == "start" {
		startWinRM(ts, args[1:])
		return
	}
	v, ok := winrmServers.Load(ts)
	if !ok {
		ts.Fatalf("winrmfake start first")
	}
	s := v.(*winrmService)
	switch {
	case args[0] == "fail" && len(args) == 3:
		f, ok := map[string]winrmfake.Failure{"access-denied": winrmfake.AccessDenied,
			"shell-not-found": winrmfake.ShellNotFound, "timed-out": winrmfake.TimedOut}[args[2]]
		if !ok {
			ts.Fatalf("unknown fault %s", args[2])
		}
		s.Fail(args[1], f)
	case args[0] == "sent" && len(args) == 2:
		var b strings.Builder
		scripts := s.Seen().Scripts
		for i, script := range scripts[s.written:] {
			fmt.Fprintf(&b, "# script %d\n%s\n", s.written+i+1, script)
		}
		s.written = len(scripts)
		ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(b.String()), 0o600))
	default:
		ts.Fatalf("usage: winrmfake start ADDR USER PASSWORD | fail ACTION FAULT | sent FILE")
	}
}

func startWinRM(ts *testscript.TestScript, args []string) {
	if len(args) != 3 {
		ts.Fatalf("usage: winrmfake start ADDR USER PASSWORD")
	}
	s, err := winrmfake.Start(args[0], args[1], args[2])
	ts.Check(err)
	winrmServers.Store(ts, &winrmService{Server: s})
	ts.Defer(func() {
		winrmServers.Delete(ts)
		_ = s.Close()
	})
	ca := ts.MkAbs("winrm-ca.pem")
	ts.Check(os.WriteFile(ca, s.CAPEM, 0o600))
	ts.Setenv("PCSH_LYNC_SHELL", s.URI("basic"))
	ts.Setenv("PCSH_WINRM_CA_FILE", ca)
}
