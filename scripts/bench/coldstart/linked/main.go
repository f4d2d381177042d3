// Command linked links every package bin/pcsh links and does nothing:
// its cold start is the floor that package initialisation and the size
// of the program set, below which no change to pcsh's own start-up can
// go. scripts/bench/coldstart builds and times it beside bin/pcsh.
package main

import (
	_ "pcsh/modules/all"
	_ "pcsh/runtime/cli"
)

func main() {}
