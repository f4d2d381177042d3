package mirror

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"pcsh/runtime/atomicfile"
)

// endpointFile holds the endpoint definition in the instance's data
// directory: endpoints are server catalog, which the engine does not keep.
const endpointFile = "mirroring_endpoint.json"

// saveEndpointLocked writes the endpoint definition atomically (or
// removes it when there is none).
func (s *Server) saveEndpointLocked() error {
	path := filepath.Join(s.cfg.Instance.Dir(), endpointFile)
	if s.ep == nil {
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		return nil
	}
	b, err := json.MarshalIndent(s.ep, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteFileAtomic(path, b, 0o644)
}

// loadEndpoint reads the saved endpoint definition, if any.
func (s *Server) loadEndpoint() (*Endpoint, error) {
	b, err := os.ReadFile(filepath.Join(s.cfg.Instance.Dir(), endpointFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var ep Endpoint
	if err := json.Unmarshal(b, &ep); err != nil {
		return nil, err
	}
	return &ep, nil
}
