package pchat

import (
	"regexp"
	"strings"
	"sync"

	"pcsh/runtime/cmdlet"
)

// Identity is a parsed -Identity: a pool FQDN, or the single global
// collection of active servers.
type Identity struct {
	Pool   string // the pool FQDN; "" with Global or when omitted
	Global bool   // "global" or "PChatServerCollection" (C1/C2 examples)
}

var fqdnRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$`)
})

// ParseIdentity accepts every form the documentation uses:
// service:PersistentChatServer:<fqdn>, PersistentChatServer:<fqdn>,
// service:<fqdn> (R3), "service: <fqdn>" with a space (R4), a bare FQDN,
// and for the active server list "global" or "PChatServerCollection".
func ParseIdentity(s string) (Identity, error) {
	t := strings.TrimSpace(s)
	if strings.EqualFold(t, "global") || strings.EqualFold(t, "PChatServerCollection") {
		return Identity{Global: true}, nil
	}
	rest := trimPrefixFold(t, "service:")
	rest = trimPrefixFold(strings.TrimSpace(rest), "PersistentChatServer:")
	rest = strings.TrimSpace(rest)
	if t != "" && !fqdnRE().MatchString(rest) {
		return Identity{}, cmdlet.Errorf(cmdlet.CategoryInvalidArgument, "InvalidIdentity", s,
			"%q is not a Persistent Chat service identity.", s).
			WithHint("use service:PersistentChatServer:<pool fqdn>, PersistentChatServer:<pool fqdn> or service:<pool fqdn>")
	}
	return Identity{Pool: rest}, nil
}

func trimPrefixFold(s, prefix string) string {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):]
	}
	return s
}

// ServiceIdentity is the canonical identity of a pool's Persistent Chat
// service, as sent to the Management Shell.
func ServiceIdentity(fqdn string) string { return "service:PersistentChatServer:" + fqdn }

// resolve picks the pool an identity names among pools; an omitted or
// global identity needs exactly one pool.
func (id Identity) resolve(given string, pools []PoolInfo) (*PoolInfo, error) {
	if id.Pool == "" {
		if len(pools) == 1 {
			return &pools[0], nil
		}
		return nil, cmdlet.Errorf(cmdlet.CategoryInvalidArgument, "AmbiguousIdentity", given,
			"There are %d Persistent Chat pools; name one with -Identity.", len(pools)).
			WithHint("use -Identity service:PersistentChatServer:<pool fqdn>")
	}
	for i := range pools {
		if strings.EqualFold(pools[i].FQDN, id.Pool) {
			return &pools[i], nil
		}
	}
	return nil, poolNotFound(id.Pool, pools)
}

func poolNotFound(fqdn string, pools []PoolInfo) *cmdlet.ErrorRecord {
	rec := cmdlet.Errorf(cmdlet.CategoryObjectNotFound, "PoolNotFound", fqdn, "No Persistent Chat pool is named %s.", fqdn)
	names := make([]string, len(pools))
	for i, p := range pools {
		names[i] = p.FQDN
	}
	if s := cmdlet.Suggest(fqdn, names, 1); len(s) > 0 {
		rec.Hint = "did you mean '" + s[0] + "'?"
	}
	return rec
}
