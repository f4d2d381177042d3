package pchat

import (
	"strings"
	"testing"

	"pcsh/modules/pchat/winrmfake"
)

func TestDecodeCLIXML(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{winrmfake.CLIXMLError("Get-CsPersistentChatState : Cannot find pool.\nAt line:3 char:1"), "Get-CsPersistentChatState : Cannot find pool.\r\nAt line:3 char:1"},
		{"plain error text\r\n", "plain error text"},
		{"#< CLIXML\r\n<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\"><S S=\"Warning\">w</S><S S=\"Error\">a_x005F_x b _xD83D__xDE00_</S></Objs>", "a_x b \U0001F600"},
		{"#< CLIXML\r\n<Objs><S S=\"Error\">one_x000A_</S></Objs><Objs><S S=\"Error\">two</S></Objs>", "one\ntwo"},
	} {
		got, err := decodeCLIXML([]byte(tc.in))
		if err != nil || got != tc.want {
			t.Errorf("%q: got %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestStderrTextKeepsWhatDoesNotDecode(t *testing.T) {
	in := "#< CLIXML\r\n<Objs><S S=\"Error\">cut"
	if got := stderrText([]byte(in)); got != in {
		t.Fatalf("got %q", got)
	}
}

func FuzzDecodeCLIXML(f *testing.F) {
	f.Add([]byte(winrmfake.CLIXMLError("Set-CsPersistentChatActiveServer : The server is not in the pool.")))
	f.Add([]byte("#< CLIXML\r\n<Objs><S S=\"Error\">_xD83D_</S></Objs>"))
	f.Add([]byte("plain"))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := decodeCLIXML(b)
		if err == nil && !strings.HasPrefix(strings.TrimLeft(string(b), "\r\n\t "), clixmlHeader) && got != strings.TrimSpace(string(b)) {
			t.Fatalf("non-CLIXML %q changed to %q", b, got)
		}
		_ = stderrText(b)
	})
}
