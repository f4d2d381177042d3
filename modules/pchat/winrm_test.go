package pchat

import (
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"pcsh/modules/pchat/winrmfake"
	"pcsh/runtime/cmdlet"
	"pcsh/runtime/cmdlet/cmdlettest"
	"pcsh/runtime/shell"
)

const (
	winrmUser     = `CONTOSO\lyncadmin`
	winrmPassword = "Winrm-Test-2013!"
)

// newWinRM starts the fake WinRM service on loopback and returns the
// environment that selects it: Basic inside TLS, its CA in
// PCSH_WINRM_CA_FILE, the example topology.
func newWinRM(t *testing.T) (*winrmfake.Server, map[string]string) {
	t.Helper()
	s, err := winrmfake.Start("127.0.0.1:0", winrmUser, winrmPassword)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	ca := filepath.Join(t.TempDir(), "ca.pem")
	writeFile(t, ca, string(s.CAPEM))
	topo, _ := filepath.Abs("../topology/testdata/topology.lua")
	return s, map[string]string{EnvLyncShell: s.URI("basic"), EnvWinRMUser: winrmUser, EnvWinRMPassword: winrmPassword,
		EnvWinRMCAFile: ca, "PCSH_TOPOLOGY": topo}
}

// base64Line is the one WinRS command line pcsh sends.
var base64Line = regexp.MustCompile(`^powershell\.exe -NoProfile -NonInteractive -EncodedCommand ([A-Za-z0-9+/]+={0,2})$`)

// sentScripts checks every command line and returns the scripts.
func sentScripts(t *testing.T, s *winrmfake.Server) []string {
	t.Helper()
	seen := s.Seen()
	for i, line := range seen.Commands {
		m := base64Line.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("command line %q is not powershell.exe … -EncodedCommand <base64>", line)
		}
		if got, err := winrmfake.DecodeCommand(m[1]); err != nil || got != seen.Scripts[i] {
			t.Fatalf("command %d decodes to %q, %v", i, got, err)
		}
	}
	return seen.Scripts
}

func TestWinRMGetStateRunsTheDocumentedExchange(t *testing.T) {
	s, env := newWinRM(t)
	r := invoke(t, env, "Get-CsPersistentChatState")
	if r.err != nil || len(r.out) != 1 {
		t.Fatal(r.err, r.out)
	}
	if prop(t, r.out[0], "Identity") != "service:PersistentChatServer:pc.contoso.com" || prop(t, r.out[0], "PoolState") != "Normal" {
		t.Fatalf("got %v", r.out[0])
	}
	if want := []string{"Create", "Command", "Receive", "Signal", "Delete"}; !reflect.DeepEqual(s.Seen().Actions, want) {
		t.Fatalf("actions %q, want %q", s.Seen().Actions, want)
	}
	if scripts := sentScripts(t, s); !reflect.DeepEqual(scripts, []string{scriptOf(readScript)}) {
		t.Fatalf("scripts %q", scripts)
	}
}

func TestWinRMActiveServersParseGetCsService(t *testing.T) {
	_, env := newWinRM(t)
	r := invoke(t, env, "Get-CsPersistentChatActiveServer")
	if r.err != nil || len(r.out) != 1 {
		t.Fatal(r.err, r.out)
	}
	if got := prop(t, r.out[0], "ActiveServers"); !reflect.DeepEqual(got, []any{"pc1.contoso.com", "pc2.contoso.com"}) {
		t.Fatalf("active servers %v", got)
	}
}

func TestWinRMSetsSendTheDocumentedLines(t *testing.T) {
	for _, tc := range []struct{ line, want string }{
		{`Set-CsPersistentChatActiveServer -Identity "global" -ActiveServers @{Add="pc3.contoso.com"}`,
			"Set-CsPersistentChatActiveServer -Identity 'global' -ActiveServers @{Add='pc3.contoso.com'}"},
		{`Set-CsPersistentChatState -Identity "service:pc.contoso.com" -PoolState FailedOver -Force`,
			"Set-CsPersistentChatState -Identity 'service:PersistentChatServer:pc.contoso.com' -PoolState 'FailedOver'"},
	} {
		s, env := newWinRM(t)
		r := invoke(t, env, tc.line)
		if r.err != nil || len(r.errs) != 0 {
			t.Fatal(tc.line, r.err, r.errs)
		}
		if scripts := sentScripts(t, s); !reflect.DeepEqual(scripts, []string{scriptOf(readScript), scriptOf(tc.want)}) {
			t.Fatalf("%s: scripts %q, want the read and %q", tc.line, scripts, tc.want)
		}
	}
}

func TestWinRMWhatIfNamesTheEndpointAndSendsOnlyTheRead(t *testing.T) {
	s, env := newWinRM(t)
	r := invoke(t, env, `Set-CsPersistentChatState -Identity "service:pc.contoso.com" -PoolState FailedOver -WhatIf`)
	if r.err != nil || len(r.errs) != 0 {
		t.Fatal(r.err, r.errs)
	}
	want := `What if: Performing the operation "Set-CsPersistentChatState -Identity 'service:PersistentChatServer:pc.contoso.com' -PoolState 'FailedOver'" ` +
		`on target "service:PersistentChatServer:pc.contoso.com on ` + s.URL + `/wsman (basic)".`
	if lines := strings.Join(r.host.Lines, "\n"); !strings.Contains(lines, want) || strings.Contains(lines, winrmPassword) {
		t.Fatalf("host lines:\n%s\nwant %s", lines, want)
	}
	if scripts := sentScripts(t, s); !reflect.DeepEqual(scripts, []string{scriptOf(readScript)}) {
		t.Fatalf("scripts %q", scripts)
	}
}

func TestWinRMRetriesAReceiveThatTimedOut(t *testing.T) {
	s, env := newWinRM(t)
	s.FailOnce("Receive", winrmfake.TimedOut)
	if r := invoke(t, env, "Get-CsPersistentChatState"); r.err != nil || len(r.out) != 1 {
		t.Fatal(r.err, r.out)
	}
	if actions := strings.Join(s.Seen().Actions, " "); actions != "Create Command Receive Receive Signal Delete" {
		t.Fatalf("actions %q: want a second Receive", actions)
	}
}

// closedPort is a loopback port nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

func TestWinRMBadInputIsAClearErrorAndChangesNothing(t *testing.T) {
	const setLine = `Set-CsPersistentChatState -Identity "service:pc.contoso.com" -PoolState FailedOver -Force`
	for _, tc := range []struct {
		name, id, text string
		setup          func(s *winrmfake.Server, env map[string]string)
	}{
		{"401", "WinRMAccessDenied", "refused the basic credentials of 'CONTOSO\\lyncadmin': HTTP 401 (the service offers Negotiate, Basic)",
			func(s *winrmfake.Server, env map[string]string) { env[EnvWinRMPassword] = "Not-The-Password-1" }},
		{"access-denied", "WinRMAccessDenied", "denied 'CONTOSO\\lyncadmin' a shell: Access is denied. (w:InternalError, WSManFault code 2147942405)",
			func(s *winrmfake.Server, env map[string]string) { s.Fail("Create", winrmfake.AccessDenied) }},
		{"access-denied-5", "WinRMAccessDenied", "Access is denied. (w:AccessDenied, WSManFault code 5)",
			func(s *winrmfake.Server, env map[string]string) {
				s.Fail("Create", winrmfake.Fault("s:Sender", "w:AccessDenied", "Access is denied.", "5"))
			}},
		{"untrusted", "WinRMTlsFailed", "certificate signed by unknown authority",
			func(s *winrmfake.Server, env map[string]string) { delete(env, EnvWinRMCAFile) }},
		{"shell-not-found", "WinRMFault", "the shell was not found on the server.",
			func(s *winrmfake.Server, env map[string]string) { s.Fail("Command", winrmfake.ShellNotFound) }},
		{"timed-out", "WinRMTimedOut", "within the time specified in OperationTimeout. (w:TimedOut, WSManFault code 2150858793)",
			func(s *winrmfake.Server, env map[string]string) { s.Fail("Create", winrmfake.TimedOut) }},
		{"truncated", "WinRMBadReply", "the reply to Receive is not a SOAP envelope: XML syntax error",
			func(s *winrmfake.Server, env map[string]string) { s.Fail("Receive", winrmfake.Truncated) }},
		{"garbage", "WinRMBadReply", "the reply to Create is not a SOAP envelope",
			func(s *winrmfake.Server, env map[string]string) {
				s.Fail("Create", winrmfake.Body(http.StatusOK, "text/html", "<html><body>Proxy login</body></html>"))
			}},
		{"empty", "WinRMBadReply", "the reply to Receive is not a SOAP envelope: EOF",
			func(s *winrmfake.Server, env map[string]string) {
				s.Fail("Receive", winrmfake.Body(http.StatusOK, "application/soap+xml", ""))
			}},
		{"wrong-reply", "WinRMBadReply", "the reply to Receive is " + winrmfake.NSShell + "/SignalResponse, not ReceiveResponse",
			func(s *winrmfake.Server, env map[string]string) {
				s.Fail("Receive", winrmfake.Body(http.StatusOK, "application/soap+xml", string(winrmfake.Envelope(winrmfake.NSShell+"/SignalResponse", ""))))
			}},
		{"http-500", "WinRMHttpError", "answered HTTP 503 Service Unavailable",
			func(s *winrmfake.Server, env map[string]string) {
				s.Fail("Create", winrmfake.Body(http.StatusServiceUnavailable, "text/plain", "busy"))
			}},
		{"exit", "ManagementShellFailed", "exit code 1): Import-Module : The specified module 'Lync' was not loaded",
			func(s *winrmfake.Server, env map[string]string) {
				s.Answer(func(string) winrmfake.Reply {
					return winrmfake.Reply{Stderr: winrmfake.CLIXMLError("Import-Module : The specified module 'Lync' was not loaded because no valid module file was found in any module directory."), ExitCode: 1}
				})
			}},
		{"refused", "WinRMConnectFailed", "connect: connection refused",
			func(s *winrmfake.Server, env map[string]string) {
				env[EnvLyncShell] = "winrm://" + closedPort(t) + "?auth=basic"
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, env := newWinRM(t)
			tc.setup(s, env)
			r := invoke(t, env, setLine)
			if errorID(r.err) != tc.id || !strings.Contains(r.err.Error(), tc.text) {
				t.Fatalf("got %v (%s), want %s with %q", r.err, errorID(r.err), tc.id, tc.text)
			}
			rec := cmdlet.AsRecord(r.err)
			for _, text := range []string{rec.Error(), rec.Hint, strings.Join(r.host.Lines, "\n")} {
				if strings.Contains(text, "Not-The-Password-1") || strings.Contains(text, winrmPassword) {
					t.Fatalf("the password leaked: %q", text)
				}
			}
			for _, script := range s.Seen().Scripts {
				if script != scriptOf(readScript) {
					t.Fatalf("the change was sent: %q", script)
				}
			}
		})
	}
}

func TestWinRMFailureAfterTheCommandSaysItMayHaveRun(t *testing.T) {
	s, env := newWinRM(t)
	s.Fail("Receive", winrmfake.Truncated)
	r := invoke(t, env, "Get-CsPersistentChatState")
	if rec := cmdlet.AsRecord(r.err); rec == nil || !strings.Contains(rec.Hint, "it may have run") {
		t.Fatalf("got %v", r.err)
	}
	r = invoke(t, env, "Get-CsPersistentChatState") // Create fails before any Command
	s.Fail("Create", winrmfake.ShellNotFound)
	r = invoke(t, env, "Get-CsPersistentChatState")
	if rec := cmdlet.AsRecord(r.err); rec == nil || strings.Contains(rec.Hint, "it may have run") {
		t.Fatalf("got %v (hint %q)", r.err, rec.Hint)
	}
}

func TestWinRMNTLMNegotiatesAndNeverSendsBasic(t *testing.T) {
	s, env := newWinRM(t)
	env[EnvLyncShell] = s.URI("ntlm")
	r := invoke(t, env, "Get-CsPersistentChatState")
	if errorID(r.err) != "WinRMAccessDenied" {
		t.Fatalf("got %v", r.err)
	}
	negotiated := false
	for _, a := range s.Seen().Auth {
		if strings.HasPrefix(a, "Basic") {
			t.Fatalf("NTLM sent Basic credentials: %q", s.Seen().Auth)
		}
		negotiated = negotiated || strings.HasPrefix(a, "Negotiate TlRMTVNTUAAB") // an NTLM NEGOTIATE_MESSAGE
	}
	if !negotiated {
		t.Fatalf("no NTLM negotiation in %q", s.Seen().Auth)
	}
}

func TestWinRMKerberosWithoutATicketSendsNothing(t *testing.T) {
	s, env := newWinRM(t)
	conf := filepath.Join(t.TempDir(), "krb5.conf")
	writeFile(t, conf, "[libdefaults]\n  default_realm = CONTOSO.COM\n")
	env[EnvLyncShell], env["KRB5_CONFIG"], env["KRB5CCNAME"] = s.URI("kerberos"), conf, "FILE:"+filepath.Join(t.TempDir(), "none")
	delete(env, EnvWinRMPassword)
	r := invoke(t, env, "Get-CsPersistentChatState")
	if errorID(r.err) != "WinRMKerberosFailed" || !strings.Contains(r.err.Error(), "run kinit") {
		t.Fatalf("got %v", r.err)
	}
	if actions := s.Seen().Actions; len(actions) != 0 {
		t.Fatalf("sent %q", actions)
	}
}

func TestWinRMCredentialMissingNonInteractive(t *testing.T) {
	s, env := newWinRM(t)
	delete(env, EnvWinRMPassword)
	r := invoke(t, env, "Get-CsPersistentChatState")
	if errorID(r.err) != "WinRMCredentialMissing" {
		t.Fatalf("got %v", r.err)
	}
	if actions := s.Seen().Actions; len(actions) != 0 {
		t.Fatalf("sent %q", actions)
	}
}

func TestConnectPcManagementShellServesTheSession(t *testing.T) {
	s, env := newWinRM(t)
	uri := s.URI("basic")
	delete(env, EnvLyncShell)
	delete(env, EnvWinRMUser)
	h := &cmdlettest.Host{}
	sess := cmdlettest.NewSession(h)
	sess.Getenv = func(k string) string { return env[k] }
	out := run(t, sess, `Connect-PcManagementShell `+uri+` -Credential 'CONTOSO\lyncadmin'`)
	if prop(t, out[0], "ModuleVersion") != winrmfake.ModuleVersion || prop(t, out[0], "User") != winrmUser {
		t.Fatalf("got %v", out)
	}
	if out = run(t, sess, "Get-CsPersistentChatState"); prop(t, out[0], "PoolState") != "Normal" {
		t.Fatalf("got %v", out)
	}
	if sess.Secrets.Redact(winrmPassword) != cmdlet.Mask {
		t.Fatal("the password is not registered as a secret")
	}
	if scripts := sentScripts(t, s); len(scripts) != 2 || scripts[0] != scriptOf("[string](Get-Module -Name 'Lync').Version") {
		t.Fatalf("scripts %q", scripts)
	}
}

// run runs one command line in s and fails the test on any error.
func run(t *testing.T, s *cmdlet.Session, line string) []any {
	t.Helper()
	pls, err := shell.Parse(line)
	if err != nil {
		t.Fatal(err)
	}
	call := pls[0].Calls[0]
	cmd, _ := s.Registry.Lookup(call.Name)
	out, errs, err := s.Invoke(context.Background(), s.Prefs, cmd, shell.Args(cmd, call.Elems), nil)
	if err != nil || len(errs) != 0 || len(out) == 0 {
		t.Fatalf("%s: %v %v %v", line, err, errs, out)
	}
	return out
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}
