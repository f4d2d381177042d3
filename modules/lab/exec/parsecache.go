package exec

import (
	"sync"

	"pcsh/modules/lab/tsql"
)

// parseCacheEntries bounds how many distinct texts a parseCache keeps; a
// full cache starts over rather than tracking use.
const parseCacheEntries = 512

// parseCacheMaxText is the longest text a parseCache keeps: applications
// repeat short parameterized statements, not long scripts.
const parseCacheMaxText = 4096

// parseCache remembers the syntax trees of recently parsed texts, so a
// statement an application sends again and again (sp_executesql with new
// parameter values) is parsed once. Trees are shared between sessions:
// execution only reads them. Texts that fail to parse are not kept, so
// their errors are raised afresh.
type parseCache struct {
	mu sync.Mutex
	m  map[string]*tsql.Batch
}

// parse returns the tree of sql, from the cache when it was parsed
// before. A nil cache parses every time.
func (c *parseCache) parse(sql string) (*tsql.Batch, error) {
	if c == nil || len(sql) > parseCacheMaxText {
		return tsql.Parse(sql)
	}
	c.mu.Lock()
	b, ok := c.m[sql]
	c.mu.Unlock()
	if ok {
		return b, nil
	}
	b, err := tsql.Parse(sql)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) >= parseCacheEntries {
		c.m = make(map[string]*tsql.Batch)
	}
	c.m[sql] = b
	c.mu.Unlock()
	return b, nil
}
