package agent

import (
	"strings"

	"pcsh/modules/lab/engine"
)

// bind matches args to the declared parameters of p as SQL Server does:
// positional arguments first, then named ones; an unknown name is 8145,
// a repeated one 8143, too many positional arguments 8144, OUTPUT on an
// input parameter 8162, a missing parameter without default 201.
func bind(p *Procedure, args []Arg) (*Call, error) {
	c := &Call{Proc: p, values: map[string]any{}, given: map[string]bool{}}
	seen := map[string]bool{}
	for k, a := range args {
		prm, err := p.target(k, a)
		if err != nil {
			return nil, err
		}
		if seen[prm.Name] {
			return nil, engine.Raise(8143, prm.Name)
		}
		seen[prm.Name] = true
		if err := c.assign(prm, a); err != nil {
			return nil, err
		}
	}
	for _, prm := range p.Params {
		if _, ok := c.values[prm.Name]; ok {
			continue
		}
		if prm.Required {
			return nil, engine.Raise(201, p.Name, prm.Name)
		}
		c.values[prm.Name] = prm.Default
	}
	return c, nil
}

// target returns the parameter argument number k (0-based) binds to.
func (p *Procedure) target(k int, a Arg) (*Param, error) {
	if a.Name == "" {
		if k >= len(p.Params) {
			return nil, engine.Raise(8144, p.Name)
		}
		return &p.Params[k], nil
	}
	prm := p.param(strings.ToLower(a.Name))
	if prm == nil {
		return nil, engine.Raise(8145, a.Name, p.Name)
	}
	return prm, nil
}

// assign converts and stores one argument.
func (c *Call) assign(prm *Param, a Arg) error {
	if a.Output && !prm.Output {
		return engine.Raise(8162, prm.Name)
	}
	if a.Output {
		c.outputs = append(c.outputs, prm.Name)
	}
	if a.Default {
		if prm.Required {
			return engine.Raise(201, c.Proc.Name, prm.Name)
		}
		c.values[prm.Name] = prm.Default
		return nil
	}
	v, err := prm.Type.convert(a.Value)
	if err != nil {
		return err
	}
	c.values[prm.Name] = v
	c.given[prm.Name] = true
	return nil
}
