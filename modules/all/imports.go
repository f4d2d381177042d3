// Package all switches on the modules built into pcsh: one blank import per
// module. To build a pcsh with another module, add its import here (or
// write your own main package that imports the modules you want).
package all

import (
	// The host's own cmdlets.
	_ "pcsh/modules/core"
	// The standard two-data-center lab: pcsh lab up|status|down|fault.
	_ "pcsh/modules/lab/datacenter"
	// The built-in runbooks under scripts/.
	_ "pcsh/scripts"
)
