// Package atomicfile is the one way pcsh replaces a file: write a
// temporary file next to it, fsync it, rename it into place and fsync the
// directory, so that a crash or a failure at any point leaves either the
// old file or the complete new one and no temporary file. It also sweeps
// the temporary files a killed writer left behind (temps.go). The lab's
// fault-aware file system (modules/lab/disk) and the modules that keep
// state files write through it.
package atomicfile
