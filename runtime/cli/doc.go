// Package cli is pcsh's command line (urfave/cli v2): the REPL, run, -c,
// one-shot cmdlet calls, help, commands and version, the global flags, the
// terminal host with its streams and the transcript. Main is the whole
// program with every outside effect injected, so tests run it in-process.
package cli
