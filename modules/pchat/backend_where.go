package pchat

// locator is a backend or runner that reaches the Management Shell on
// another computer; Where names it (the WinRM endpoint, or the computer
// Invoke-Command reaches).
type locator interface{ Where() string }

// Where names the WinRM service's endpoint and its authentication.
func (r WinRMRunner) Where() string { return r.Target.Endpoint() + " (" + r.Target.Auth + ")" }

// Where names the computer and the form.
func (r RemoteRunner) Where() string { return r.Computer + " (Invoke-Command)" }

// Where names where the backend's runner reaches the Management Shell;
// empty for the local powershell.exe.
func (b *shellBackend) Where() string {
	if l, ok := b.run.(locator); ok {
		return l.Where()
	}
	return ""
}

// changeTarget is the target a change's ShouldProcess names, and so what
// -WhatIf and the confirmation print: the pool's service identity, and
// where the Management Shell line goes when that is another computer.
func changeTarget(b Backend, fqdn string) string {
	id := ServiceIdentity(fqdn)
	if l, ok := b.(locator); ok && l.Where() != "" {
		return id + " on " + l.Where()
	}
	return id
}
