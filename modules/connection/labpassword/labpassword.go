// Package labpassword is the lab's sa password convention, shared by the
// two sides that must agree on it: the lab's instances, which accept it
// (modules/lab), and pcsh's connections, which log in to lab instances
// with it (modules/connection). It is a leaf so the lab's executor can
// import it without importing the client.
package labpassword

// Env names the environment variable holding the lab's sa password.
const Env = "PCSH_LAB_PASSWORD"

// Default is the sa password when Env is unset. It is documented in
// modules/lab/README.md; the lab is for rehearsals on loopback addresses,
// never for production data.
const Default = "Pcsh-Lab-2014!"

// From returns the sa password from getenv (nil reads nothing), or
// Default when Env is unset or empty.
func From(getenv func(string) string) string {
	if IsSet(getenv) {
		return getenv(Env)
	}
	return Default
}

// IsSet reports whether getenv gives a password of its own, so the public
// Default is not in use.
func IsSet(getenv func(string) string) bool { return getenv != nil && getenv(Env) != "" }
