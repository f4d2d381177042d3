package backup

import (
	"encoding/json"
	"os"
	"runtime"
	"slices"
	"strings"

	"pcsh/modules/connection"
	"pcsh/modules/lab/share"
	"pcsh/runtime/cmdlet"
)

// listFolder is the production Lister: the folder's regular files, sorted
// by name, read on the machine pcsh runs on. Temporary files a BACKUP in
// progress (or a killed one) leaves (*.tmp-*) are left out. Off Windows a
// UNC path is looked up in the lab's shares directory.
func listFolder(ctx *cmdlet.Context, folder string) ([]string, error) {
	ents, err := os.ReadDir(localPath(ctx, folder))
	if err != nil {
		return nil, cmdlet.Errorf(cmdlet.CategoryObjectNotFound, "FolderNotReadable", folder,
			"Cannot list the folder %s from this machine: %v.", folder, err).
			WithHint("Restore-PcDatabase lists a folder where pcsh runs; use a UNC share both reach, or name the files in -Path")
	}
	var out []string
	for _, e := range ents {
		if e.Type().IsRegular() && !strings.Contains(e.Name(), ".tmp-") {
			out = append(out, join(folder, e.Name()))
		}
	}
	slices.Sort(out)
	return out, nil
}

// localPath maps a UNC path to the lab's shares directory when pcsh is
// not on Windows and a lab file names one; other paths are unchanged.
func localPath(ctx *cmdlet.Context, p string) string {
	if runtime.GOOS == "windows" || !share.IsUNC(p) {
		return p
	}
	data, err := os.ReadFile(ctx.Session.Getenv(connection.LabFileEnv))
	if err != nil {
		return p
	}
	var lab struct {
		SharesDir string `json:"sharesDir"`
	}
	if json.Unmarshal(data, &lab) != nil {
		return p
	}
	return share.Map{Root: lab.SharesDir}.Local(p)
}

var _ Lister = listFolder
