package pchat

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"
)

// clixmlHeader starts what PowerShell writes to a redirected stderr when
// it runs -EncodedCommand: the error stream serialised as CLIXML
// (<Objs><S S="Error">…</S></Objs>, with progress records as <Obj S="progress">).
const clixmlHeader = "#< CLIXML"

// stderrText returns what PowerShell wrote to stderr as plain text: the
// Error strings of a CLIXML stream joined, or the bytes as they are when
// they are not CLIXML or do not decode.
func stderrText(b []byte) string {
	text, err := decodeCLIXML(b)
	if err != nil {
		return strings.TrimSpace(string(b))
	}
	return text
}

// decodeCLIXML decodes a CLIXML error stream: every <S S="Error"> string
// of every <Objs> document after the header, in order, with PowerShell's
// _xHHHH_ escapes undone. Progress, warning and other records are left
// out. Input without the header is returned trimmed.
func decodeCLIXML(b []byte) (string, error) {
	rest, ok := bytes.CutPrefix(bytes.TrimLeft(b, "\r\n\t "), []byte(clixmlHeader))
	if !ok {
		return strings.TrimSpace(string(b)), nil
	}
	d := xml.NewDecoder(bytes.NewReader(rest))
	var out strings.Builder
	inError := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			inError = t.Name.Local == "S" && attr(t, "S") == "Error"
		case xml.EndElement:
			inError = false
		case xml.CharData:
			if inError {
				out.WriteString(unescapeCLIXML(string(t)))
			}
		}
	}
	return strings.TrimSpace(out.String()), nil
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// unescapeCLIXML undoes the _xHHHH_ escapes PowerShell's serializer
// writes for control characters, surrogates and literal "_x": each is one
// UTF-16 code unit, so a character outside the BMP is two of them.
func unescapeCLIXML(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var out strings.Builder
	var units []uint16
	flush := func() {
		out.WriteString(string(utf16.Decode(units)))
		units = units[:0]
	}
	for len(s) > 0 {
		if u, ok := escapedUnit(s); ok {
			units = append(units, u)
			s = s[7:]
			continue
		}
		flush()
		out.WriteByte(s[0])
		s = s[1:]
	}
	flush()
	return out.String()
}

// escapedUnit reads one _xHHHH_ at the start of s.
func escapedUnit(s string) (uint16, bool) {
	if len(s) < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_' {
		return 0, false
	}
	n, err := strconv.ParseUint(s[2:6], 16, 16)
	return uint16(n), err == nil
}
