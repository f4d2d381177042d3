package kerberos

import (
	"errors"
	"testing"
)

// FuzzDecodeToken feeds the SSPI token decoder, and the verification
// after it, what a LOGIN7 may carry: it must refuse with a Refusal, never
// panic. The seeds (testdata/fuzz/FuzzDecodeToken) are a token built as
// go-mssqldb's krb5 authenticator builds it (gokrb5's NegTokenInit), an
// NTLM NEGOTIATE and a NegTokenResp.
func FuzzDecodeToken(f *testing.F) {
	kt := serviceKeytab(f, spn, "svc-pw")
	f.Add(forge(f, valid(kt)))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, err := DecodeToken(b)
		var r *Refusal
		if err != nil && !errors.As(err, &r) {
			t.Fatalf("DecodeToken error is not a Refusal: %v", err)
		}
		if _, err := New(kt).Accept(b); err == nil {
			return // a valid token (the seed, once)
		}
	})
}
