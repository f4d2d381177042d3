package topology

import "encoding/json"

// JSON renders the resolved topology as indented JSON. Keys keep the
// model's declaration order, so the output is stable for diffs.
func JSON(t *Topology) ([]byte, error) {
	b, err := json.MarshalIndent(t, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
