// Command pcsh is the PowerShell-style Lua shell for Lync Server 2013 /
// Skype for Business Persistent Chat high availability and disaster
// recovery.
package main

import (
	"context"
	"os"

	_ "pcsh/modules/all"
	"pcsh/runtime/cli"
)

func main() {
	os.Exit(cli.Main(context.Background(), os.Args[1:], cli.OSStdio()))
}
