package datacenter

import (
	"fmt"

	"pcsh/runtime/cmdlet"
)

// FaultActions are the fault actions Fault applies, in the order the help
// lists them.
var FaultActions = []string{"kill", "restart", "partition", "heal", "slow", "disk-full"}

// faultTargets are the target kinds each fault accepts.
var faultTargets = map[string][]targetKind{"kill": {onInstance, onSite, onAll}, "restart": {onInstance, onSite, onAll},
	"heal": {onInstance, onSite, onLink, onShare, onCMS, onAll}, "partition": {onInstance, onSite, onLink},
	"slow": {onInstance, onSite, onLink}, "disk-full": {onInstance, onSite, onShare, onCMS}}

// DescribeFault checks that action can take target in the lab in dir and
// names what it would hit ("dc1-sql1", "DC1 (dc1-sql1, dc1-sql2)", "the
// link DC1-DC2"), changing nothing: Invoke-PcLabFault's ShouldProcess
// target, so -WhatIf says what a fault would hit.
func DescribeFault(dir, action, target string) (string, error) {
	s, err := ReadState(dir)
	if err != nil {
		return "", openError("LabFaultFailed", err, "The fault was not applied: %v.", err)
	}
	what, err := s.describeFault(action, target)
	if err != nil {
		return "", &cmdlet.ErrorRecord{Message: fmt.Sprintf("The fault was not applied: %v.", err), ErrorID: "LabFaultTargetInvalid",
			Category: cmdlet.CategoryInvalidArgument, Target: target, Err: err}
	}
	return what, nil
}

func (s *State) describeFault(action, name string) (string, error) {
	allowed, ok := faultTargets[action]
	if !ok {
		return "", unknownFault(action)
	}
	t, err := s.resolve(action, name, allowed)
	if err != nil {
		return "", err
	}
	switch t.kind {
	case onLink:
		a, b, err := s.twoSites()
		return fmt.Sprintf("the link %s-%s", a, b), err
	case onShare:
		return "the share " + s.Share, nil
	case onCMS:
		return "the Central Management Store " + s.CMSDir, nil
	case onInstance:
		return t.name, nil
	}
	return fmt.Sprintf("%s (%s)", t.name, names(t.instances)), nil
}
