package pchat

import (
	"context"
	"errors"
	"path/filepath"
	"sort"

	"pcsh/modules/lab/cms"
	"pcsh/modules/lab/fault"
	"pcsh/modules/topology"
	"pcsh/runtime/cmdlet"
)

// cmsBackend keeps pool state in the lab's Central Management Store.
type cmsBackend struct {
	store *cms.Store
	// preview is the document a seed would write, when the store is not
	// seeded and the run is -WhatIf: reads see it, nothing is written.
	preview *cms.Document
}

// openCMS opens the store in dir, seeding it from the topology document
// when it is new. Under -WhatIf it seeds nothing: the document the seed
// would write is kept in memory, so a dry run leaves no file behind.
func openCMS(ctx *cmdlet.Context, dir string) (*cmsBackend, error) {
	store, err := cms.Open(dir)
	if err != nil {
		return nil, cmdlet.Errorf(cmdlet.CategoryResourceUnavailable, "CmsUnavailable", dir, "Cannot open the lab CMS in %s: %w.", dir, err)
	}
	store.CheckWrites(fault.DiskCheck(labDir(ctx, dir)))
	b := &cmsBackend{store: store}
	if store.Seeded() {
		return b, nil
	}
	t, err := topology.LoadFor(ctx, "")
	if err != nil {
		return nil, err
	}
	if ctx.Mode() == cmdlet.Planning {
		b.preview = cms.FromTopology(t)
		return b, nil
	}
	if _, err := store.Seed(t, false); err != nil {
		return nil, cmdlet.Errorf(cmdlet.CategoryResourceUnavailable, "CmsUnavailable", dir, "Cannot seed the lab CMS in %s: %w.", dir, err)
	}
	return b, nil
}

// labDir is the directory whose fault plan covers the store: the lab
// PCSH_LAB_FILE names, else the one holding the store (pcsh lab up puts
// it in DIR/cms).
func labDir(ctx *cmdlet.Context, cmsDir string) string {
	if f := ctx.Session.Getenv(EnvLabFile); f != "" {
		return filepath.Dir(f)
	}
	return filepath.Dir(filepath.Clean(cmsDir))
}

// Pools reads every pool.
func (b *cmsBackend) Pools(context.Context) ([]PoolInfo, error) {
	doc, err := b.read()
	if err != nil {
		return nil, err
	}
	out := make([]PoolInfo, len(doc.Pools))
	for i, p := range doc.Pools {
		out[i] = *infoOf(p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].FQDN < out[j].FQDN })
	return out, nil
}

// read returns the stored document, or the preview of an unseeded store.
func (b *cmsBackend) read() (*cms.Document, error) {
	doc, err := b.store.Read()
	if errors.Is(err, cms.ErrNotSeeded) && b.preview != nil {
		return b.preview, nil
	}
	return doc, err
}

func infoOf(p *cms.Pool) *PoolInfo {
	return &PoolInfo{FQDN: p.FQDN, PoolState: p.PoolState, ActiveServers: append([]string{}, p.ActiveServers...),
		InactiveServers: p.InactiveServers()}
}

// LocalPools reads every pool too: the lab CMS is one file on this
// machine, which every pcsh process reads directly, so it is its own
// local replica.
func (b *cmsBackend) LocalPools(ctx context.Context) ([]PoolInfo, error) { return b.Pools(ctx) }

// SetState changes the pool's state under the store's lock; -Instance and
// -Identity name the pool alike.
func (b *cmsBackend) SetState(_ context.Context, ch StateChange) error {
	return b.store.Update(func(d *cms.Document) error {
		p, err := cmsPool(d, ch.Pool)
		if err != nil {
			return err
		}
		if p.PoolState == ch.State {
			return ErrStateUnchanged
		}
		p.PoolState = ch.State
		return nil
	})
}

// SetActiveServers applies and checks the change under the store's lock,
// so a concurrent change cannot slip between the check and the write.
func (b *cmsBackend) SetActiveServers(_ context.Context, pool string, ch Change, check CheckFunc) (*PoolInfo, error) {
	var after *PoolInfo
	err := b.store.Update(func(d *cms.Document) error {
		p, err := cmsPool(d, pool)
		if err != nil {
			return err
		}
		before := infoOf(p)
		after = ch.Apply(before)
		if err := check(before, after); err != nil {
			return err
		}
		p.ActiveServers = after.ActiveServers
		return nil
	})
	return after, err
}

func cmsPool(d *cms.Document, fqdn string) (*cms.Pool, error) {
	if p := d.Pool(fqdn); p != nil {
		return p, nil
	}
	return nil, cmdlet.Errorf(cmdlet.CategoryObjectNotFound, "PoolNotFound", fqdn, "No Persistent Chat pool is named %s.", fqdn)
}

var _ Backend = (*cmsBackend)(nil)
