package tds

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// Packet types (MS-TDS 2.2.3.1.1).
const (
	packetSQLBatch  = 0x01
	packetRPC       = 0x03
	packetReply     = 0x04
	packetAttention = 0x06
	packetTransMgr  = 0x0E
	packetLogin7    = 0x10
	packetSSPI      = 0x11
	packetPrelogin  = 0x12
)

// Packet status bits.
const (
	statusEOM             = 0x01
	statusResetConnection = 0x08
)

const (
	headerSize = 8
	// minPacketSize is the smallest packet size TDS allows; the server uses
	// it until LOGIN7 tells it what the client can read.
	minPacketSize = 512
	// maxPacketSize is the largest packet size TDS allows.
	maxPacketSize = 32767
	// maxMessageSize bounds a reassembled request so a client cannot make
	// the server allocate without limit.
	maxMessageSize = 64 << 20
)

var errMessageTooLarge = errors.New("tds: request larger than the server accepts")

// messageTooLarge is errMessageTooLarge naming the limit that was hit.
func messageTooLarge(limit int) error {
	return fmt.Errorf("%w (%d bytes)", errMessageTooLarge, limit)
}

// message is one reassembled client request: all packets up to EOM.
type message struct {
	typ     byte
	status  byte // status of the first packet (carries RESETCONNECTION)
	payload []byte
}

// packetReader reads TDS packets and reassembles them into messages.
type packetReader struct {
	r     io.Reader
	hdr   [headerSize]byte
	limit int // largest message accepted; 0 means maxMessageSize
}

// maxSize is the largest message the reader accepts.
func (p *packetReader) maxSize() int {
	if p.limit > 0 {
		return p.limit
	}
	return maxMessageSize
}

// readPacket reads one packet and appends its payload to dst.
func (p *packetReader) readPacket(dst []byte) (typ, status byte, out []byte, err error) {
	if _, err = io.ReadFull(p.r, p.hdr[:]); err != nil {
		return 0, 0, dst, err
	}
	size := int(binary.BigEndian.Uint16(p.hdr[2:4]))
	if size < headerSize {
		return 0, 0, dst, fmt.Errorf("tds: packet length %d shorter than its header", size)
	}
	if limit := p.maxSize(); len(dst)+size-headerSize > limit {
		return 0, 0, dst, messageTooLarge(limit)
	}
	n := len(dst)
	dst = append(dst, make([]byte, size-headerSize)...)
	if _, err = io.ReadFull(p.r, dst[n:]); err != nil {
		return 0, 0, dst, err
	}
	return p.hdr[0], p.hdr[1], dst, nil
}

// readMessage reads packets until one carries the EOM status bit. Every
// packet of a message must have the first packet's type.
func (p *packetReader) readMessage() (message, error) {
	typ, status, payload, err := p.readPacket(nil)
	m := message{typ: typ, status: status, payload: payload}
	for err == nil && status&statusEOM == 0 {
		var t byte
		t, status, m.payload, err = p.readPacket(m.payload)
		if err == nil && t != m.typ {
			err = fmt.Errorf("tds: packet type %#x inside a %#x message", t, m.typ)
		}
	}
	return m, err
}

// appendPackets splits payload into packets of at most size bytes (header
// included) and appends them to dst. The last packet carries EOM when final
// is set; an empty payload still yields one packet.
func appendPackets(dst []byte, typ byte, payload []byte, size int, final bool) []byte {
	chunk := size - headerSize
	seq := byte(1)
	for first := true; first || len(payload) > 0; first = false {
		n := min(chunk, len(payload))
		status := byte(0)
		if n == len(payload) && final {
			status = statusEOM
		}
		dst = append(dst, typ, status, 0, 0, 0, 0, seq, 0)
		seq++
		binary.BigEndian.PutUint16(dst[len(dst)-6:], uint16(headerSize+n))
		dst = append(dst, payload[:n]...)
		payload = payload[n:]
	}
	return dst
}

// writeMessage sends payload as one complete message of packets.
func writeMessage(w io.Writer, typ byte, payload []byte, size int) error {
	_, err := w.Write(appendPackets(nil, typ, payload, size, true))
	return err
}
