package winrmfake

import "strings"

// The documented outputs, as pcsh's read script renders them with
// ConvertTo-Json: Get-CsPersistentChatState's Identity and PoolState, and
// Get-CsService -PersistentChatServer's PoolFqdn, ActiveServers and
// InactiveServers, for the example topology's pool.
const (
	DocumentedStates = `{"Identity":"service:PersistentChatServer:pc.contoso.com","PoolState":"Normal"}`
	DocumentedPools  = `{"PoolFqdn":"pc.contoso.com","ActiveServers":["pc1.contoso.com","pc2.contoso.com"],` +
		`"InactiveServers":["pc3.contoso.com","pc4.contoso.com","pc5.contoso.com","pc6.contoso.com","pc7.contoso.com","pc8.contoso.com"]}`
	DocumentedRead = `{"States":[` + DocumentedStates + `],"Pools":[` + DocumentedPools + `]}`
	// ModuleVersion is the Lync Server 2013 Management Shell module's
	// version the fake reports.
	ModuleVersion = "5.0.8308.0"
)

// Lync answers as the Management Shell does: the read script with the
// documented outputs, the module probe with its version, and every
// Set-Cs… line with nothing (they write no output).
func Lync(script string) Reply {
	switch {
	case strings.Contains(script, "ConvertTo-Json"):
		return Reply{Stdout: DocumentedRead + "\r\n"}
	case strings.Contains(script, "Get-Module"):
		return Reply{Stdout: ModuleVersion + "\r\n"}
	}
	return Reply{}
}

// CLIXMLError is what powershell.exe -EncodedCommand writes to a
// redirected stderr for a terminating error: a progress record, then the
// error's text with its line ends escaped.
func CLIXMLError(text string) string {
	return "#< CLIXML\r\n<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">" +
		`<Obj S="progress" RefId="0"><TN RefId="0"><T>System.Management.Automation.PSCustomObject</T><T>System.Object</T></TN>` +
		`<MS><I64 N="SourceId">1</I64><PR N="Record"><AV>Preparing modules for first use.</AV><AI>0</AI><Nil /><PI>-1</PI><PC>-1</PC><T>Completed</T><SR>-1</SR><SD> </SD></PR></MS></Obj>` +
		`<S S="Error">` + strings.ReplaceAll(text, "\n", "_x000D__x000A_") + `_x000D__x000A_</S></Objs>`
}
