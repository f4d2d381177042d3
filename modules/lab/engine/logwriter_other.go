//go:build !linux

package engine

// prioritizeLogWriter does nothing outside Linux; see logwriter_linux.go.
func prioritizeLogWriter() {}
