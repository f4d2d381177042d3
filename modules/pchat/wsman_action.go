package pchat

import (
	"encoding/xml"
	"errors"
	"strings"
)

// actionEnvelope is the part of a SOAP 1.2 envelope its WS-Addressing
// action is read from, matched by namespace URI.
type actionEnvelope struct {
	XMLName xml.Name `xml:"http://www.w3.org/2003/05/soap-envelope Envelope"`
	Header  struct {
		Action string `xml:"http://schemas.xmlsoap.org/ws/2004/08/addressing Action"`
	} `xml:"http://www.w3.org/2003/05/soap-envelope Header"`
}

// errNoAction is envelopeAction's answer to an envelope without one.
var errNoAction = errors.New("the SOAP envelope has no WS-Addressing Action")

// envelopeAction reads the wsa:Action of a SOAP envelope: the request's
// (…/transfer/Create, …/shell/Command) or the reply's (…/CreateResponse).
func envelopeAction(body []byte) (string, error) {
	var env actionEnvelope
	if err := xml.Unmarshal(body, &env); err != nil {
		return "", err
	}
	if a := strings.TrimSpace(env.Header.Action); a != "" {
		return a, nil
	}
	return "", errNoAction
}

// actionName is the last path element of an action URI: Create,
// CommandResponse.
func actionName(action string) string { return action[strings.LastIndex(action, "/")+1:] }
