package cmdlet

import (
	"regexp"
	"sort"
	"strings"
	"sync"
)

// Secrets redacts passwords from everything pcsh prints, logs or records in
// a transcript: registered secret values, and password-like fields of
// connection strings and command lines.
type Secrets struct {
	mu     sync.RWMutex
	values []string
	bound  []string // values bound to secret parameters (secrets_bound.go)
}

// Mask is what a secret is replaced with.
const Mask = "********"

// The password patterns compile on first use: most output holds no
// password-like word, and start-up should not pay for them.
var (
	secretFieldRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\b(password|pwd)(\s*=\s*)(N?'(?:[^']|'')*'|"(?:[^"]|"")*"|[^\s;'"@][^\s;'"]*)`)
	})
	secretParamRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile("(?i)(-\\w*password)(\\s+|:)(\"(?:[^\"`]|\"\"|`.)*\"|'(?:[^']|'')*'|\\S+)")
	})
	// secretURLRE finds the password of a URL's user information
	// (sqlserver://user:password@host).
	secretURLRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\b([a-z][a-z0-9+.-]*://[^/:@\s'"]*:)([^@\s/'"]+)(@)`)
	})
)

// A T-SQL parameter reference (PASSWORD = @p) is not a secret and is kept.

// Add registers a secret value; empty and very short values are ignored so
// that redaction does not mangle ordinary text.
func (s *Secrets) Add(v string) {
	if len(v) < 4 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, x := range s.values {
		if x == v {
			return
		}
	}
	s.values = append(s.values, v)
	sort.Slice(s.values, func(i, j int) bool { return len(s.values[i]) > len(s.values[j]) })
}

// Redact returns text with every secret masked.
func (s *Secrets) Redact(text string) string {
	if s == nil {
		return text
	}
	s.mu.RLock()
	for _, v := range s.values {
		text = strings.ReplaceAll(text, v, Mask)
	}
	s.mu.RUnlock()
	if strings.Contains(text, "://") {
		text = secretURLRE().ReplaceAllString(text, "${1}"+Mask+"${3}")
	}
	if lower := strings.ToLower(text); !strings.Contains(lower, "password") && !strings.Contains(lower, "pwd") {
		return text // neither pattern can match
	}
	text = secretFieldRE().ReplaceAllString(text, "${1}${2}"+Mask)
	return secretParamRE().ReplaceAllString(text, "${1}${2}"+Mask)
}
