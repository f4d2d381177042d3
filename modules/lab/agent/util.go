package agent

import (
	"strconv"
	"strings"
)

// itoa formats an integer.
func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// upper returns s in upper case.
func upper(s string) string { return strings.ToUpper(s) }
