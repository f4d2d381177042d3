// Package bincode is the lab's one binary field codec: little-endian
// fixed-size integers (the TDS wire), uvarints and zig-zag varints, and
// uvarint-prefixed strings and byte strings (the engine's WAL,
// checkpoints and backup files, the mirroring protocol). Append functions
// write fields; a Reader reads them back and keeps the first failure, so
// a decoder checks one error at the end.
package bincode
