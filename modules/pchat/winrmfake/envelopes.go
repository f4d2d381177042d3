package winrmfake

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// The namespaces and identifiers of the WinRS exchange ([MS-WSMV] 2.2.4,
// the examples of section 4.7).
const (
	NSShell   = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell"
	nsXfer    = "http://schemas.xmlsoap.org/ws/2004/09/transfer"
	actFault  = "http://schemas.dmtf.org/wbem/wsman/1/wsman/fault"
	stateDone = NSShell + "/CommandState/Done"
	// ShellID is the one shell the fake creates.
	ShellID = "0A4E0F6C-93B2-4F1E-8E0B-2C8F3B4D5E61"
)

// envelope is a SOAP 1.2 reply with WS-Addressing headers: the action,
// then the body.
const envelope = `<s:Envelope xml:lang="en-US" xmlns:s="http://www.w3.org/2003/05/soap-envelope" ` +
	`xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:x="` + nsXfer + `" ` +
	`xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd" xmlns:rsp="` + NSShell + `" ` +
	`xmlns:p="http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd"><s:Header><a:Action>%s</a:Action>` +
	`<a:MessageID>uuid:9F4B7E52-34C1-4C5E-A1D6-2E3C4B5A6D7E</a:MessageID>` +
	`<a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To>` +
	`<a:RelatesTo>%s</a:RelatesTo></s:Header><s:Body>%s</s:Body></s:Envelope>`

func soapReply(action, relatesTo, body string) string {
	return fmt.Sprintf(envelope, action, relatesTo, body)
}

// createResponse is the ResourceCreated reply to a shell's Create.
func createResponse(url, relatesTo string) string {
	return soapReply(nsXfer+"/CreateResponse", relatesTo,
		`<x:ResourceCreated><a:Address>`+url+`/wsman</a:Address><a:ReferenceParameters>`+
			`<w:ResourceURI>`+NSShell+`/cmd</w:ResourceURI><w:SelectorSet><w:Selector Name="ShellId">`+ShellID+
			`</w:Selector></w:SelectorSet></a:ReferenceParameters></x:ResourceCreated>`+
			`<rsp:Shell><rsp:ShellId>`+ShellID+`</rsp:ShellId><rsp:ResourceUri>`+NSShell+`/cmd</rsp:ResourceUri></rsp:Shell>`)
}

func commandResponse(id, relatesTo string) string {
	return soapReply(NSShell+"/CommandResponse", relatesTo,
		`<rsp:CommandResponse><rsp:CommandId>`+id+`</rsp:CommandId></rsp:CommandResponse>`)
}

// receiveResponse holds all of a command's output, each stream's end and
// the CommandState Done with the exit code.
func receiveResponse(id, relatesTo string, r Reply) string {
	var b strings.Builder
	b.WriteString(`<rsp:ReceiveResponse>`)
	for _, s := range []struct{ name, text string }{{"stdout", r.Stdout}, {"stderr", r.Stderr}} {
		if s.text != "" {
			fmt.Fprintf(&b, `<rsp:Stream Name="%s" CommandId="%s">%s</rsp:Stream>`, s.name, id, base64.StdEncoding.EncodeToString([]byte(s.text)))
		}
		fmt.Fprintf(&b, `<rsp:Stream Name="%s" CommandId="%s" End="true"></rsp:Stream>`, s.name, id)
	}
	fmt.Fprintf(&b, `<rsp:CommandState CommandId="%s" State="%s"><rsp:ExitCode>%d</rsp:ExitCode></rsp:CommandState></rsp:ReceiveResponse>`, id, stateDone, r.ExitCode)
	return soapReply(NSShell+"/ReceiveResponse", relatesTo, b.String())
}

func signalResponse(relatesTo string) string {
	return soapReply(NSShell+"/SignalResponse", relatesTo, `<rsp:SignalResponse/>`)
}

func deleteResponse(relatesTo string) string {
	return soapReply(nsXfer+"/DeleteResponse", relatesTo, "")
}

// faultEnvelope is a WS-Management fault ([MS-WSMV] 2.2.4.43): the SOAP
// code and subcode, the reason, and WinRM's WSManFault with its code.
func faultEnvelope(code, subcode, text, number string) string {
	return soapReply(actFault, "",
		`<s:Fault><s:Code><s:Value>`+code+`</s:Value><s:Subcode><s:Value>`+subcode+`</s:Value></s:Subcode></s:Code>`+
			`<s:Reason><s:Text xml:lang="en-US">`+text+`</s:Text></s:Reason><s:Detail>`+
			`<f:WSManFault xmlns:f="http://schemas.microsoft.com/wbem/wsman/1/wsmanfault" Code="`+number+`" Machine="fe1.contoso.com">`+
			`<f:Message>`+text+` </f:Message></f:WSManFault></s:Detail></s:Fault>`)
}

// Envelope is a reply envelope with the action and body, for parser tests.
func Envelope(action, body string) []byte { return []byte(soapReply(action, "", body)) }

// FaultBody is the body Fault answers with, for parser tests.
func FaultBody(code, subcode, text, number string) []byte {
	return []byte(faultEnvelope(code, subcode, text, number))
}
