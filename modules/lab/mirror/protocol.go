package mirror

import (
	"encoding/binary"
	"errors"

	"pcsh/modules/lab/bincode"
	"pcsh/modules/lab/sqldb"
)

// The lab's mirroring wire protocol. Every message is one frame: a 4-byte
// big-endian length followed by the encoded Frame. A connection starts
// with Hello (dialer) and Welcome (acceptor); partners then exchange Log,
// Ack, Ping, Control, Reply and Image frames, a partner and its witness
// Witness and Verdict frames.

// FrameType identifies a frame.
type FrameType uint8

// The frame types.
const (
	FrameHello   FrameType = iota + 1 // opens a partner or witness conversation
	FrameWelcome                      // accepts (Error 0) or refuses a Hello
	FrameLog                          // principal → mirror: a log block
	FrameAck                          // mirror → principal: hardened through End, needs Redo next
	FramePing                         // either way: liveness and session status
	FrameControl                      // partner → partner: an ALTER DATABASE operation
	FrameReply                        // the answer to a Control
	FrameImage                        // principal → mirror: a database image to re-seed from
	FrameWitness                      // partner → witness: status or request
	FrameVerdict                      // witness → partner: its view and decisions
	frameTypeEnd
)

// Op is the operation of a Control or Witness frame.
type Op uint8

// The operations.
const (
	OpNone      Op = iota
	OpEstablish    // Control: the principal accepted the mirror's position
	OpFailover     // Control: manual failover (SET PARTNER FAILOVER)
	OpSuspend      // Control: SET PARTNER SUSPEND issued on the mirror
	OpOff          // Control: SET PARTNER OFF
	OpStatus       // Witness: periodic status
	OpRequestFailover
	OpRequestExposed
	OpRequestForce
	OpRemove // Witness: SET WITNESS OFF
	OpConfig // Control: the principal's safety, timeout, witness and suspension, for the mirror to store
	opEnd
)

// Frame flags.
const (
	FlagWitness   uint8 = 1 << iota // Hello: a witness conversation
	FlagSetup                       // Hello: first SET PARTNER / SET WITNESS
	FlagSuspended                   // the session is suspended
	FlagSynced                      // the principal is synchronized
	FlagGranted                     // Verdict: the request was granted
	FlagSeesOther                   // Verdict: the witness hears the other partner
	FlagWitnessUp                   // Ping: the sender's witness link is up
)

// MaxFrame bounds a frame's encoded size (64 MiB).
const MaxFrame = 64 << 20

// Frame is one protocol message. Fields a frame type does not use are
// zero.
type Frame struct {
	Type      FrameType
	Op        Op
	Flags     uint8
	DB        string
	GUID      [16]byte
	Family    [16]byte
	Role      uint8
	RoleSeq   int32
	Safety    uint8
	SafetySeq int32
	State     uint8
	Timeout   int32
	First     sqldb.LSN // Log: first record
	End       sqldb.LSN // Log, Ack, Ping: end of log
	Redo      sqldb.LSN // Welcome, Ack, Ping: first LSN the mirror needs
	Failover  sqldb.LSN // Control FAILOVER: reconciliation point
	Chain     [3]sqldb.LSN
	Count     int64  // Log: transactions; Ping: send queue transactions
	Bytes     int64  // Ping: send queue bytes
	Nonce     uint64 // sender's server identity
	Server    string // sender's server name
	Partner   string // a partner address or server name
	Witness   string // the witness address
	Error     int32  // Welcome, Reply: SQL error number, 0 for success
	Args      []string
	Payload   []byte // Log records, Image
}

// errBadFrame reports a malformed frame.
var errBadFrame = errors.New("mirror: malformed frame")

// AppendFrame appends f's length-prefixed encoding to dst.
func AppendFrame(dst []byte, f *Frame) []byte {
	start := len(dst)
	dst = append(dst, 0, 0, 0, 0, byte(f.Type), byte(f.Op), f.Flags)
	dst = bincode.AppendString(dst, f.DB)
	dst = append(dst, f.GUID[:]...)
	dst = append(dst, f.Family[:]...)
	dst = append(dst, f.Role, f.Safety, f.State)
	for _, v := range []int32{f.RoleSeq, f.SafetySeq, f.Timeout, f.Error} {
		dst = bincode.AppendVarint(dst, int64(v))
	}
	for _, l := range []sqldb.LSN{f.First, f.End, f.Redo, f.Failover, f.Chain[0], f.Chain[1], f.Chain[2]} {
		dst = bincode.AppendUvarint(dst, uint64(l))
	}
	dst = bincode.AppendVarint(dst, f.Count)
	dst = bincode.AppendVarint(dst, f.Bytes)
	dst = bincode.AppendUvarint(dst, f.Nonce)
	for _, s := range []string{f.Server, f.Partner, f.Witness} {
		dst = bincode.AppendString(dst, s)
	}
	dst = bincode.AppendUvarint(dst, uint64(len(f.Args)))
	for _, a := range f.Args {
		dst = bincode.AppendString(dst, a)
	}
	dst = bincode.AppendBytes(dst, f.Payload)
	binary.BigEndian.PutUint32(dst[start:], uint32(len(dst)-start-4))
	return dst
}

// DecodeFrame decodes one frame body (without the length prefix).
func DecodeFrame(b []byte) (*Frame, error) {
	d := decoder{bincode.NewReader(b, errBadFrame)}
	f := &Frame{Type: FrameType(d.U8()), Op: Op(d.U8()), Flags: d.U8()}
	f.DB = d.Str()
	copy(f.GUID[:], d.Take(16))
	copy(f.Family[:], d.Take(16))
	f.Role, f.Safety, f.State = d.U8(), d.U8(), d.U8()
	f.RoleSeq, f.SafetySeq, f.Timeout, f.Error = d.Int32(), d.Int32(), d.Int32(), d.Int32()
	f.First, f.End, f.Redo, f.Failover = d.lsn(), d.lsn(), d.lsn(), d.lsn()
	f.Chain = [3]sqldb.LSN{d.lsn(), d.lsn(), d.lsn()}
	f.Count, f.Bytes, f.Nonce = d.Varint(), d.Varint(), d.Uvarint()
	f.Server, f.Partner, f.Witness = d.Str(), d.Str(), d.Str()
	if n := d.Count(1); d.Err() == nil && n > 0 {
		f.Args = make([]string, 0, n)
		for range n {
			f.Args = append(f.Args, d.Str())
		}
	}
	if p := d.Bytes(); len(p) > 0 {
		f.Payload = append([]byte(nil), p...)
	}
	if d.Err() == nil && (d.Len() != 0 || f.Type == 0 || f.Type >= frameTypeEnd || f.Op >= opEnd) {
		d.Fail()
	}
	if d.Err() != nil {
		return nil, d.Err()
	}
	return f, nil
}

// decoder reads the frame encoding, remembering the first error.
type decoder struct{ bincode.Reader }

func (d *decoder) lsn() sqldb.LSN { return sqldb.LSN(d.Uvarint()) }
