package drill

import (
	"context"
	"strings"

	"pcsh/modules/lab/chatpool"
	"pcsh/modules/lab/datacenter"
)

// LabPool starts the simulated chat pool of the lab in dir (its lab.json)
// and maps each site to its servers, as the lab's layout places them.
func LabPool(ctx context.Context, dir string, getenv func(string) string) (*chatpool.Pool, map[string][]string, error) {
	s, err := datacenter.ReadState(dir)
	if err != nil {
		return nil, nil, err
	}
	cfg, err := chatpool.FromLabState(ctx, s, chatpool.LabOptions{Getenv: getenv})
	if err != nil {
		return nil, nil, err
	}
	p, err := chatpool.New(ctx, cfg)
	if err != nil {
		return nil, nil, err
	}
	p.Start(context.WithoutCancel(ctx))
	sites := map[string][]string{}
	for _, srv := range s.Layout.Pool.Servers {
		site := strings.ToUpper(srv.Site)
		sites[site] = append(sites[site], srv.FQDN)
	}
	return p, sites, nil
}
