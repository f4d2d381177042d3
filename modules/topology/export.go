package topology

import "encoding/json"

// JSON renders the resolved topology as indented JSON, without a final
// newline. Keys keep the model's declaration order, so the output is
// stable for diffs.
func JSON(t *Topology) ([]byte, error) {
	return json.MarshalIndent(t, "", "  ")
}
