package logship

import "strconv"

// itoa formats an integer.
func itoa(n int64) string { return strconv.FormatInt(n, 10) }
