package pchat

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/cmdlet/cmdlettest"
	"pcsh/runtime/shell"
)

// The documented outputs, as the read script's ConvertTo-Json renders
// them: Get-CsPersistentChatState's Identity and PoolState, and
// Get-CsService -PersistentChatServer's PoolFqdn, ActiveServers and
// InactiveServers (DisplayPersistentChatServer).
const (
	docStates = `{"Identity":"service:PersistentChatServer:pc.contoso.com","PoolState":"Normal"}`
	docPools  = `{"PoolFqdn":"pc.contoso.com","ActiveServers":["pc1.contoso.com","pc2.contoso.com"],` +
		`"InactiveServers":["pc3.contoso.com","pc4.contoso.com","pc5.contoso.com","pc6.contoso.com","pc7.contoso.com","pc8.contoso.com"]}`
	docRead = `{"States":[` + docStates + `],"Pools":[` + docPools + `]}`
)

// lyncAnswer answers the read script with the documented outputs and
// every Set-Cs… line with nothing, as the cmdlets do.
func lyncAnswer(script string) (string, string, int) {
	if strings.Contains(script, "ConvertTo-Json") {
		return docRead + "\r\n", "", 0
	}
	return "", "", 0
}

// clixmlError is what powershell.exe -EncodedCommand writes to a
// redirected stderr for a terminating error (a progress record first).
func clixmlError(text string) string {
	return "#< CLIXML\r\n<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">" +
		`<Obj S="progress" RefId="0"><TN RefId="0"><T>System.Management.Automation.PSCustomObject</T><T>System.Object</T></TN>` +
		`<MS><I64 N="SourceId">1</I64><PR N="Record"><AV>Preparing modules for first use.</AV><AI>0</AI><Nil /><PI>-1</PI><PC>-1</PC><T>Completed</T><SR>-1</SR><SD> </SD></PR></MS></Obj>` +
		`<S S="Error">` + strings.ReplaceAll(text, "\n", "_x000D__x000A_") + `_x000D__x000A_</S></Objs>`
}

func TestWinRMReadRunsTheDocumentedExchange(t *testing.T) {
	f, env := newFakeWinRM(t)
	f.answer = lyncAnswer
	r := invoke(t, env, "Get-CsPersistentChatState")
	if r.err != nil || len(r.out) != 1 || prop(t, r.out[0], "PoolState") != "Normal" {
		t.Fatal(r.err, r.out)
	}
	actions, commands, scripts := f.seen()
	if want := []string{"Create", "Command", "Receive", "Signal", "Delete"}; !reflect.DeepEqual(actions, want) {
		t.Fatalf("actions %q, want %q", actions, want)
	}
	enc := strings.TrimPrefix(commands[0], "powershell.exe -NoProfile -NonInteractive -EncodedCommand ")
	if enc == commands[0] || strings.ContainsAny(enc, " '\"") || scripts[0] != scriptOf(readScript) {
		t.Fatalf("command line %q carries %q", commands[0], scripts[0])
	}
}

func TestWinRMSetActiveServerSendsTheDocumentedLine(t *testing.T) {
	f, env := newFakeWinRM(t)
	f.answer = lyncAnswer
	r := invoke(t, env, `Set-CsPersistentChatActiveServer -Identity "global" -ActiveServers @{Add="pc3.contoso.com"}`)
	if r.err != nil || len(r.errs) != 0 {
		t.Fatal(r.err, r.errs)
	}
	_, _, scripts := f.seen()
	want := scriptOf("Set-CsPersistentChatActiveServer -Identity 'global' -ActiveServers @{Add='pc3.contoso.com'}")
	if len(scripts) != 2 || scripts[1] != want {
		t.Fatalf("scripts %q, want the read and %q", scripts, want)
	}
}

func TestWinRMActiveServersParseGetCsService(t *testing.T) {
	f, env := newFakeWinRM(t)
	f.answer = lyncAnswer
	r := invoke(t, env, "Get-CsPersistentChatActiveServer")
	if r.err != nil || len(r.out) != 1 {
		t.Fatal(r.err, r.out)
	}
	if got := prop(t, r.out[0], "ActiveServers"); !reflect.DeepEqual(got, []any{"pc1.contoso.com", "pc2.contoso.com"}) {
		t.Fatalf("active servers %v", got)
	}
}

func TestWinRMRetriesAReceiveThatTimedOut(t *testing.T) {
	f, env := newFakeWinRM(t)
	f.answer = lyncAnswer
	f.fail["Receive"] = func(w http.ResponseWriter) {
		delete(f.fail, "Receive") // the next Receive gets the output
		writeFault(w, "w:TimedOut", "The WS-Management service cannot complete the operation within the time specified in OperationTimeout.", "2150858793")
	}
	if r := invoke(t, env, "Get-CsPersistentChatState"); r.err != nil || len(r.out) != 1 {
		t.Fatal(r.err, r.out)
	}
	if actions, _, _ := f.seen(); strings.Count(strings.Join(actions, " "), "Receive") != 2 {
		t.Fatalf("actions %q: want a second Receive", actions)
	}
}

// writeFault answers with a WS-Management fault ([MS-WSMV] 2.2.4.43).
func writeFault(w http.ResponseWriter, subcode, text, code string) {
	w.Header().Set("Content-Type", "application/soap+xml;charset=UTF-8")
	w.WriteHeader(http.StatusInternalServerError)
	fmt.Fprint(w, soapReply("http://schemas.dmtf.org/wbem/wsman/1/wsman/fault",
		`<s:Fault><s:Code><s:Value>s:Receiver</s:Value><s:Subcode><s:Value>`+subcode+`</s:Value></s:Subcode></s:Code>`+
			`<s:Reason><s:Text xml:lang="en-US">`+text+`</s:Text></s:Reason><s:Detail>`+
			`<f:WSManFault xmlns:f="http://schemas.microsoft.com/wbem/wsman/1/wsmanfault" Code="`+code+`" Machine="fe1.contoso.com">`+
			`<f:Message>`+text+` </f:Message></f:WSManFault></s:Detail></s:Fault>`))
}

func TestWinRMBadInputIsAClearErrorAndChangesNothing(t *testing.T) {
	const setLine = `Set-CsPersistentChatState -Identity "service:pc.contoso.com" -PoolState FailedOver -Force`
	shellGone := "The request for the Windows Remote Shell with ShellId " + shellID + " failed because the shell was not found on the server."
	for _, tc := range []struct {
		name, id, text string
		setup          func(f *fakeWinRM, env map[string]string)
	}{
		{"401", "WinRMAccessDenied", "offers Negotiate, Basic", func(f *fakeWinRM, env map[string]string) {
			env[EnvWinRMPassword] = "Not-The-Password-1"
		}},
		{"tls", "WinRMTlsFailed", "x509", func(f *fakeWinRM, env map[string]string) { delete(env, EnvWinRMCAFile) }},
		{"fault", "WinRMFault", "shell was not found on the server. (w:InvalidSelectors, WSManFault code 2150858843)", func(f *fakeWinRM, env map[string]string) {
			f.fail["Command"] = func(w http.ResponseWriter) { writeFault(w, "w:InvalidSelectors", shellGone, "2150858843") }
		}},
		{"truncated", "WinRMBadReply", "XML", func(f *fakeWinRM, env map[string]string) {
			f.fail["Receive"] = func(w http.ResponseWriter) {
				w.Header().Set("Content-Type", "application/soap+xml;charset=UTF-8")
				full := f.receive("none")
				fmt.Fprint(w, full[:len(full)/2])
			}
		}},
		{"exit", "ManagementShellFailed", "exit code 1): Import-Module : The specified module 'Lync' was not loaded", func(f *fakeWinRM, env map[string]string) {
			f.answer = func(string) (string, string, int) {
				return "", clixmlError("Import-Module : The specified module 'Lync' was not loaded because no valid module file was found in any module directory."), 1
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, env := newFakeWinRM(t)
			f.answer = lyncAnswer
			tc.setup(f, env)
			r := invoke(t, env, setLine)
			if errorID(r.err) != tc.id || !strings.Contains(r.err.Error(), tc.text) {
				t.Fatalf("got %v (%s), want %s with %q", r.err, errorID(r.err), tc.id, tc.text)
			}
			if strings.Contains(r.err.Error(), "Not-The-Password-1") || strings.Contains(r.err.Error(), f.pass) {
				t.Fatalf("the password leaked: %v", r.err)
			}
			if _, _, scripts := f.seen(); len(scripts) > 1 || (len(scripts) == 1 && scripts[0] != scriptOf(readScript)) {
				t.Fatalf("the change was sent: %q", scripts)
			}
		})
	}
}

func TestWinRMNTLMNegotiatesAndNeverSendsThePassword(t *testing.T) {
	f, env := newFakeWinRM(t)
	env[EnvLyncShell] = f.uri("ntlm")
	r := invoke(t, env, "Get-CsPersistentChatState")
	if errorID(r.err) != "WinRMAccessDenied" {
		t.Fatalf("got %v", r.err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	negotiated := false
	for _, a := range f.auth {
		if strings.HasPrefix(a, "Basic") {
			t.Fatalf("NTLM sent Basic credentials: %q", f.auth)
		}
		negotiated = negotiated || strings.HasPrefix(a, "Negotiate TlRMTVNTUAAB") // an NTLM NEGOTIATE_MESSAGE
	}
	if !negotiated {
		t.Fatalf("no NTLM negotiation in %q", f.auth)
	}
}

func TestWinRMKerberosWithoutATicketSendsNothing(t *testing.T) {
	f, env := newFakeWinRM(t)
	conf := filepath.Join(t.TempDir(), "krb5.conf")
	writeFile(t, conf, "[libdefaults]\n  default_realm = CONTOSO.COM\n")
	env[EnvLyncShell], env["KRB5_CONFIG"], env["KRB5CCNAME"] = f.uri("kerberos"), conf, "FILE:"+filepath.Join(t.TempDir(), "none")
	delete(env, EnvWinRMPassword)
	r := invoke(t, env, "Get-CsPersistentChatState")
	if errorID(r.err) != "WinRMKerberosFailed" || !strings.Contains(r.err.Error(), "run kinit") {
		t.Fatalf("got %v", r.err)
	}
	if actions, _, _ := f.seen(); len(actions) != 0 {
		t.Fatalf("sent %q", actions)
	}
}

func TestWinRMCredentialMissingNonInteractive(t *testing.T) {
	f, env := newFakeWinRM(t)
	delete(env, EnvWinRMPassword)
	r := invoke(t, env, "Get-CsPersistentChatState")
	if errorID(r.err) != "WinRMCredentialMissing" {
		t.Fatalf("got %v", r.err)
	}
	if actions, _, _ := f.seen(); len(actions) != 0 {
		t.Fatalf("sent %q", actions)
	}
}

func TestConnectPcManagementShellServesTheSession(t *testing.T) {
	f, env := newFakeWinRM(t)
	f.answer = func(script string) (string, string, int) {
		if strings.Contains(script, "Get-Module") {
			return "5.0.8308.0\r\n", "", 0
		}
		return lyncAnswer(script)
	}
	uri := f.uri("basic")
	delete(env, EnvLyncShell)
	delete(env, EnvWinRMUser)
	h := &cmdlettest.Host{}
	s := cmdlettest.NewSession(h)
	s.Getenv = func(k string) string { return env[k] }
	out := run(t, s, `Connect-PcManagementShell `+uri+` -Credential 'CONTOSO\lyncadmin'`)
	if prop(t, out[0], "ModuleVersion") != "5.0.8308.0" || prop(t, out[0], "User") != `CONTOSO\lyncadmin` {
		t.Fatalf("got %v", out)
	}
	if out = run(t, s, "Get-CsPersistentChatState"); prop(t, out[0], "PoolState") != "Normal" {
		t.Fatalf("got %v", out)
	}
	if s.Secrets.Redact(f.pass) != cmdlet.Mask {
		t.Fatal("the password is not registered as a secret")
	}
	_, _, scripts := f.seen()
	if len(scripts) != 2 || scripts[0] != scriptOf("[string](Get-Module -Name 'Lync').Version") {
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
