// Package winrmfake is a fake WinRM service for tests: an HTTPS endpoint
// on a loopback address that answers the WinRS exchange of [MS-WSMV]
// 3.1.4 (Create a cmd shell, Command, Receive with stdout, stderr and
// CommandState Done with the exit code, Signal, Delete), with envelopes
// written from the WS-Management documentation and replies to the
// PowerShell scripts a test chooses (Lync answers the documented outputs
// of the Persistent Chat cmdlets). It records every action, command line
// and script decoded from -EncodedCommand, and fails chosen actions with
// WS-Management faults or other replies. The pchat unit tests and the
// testscripts' winrmfake command both use it; pcsh itself never does.
package winrmfake
