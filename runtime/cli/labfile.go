package cli

// labFileEnv is the variable the connection module reads the lab file
// from (connection.LabFileEnv; the CLI does not import the module).
const labFileEnv = "PCSH_LAB_FILE"

// withLabFile is getenv with PCSH_LAB_FILE answered by the --lab-file
// flag when it is given: the explicit option beside the variable, so a
// lab is used only when asked for.
func withLabFile(getenv func(string) string, file string) func(string) string {
	if file == "" {
		return getenv
	}
	return func(key string) string {
		if key == labFileEnv {
			return file
		}
		return getenv(key)
	}
}
