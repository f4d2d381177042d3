package winrmfake

import (
	"fmt"
	"net/http"
)

// A Failure answers one request in place of the documented reply.
type Failure func(w http.ResponseWriter)

// The faults the bad-input tests use, worded as the WinRM service words
// them ([MS-WSMV] 2.2.4.43; the codes are the service's WSManFault codes).
var (
	// AccessDenied is the fault of an account the service authenticated
	// but may not open a shell: Win32 error 5 as an HRESULT.
	AccessDenied = Fault("s:Receiver", "w:InternalError", "Access is denied.", "2147942405")
	// ShellNotFound is the fault of a request for a shell the service no
	// longer has (it was deleted or timed out).
	ShellNotFound = Fault("s:Sender", "w:InvalidSelectors", "The request for the Windows Remote Shell with ShellId "+
		ShellID+" failed because the shell was not found on the server. Possible causes are: the specified ShellId is "+
		"incorrect or the shell no longer exists on the server. Provide the correct ShellId or create a new shell and retry the operation.", "2150858843")
	// TimedOut is the fault of a request the service could not complete
	// within its OperationTimeout.
	TimedOut = Fault("s:Receiver", "w:TimedOut", "The WS-Management service cannot complete the operation within the time specified in OperationTimeout.", "2150858793")
)

// Fault answers HTTP 500 with a WS-Management fault.
func Fault(code, subcode, text, number string) Failure {
	return func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "application/soap+xml;charset=UTF-8")
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprint(w, faultEnvelope(code, subcode, text, number))
	}
}

// Body answers with status and body as they are (garbage, an HTML page,
// nothing).
func Body(status int, contentType, body string) Failure {
	return func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		fmt.Fprint(w, body)
	}
}

// Truncated answers with the first half of a Receive reply.
func Truncated(w http.ResponseWriter) {
	full := receiveResponse("none", "", Reply{Stdout: "cut"})
	w.Header().Set("Content-Type", "application/soap+xml;charset=UTF-8")
	fmt.Fprint(w, full[:len(full)/2])
}
