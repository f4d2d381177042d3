package chatpool

import (
	"context"
	"fmt"
	"strings"

	"pcsh/modules/lab/cms"
)

// The pool states, as Set-CsPersistentChatState names them.
const (
	StateNormal     = "Normal"
	StateFailedOver = "FailedOver"
)

// PoolView is what a server reads about its pool from the CMS.
type PoolView struct {
	State   string   // Normal or FailedOver
	Servers []string // every server of the pool, in CMS order
	Active  []string // the active server list
}

// IsActive reports whether fqdn is on the active server list (any case).
func (v PoolView) IsActive(fqdn string) bool {
	for _, a := range v.Active {
		if strings.EqualFold(a, fqdn) {
			return true
		}
	}
	return false
}

// CMS reads one pool's entry from the Central Management Store.
type CMS interface {
	// ReadPool returns the pool's current state and server lists.
	ReadPool(ctx context.Context) (PoolView, error)
}

// LabCMS reads a pool from the lab's file-backed CMS store.
type LabCMS struct {
	Store *cms.Store
	Pool  string // the pool's FQDN
}

// ReadPool reads the store's document and returns the pool's entry.
func (c LabCMS) ReadPool(context.Context) (PoolView, error) {
	doc, err := c.Store.Read()
	if err != nil {
		return PoolView{}, fmt.Errorf("read the CMS in %s: %w", c.Store.Dir(), err)
	}
	p := doc.Pool(c.Pool)
	if p == nil {
		return PoolView{}, fmt.Errorf("the CMS in %s has no pool %s", c.Store.Dir(), c.Pool)
	}
	return PoolView{State: p.PoolState, Servers: p.Servers, Active: p.ActiveServers}, nil
}
