package pchat

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	ntlmssp "github.com/Azure/go-ntlmssp"
	"github.com/masterzen/winrm"
	"github.com/masterzen/winrm/soap"
)

// maxReply bounds one WS-Management reply; WinRM's own envelopes are at
// most MaxEnvelopeSize (153600 bytes by default).
const maxReply = 8 << 20

// wsmanTransport posts the WS-Management messages masterzen/winrm builds
// (Create, Command, Receive, Signal, Delete) over HTTPS with one of the
// authentication methods, and turns every failure into a typed error:
// an *httpStatusError, a *WSManFault, a TLS error, a *kerberosError or
// a *replyError.
type wsmanTransport struct {
	ctx       context.Context
	url       string
	client    *http.Client
	authorize func(*http.Request) error
	started   bool // the service accepted the Command: the script may have run
}

// httpStatusError is a reply other than 200 that holds no fault.
type httpStatusError struct {
	Status  int
	Offered []string // WWW-Authenticate schemes of a 401
}

func (e *httpStatusError) Error() string {
	if e.Status == http.StatusUnauthorized {
		return fmt.Sprintf("HTTP 401 (the service offers %s)", offered(e.Offered))
	}
	return fmt.Sprintf("HTTP %d %s", e.Status, http.StatusText(e.Status))
}

func offered(schemes []string) string {
	var names []string
	for _, s := range schemes {
		name, _, _ := strings.Cut(s, " ")
		names = append(names, name)
	}
	if len(names) == 0 {
		return "no authentication method"
	}
	return strings.Join(names, ", ")
}

// replyError is a reply that could not be read whole.
type replyError struct{ err error }

func (e *replyError) Error() string { return e.err.Error() }
func (e *replyError) Unwrap() error { return e.err }

// timedOutError is the w:TimedOut fault of a Receive that waited its
// OperationTimeout; masterzen/winrm asks again when a Receive fails with
// an error that names OperationTimeout.
type timedOutError struct{ *WSManFault }

func (e timedOutError) Error() string { return "OperationTimeout: " + e.WSManFault.Error() }
func (e timedOutError) Unwrap() error { return e.WSManFault }

// Transport is a no-op: the HTTP client is built before the WinRM client.
func (t *wsmanTransport) Transport(*winrm.Endpoint) error { return nil }

// Post sends one message and returns the 200 reply's body, which must be
// the response to the message's action (a Receive's ReceiveResponse).
func (t *wsmanTransport) Post(_ *winrm.Client, m *soap.SoapMessage) (string, error) {
	msg := m.String()
	action, err := envelopeAction([]byte(msg))
	if err != nil {
		return "", err
	}
	body, err := t.post(msg)
	if err != nil {
		return "", t.classify(actionName(action), err)
	}
	got, err := envelopeAction(body)
	if err != nil {
		return "", &replyError{fmt.Errorf("the reply to %s is not a SOAP envelope: %w", actionName(action), err)}
	}
	if got != action+"Response" {
		return "", &replyError{fmt.Errorf("the reply to %s is %s, not %sResponse", actionName(action), got, actionName(action))}
	}
	if actionName(action) == "Command" {
		t.started = true
	}
	return string(body), nil
}

// post sends the message and returns a 200 reply's body.
func (t *wsmanTransport) post(msg string) ([]byte, error) {
	req, err := http.NewRequestWithContext(t.ctx, http.MethodPost, t.url, strings.NewReader(msg))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/soap+xml;charset=UTF-8")
	if err := t.authorize(req); err != nil {
		return nil, err
	}
	resp, err := t.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxReply+1))
	switch {
	case err != nil:
		return nil, &replyError{fmt.Errorf("the reply could not be read: %w", err)}
	case len(body) > maxReply:
		return nil, &replyError{fmt.Errorf("the reply is larger than %d bytes", maxReply)}
	case resp.StatusCode == http.StatusOK:
		return body, nil
	case resp.StatusCode == http.StatusUnauthorized:
		return nil, &httpStatusError{Status: resp.StatusCode, Offered: resp.Header.Values("WWW-Authenticate")}
	}
	return nil, replyFailure(resp.StatusCode, body)
}

// classify marks the w:TimedOut fault of a Receive, which
// masterzen/winrm answers by asking again (the command is still
// running); any other action's timeout is a failure.
func (t *wsmanTransport) classify(action string, err error) error {
	var f *WSManFault
	if action == "Receive" && errors.As(err, &f) && f.TimedOut() {
		return timedOutError{f}
	}
	return err
}

// replyFailure is the fault a non-200 reply carries, or its status.
func replyFailure(status int, body []byte) error {
	f, err := parseWSManFault(body)
	if err != nil {
		return &httpStatusError{Status: status}
	}
	return f
}

// httpClient is the HTTPS client for a target: TLS 1.2 or later, the
// server's certificate checked against roots (the system's when nil) for
// the target's host name; NTLM keeps to one connection, which its
// handshake authenticates.
func httpClient(t WinRMTarget, roots *x509.CertPool) *http.Client {
	tr := &http.Transport{
		TLSClientConfig:       &tls.Config{RootCAs: roots, ServerName: t.Host, MinVersion: tls.VersionTLS12},
		ResponseHeaderTimeout: 90 * time.Second, // the Receive's OperationTimeout (60 s) and a margin
		ForceAttemptHTTP2:     false,
	}
	if t.Auth != AuthNTLM {
		return &http.Client{Transport: tr}
	}
	tr.MaxConnsPerHost, tr.MaxIdleConnsPerHost = 1, 1
	return &http.Client{Transport: ntlmssp.Negotiator{RoundTripper: tr}}
}

var _ winrm.Transporter = (*wsmanTransport)(nil)
