package pchat

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"

	"pcsh/modules/pchat/winrmfake"
)

// The fake PowerShell is this test binary re-executed with fakeEnv set:
// it decodes -EncodedCommand, appends its arguments (the script decoded)
// as one JSON line to $PCHAT_FAKE_LOG, prints
// $PCHAT_FAKE_OUT for scripts that read (ConvertTo-Json), and exits with
// $PCHAT_FAKE_EXIT, writing $PCHAT_FAKE_ERR to stderr.
const fakeEnv = "PCHAT_FAKE_POWERSHELL"

func fakePowerShell() int {
	f, err := os.OpenFile(os.Getenv("PCHAT_FAKE_LOG"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 99
	}
	args := append([]string(nil), os.Args[1:]...)
	script, err := winrmfake.DecodeCommand(args[len(args)-1])
	if err != nil || len(args) < 2 || args[len(args)-2] != "-EncodedCommand" {
		fmt.Fprintln(os.Stderr, "the script must come as -EncodedCommand:", err)
		return 98
	}
	args[len(args)-1] = script
	b, _ := json.Marshal(args)
	fmt.Fprintf(f, "%s\n", b)
	f.Close()
	if strings.Contains(script, "ConvertTo-Json") {
		fmt.Print(os.Getenv("PCHAT_FAKE_OUT"))
	}
	code, _ := strconv.Atoi(os.Getenv("PCHAT_FAKE_EXIT"))
	if code != 0 {
		fmt.Fprint(os.Stderr, os.Getenv("PCHAT_FAKE_ERR"))
	}
	return code
}

// readLog returns the recorded argument lists.
func readLog(path string) ([][]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var calls [][]string
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var args []string
		if err := json.Unmarshal([]byte(line), &args); err != nil {
			return nil, err
		}
		calls = append(calls, args)
	}
	return calls, nil
}
