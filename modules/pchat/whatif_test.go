package pchat

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWhatIfCreatesNoFile: on a fresh PCSH_CMS_DIR a -WhatIf run plans
// the change from the topology's seed and writes nothing: no directory, no
// document, no lock file; a real run afterwards still starts from the seed.
func TestWhatIfCreatesNoFile(t *testing.T) {
	env := labEnv(t)
	dir := env[EnvCMSDir]
	for _, line := range []string{
		"Set-CsPersistentChatState -Identity PersistentChatServer:pc.contoso.com -PoolState FailedOver -WhatIf",
		"Set-CsPersistentChatActiveServer -Identity PersistentChatServer:pc.contoso.com -ActiveServers @{Remove='pc01.contoso.com'} -WhatIf",
		"Get-CsPersistentChatState -WhatIf",
	} {
		r := invoke(t, env, line)
		if r.err != nil {
			t.Fatalf("%s: %v", line, r.err)
		}
		if strings.Contains(line, "Set-") && !strings.Contains(r.host.Text(), "What if: Performing the operation") {
			t.Fatalf("%s: no What if line in %q", line, r.host.Text())
		}
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Fatalf("%s created %s (%v)", line, dir, err)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if r := invoke(t, env, "Get-CsPersistentChatActiveServer -WhatIf"); r.err != nil || len(r.out) != 1 {
		t.Fatalf("the preview must read as the seed: %v %v", r.err, r.out)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "*")); len(files) != 0 {
		t.Fatalf("-WhatIf wrote %v", files)
	}
	if r := invoke(t, env, "Get-CsPersistentChatState"); r.err != nil || prop(t, r.out[0], "PoolState") != "Normal" {
		t.Fatalf("a real run seeds: %v %v", r.err, r.out)
	}
	if _, err := os.Stat(filepath.Join(dir, "cms.json")); err != nil {
		t.Fatal(err)
	}
}
