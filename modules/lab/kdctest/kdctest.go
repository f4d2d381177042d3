// Package kdctest starts a real MIT Kerberos KDC for tests: a realm
// created in a temporary directory (kdb5_util create -s), krb5kdc on a
// loopback port only, principals and keytabs made with kadmin.local and
// tickets with kinit, each run with that directory's krb5.conf and
// kdc.conf (KRB5_CONFIG, KRB5_KDC_PROFILE), never the machine's. It
// needs Debian's krb5-kdc, krb5-admin-server (kadmin.local) and krb5-user
// (kinit); .ci/run installs them. A test skips without them, and fails
// instead when CI is set.
package kdctest

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Realm is the test realm; its NetBIOS form is LAB.
const Realm = "LAB.LOCAL"

// tools are the MIT programs the KDC needs, with the Debian package of each.
var tools = map[string]string{"krb5kdc": "krb5-kdc", "kdb5_util": "krb5-kdc", "kadmin.local": "krb5-admin-server",
	"kinit": "krb5-user"}

// KDC is a running test KDC.
type KDC struct {
	Dir    string // the realm's files
	Config string // its krb5.conf, for clients (krb5-configfile)
	Addr   string // 127.0.0.1:port, TCP and UDP
	paths  map[string]string
}

// Start creates the realm and starts krb5kdc, stopped when the test ends.
func Start(t testing.TB) *KDC {
	t.Helper()
	k := &KDC{Dir: t.TempDir(), paths: findTools(t)}
	k.Addr = FreeAddr(t)
	k.Config = filepath.Join(k.Dir, "krb5.conf")
	k.write(t, "krb5.conf", krb5Conf(k.Addr))
	k.write(t, "kdc.conf", kdcConf(k.Dir, k.Addr))
	k.run(t, nil, "kdb5_util", "create", "-s", "-r", Realm, "-P", "kdctest-master-key", "-W")
	k.serve(t)
	return k
}

// findTools locates the programs; Debian puts the KDC's in /usr/sbin.
func findTools(t testing.TB) map[string]string {
	t.Helper()
	paths := map[string]string{}
	for name, pkg := range tools {
		p, err := exec.LookPath(name)
		if err != nil {
			if _, serr := os.Stat("/usr/sbin/" + name); serr == nil {
				p, err = "/usr/sbin/"+name, nil
			}
		}
		if err != nil {
			missing(t, fmt.Sprintf("%s not found (Debian package %s)", name, pkg))
		}
		paths[name] = p
	}
	return paths
}

// missing skips the test, or fails it under CI.
func missing(t testing.TB, why string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("%s; CI must install it (.ci/run)", why)
	}
	t.Skip(why)
}

// FreeAddr picks a free port on 127.0.0.1, for the KDC or for an instance
// whose SPN must be registered before it listens.
func FreeAddr(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func krb5Conf(addr string) string {
	return fmt.Sprintf(`[libdefaults]
	default_realm = %[1]s
	dns_lookup_kdc = false
	dns_lookup_realm = false
	rdns = false
	udp_preference_limit = 1
	ticket_lifetime = 1h
[realms]
	%[1]s = {
		kdc = %[2]s
	}
`, Realm, addr)
}

func kdcConf(dir, addr string) string {
	return fmt.Sprintf(`[kdcdefaults]
	kdc_listen = %[2]s
	kdc_tcp_listen = %[2]s
[realms]
	%[1]s = {
		database_name = %[3]s/principal
		key_stash_file = %[3]s/stash
		acl_file = %[3]s/kadm5.acl
		max_life = 10h
		supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal
	}
[logging]
	kdc = FILE:%[3]s/kdc.log
`, Realm, addr, dir)
}

func (k *KDC) write(t testing.TB, name, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(k.Dir, name), []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

// env is the environment every MIT program runs with: this realm's
// files only.
func (k *KDC) env(extra ...string) []string {
	return append([]string{"PATH=" + os.Getenv("PATH"), "KRB5_CONFIG=" + k.Config,
		"KRB5_KDC_PROFILE=" + filepath.Join(k.Dir, "kdc.conf")}, extra...)
}

// run runs an MIT program with stdin and fails the test on error.
func (k *KDC) run(t testing.TB, stdin []byte, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(k.paths[name], args...)
	cmd.Env, cmd.Dir, cmd.Stdin = k.env(), k.Dir, bytes.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// serve starts krb5kdc in the foreground (-n) and waits until it
// answers on its TCP port.
func (k *KDC) serve(t testing.TB) {
	t.Helper()
	cmd := exec.Command(k.paths["krb5kdc"], "-n", "-r", Realm)
	cmd.Env, cmd.Dir = k.env(), k.Dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	for i := 0; i < 200; i++ {
		if c, err := net.DialTimeout("tcp", k.Addr, time.Second); err == nil {
			c.Close()
			return
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatalf("krb5kdc did not listen on %s: %s", k.Addr, out.String())
}

// kadmin runs one kadmin.local query.
func (k *KDC) kadmin(t testing.TB, query string) {
	t.Helper()
	k.run(t, nil, "kadmin.local", "-r", Realm, "-q", query)
}

// AddUser creates the user principal name@LAB.LOCAL with a password.
func (k *KDC) AddUser(t testing.TB, name, password string) {
	t.Helper()
	k.kadmin(t, fmt.Sprintf("addprinc -pw %s %s", password, name))
}

// AddService creates a service principal (MSSQLSvc/host:port) with a
// random key and returns the keytab holding it, as ktpass or setspn plus
// a keytab export would give a SQL Server service account.
func (k *KDC) AddService(t testing.TB, spn string) string {
	t.Helper()
	kt := filepath.Join(k.Dir, strings.NewReplacer("/", "_", ":", "_").Replace(spn)+".keytab")
	k.kadmin(t, "addprinc -randkey "+spn)
	k.kadmin(t, fmt.Sprintf("ktadd -k %s %s", kt, spn))
	return kt
}

// Kinit gets name's ticket-granting ticket into a new credential cache
// file and returns its path; lifetime 0 is the realm's default.
func (k *KDC) Kinit(t testing.TB, name, password string, lifetime time.Duration) string {
	t.Helper()
	cc := filepath.Join(k.Dir, fmt.Sprintf("cc-%s-%d", name, time.Now().UnixNano()))
	args := []string{"-c", "FILE:" + cc}
	if lifetime > 0 {
		args = append(args, "-l", fmt.Sprintf("%ds", int(lifetime.Seconds())))
	}
	k.run(t, []byte(password+"\n"), "kinit", append(args, name)...)
	return cc
}
