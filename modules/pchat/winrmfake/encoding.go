package winrmfake

import (
	"encoding/base64"
	"encoding/binary"
	"unicode/utf16"
)

// DecodeCommand decodes a -EncodedCommand value: base64 of the script's
// UTF-16LE bytes, as PowerShell reads it.
func DecodeCommand(enc string) (string, error) {
	b, err := base64.StdEncoding.DecodeString(enc)
	if err != nil {
		return "", err
	}
	units := make([]uint16, len(b)/2)
	for i := range units {
		units[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return string(utf16.Decode(units)), nil
}
