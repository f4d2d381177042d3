package pchat

import (
	"encoding/xml"
	"errors"
	"fmt"
	"strings"
)

// WSManFault is a WS-Management fault ([MS-WSMV] 2.2.4.43): a SOAP 1.2
// s:Fault whose s:Detail holds the WinRM service's f:WSManFault with its
// numeric code and message.
type WSManFault struct {
	Code    string // s:Code/s:Value, e.g. s:Sender
	Subcode string // s:Code/s:Subcode/s:Value, e.g. w:InvalidSelectors
	Reason  string // s:Reason/s:Text
	Number  string // f:WSManFault/@Code, e.g. 2150858843
	Machine string // f:WSManFault/@Machine
	Message string // f:WSManFault/f:Message
}

// Error is the fault's best message with its codes.
func (f *WSManFault) Error() string {
	msg := f.Message
	if msg == "" {
		msg = f.Reason
	}
	codes := f.Subcode
	if codes == "" {
		codes = f.Code
	}
	if f.Number != "" {
		codes += ", WSManFault code " + f.Number
	}
	return fmt.Sprintf("%s (%s)", strings.TrimSpace(msg), strings.TrimSpace(codes))
}

// TimedOut reports the fault WinRM answers a Receive with when the
// command wrote nothing within the request's OperationTimeout: the
// client asks again.
func (f *WSManFault) TimedOut() bool {
	return strings.HasSuffix(strings.TrimSpace(f.Subcode), ":TimedOut")
}

// faultEnvelope is the part of a SOAP 1.2 envelope a fault is read from;
// the element names are matched by namespace URI.
type faultEnvelope struct {
	XMLName xml.Name `xml:"http://www.w3.org/2003/05/soap-envelope Envelope"`
	Fault   *struct {
		Code struct {
			Value   string `xml:"http://www.w3.org/2003/05/soap-envelope Value"`
			Subcode struct {
				Value string `xml:"http://www.w3.org/2003/05/soap-envelope Value"`
			} `xml:"http://www.w3.org/2003/05/soap-envelope Subcode"`
		} `xml:"http://www.w3.org/2003/05/soap-envelope Code"`
		Reason []string `xml:"http://www.w3.org/2003/05/soap-envelope Reason>Text"`
		Detail struct {
			WSMan struct {
				Code    string `xml:"Code,attr"`
				Machine string `xml:"Machine,attr"`
				Message string `xml:"http://schemas.microsoft.com/wbem/wsman/1/wsmanfault Message"`
			} `xml:"http://schemas.microsoft.com/wbem/wsman/1/wsmanfault WSManFault"`
		} `xml:"http://www.w3.org/2003/05/soap-envelope Detail"`
	} `xml:"http://www.w3.org/2003/05/soap-envelope Body>Fault"`
}

// errNotFault is parseWSManFault's answer to a well-formed envelope that
// holds no fault.
var errNotFault = errors.New("the SOAP envelope holds no fault")

// parseWSManFault reads a fault from a SOAP response body.
func parseWSManFault(body []byte) (*WSManFault, error) {
	var env faultEnvelope
	if err := xml.Unmarshal(body, &env); err != nil {
		return nil, err
	}
	if env.Fault == nil {
		return nil, errNotFault
	}
	f := env.Fault
	out := &WSManFault{Code: strings.TrimSpace(f.Code.Value), Subcode: strings.TrimSpace(f.Code.Subcode.Value),
		Number: strings.TrimSpace(f.Detail.WSMan.Code), Machine: f.Detail.WSMan.Machine,
		Message: strings.TrimSpace(f.Detail.WSMan.Message)}
	if len(f.Reason) > 0 {
		out.Reason = strings.TrimSpace(f.Reason[0])
	}
	return out, nil
}
