package tds

import (
	"strconv"

	"pcsh/modules/lab/sqltype"
)

// Token ids (MS-TDS 2.2.7).
const (
	tokenReturnStatus = 0x79
	tokenColMetadata  = 0x81
	tokenError        = 0xAA
	tokenInfo         = 0xAB
	tokenReturnValue  = 0xAC
	tokenLoginAck     = 0xAD
	tokenRow          = 0xD1
	tokenEnvChange    = 0xE3
	tokenDone         = 0xFD
	tokenDoneProc     = 0xFE
	tokenDoneInProc   = 0xFF
)

// DONE status bits.
const (
	doneMore  = 0x01
	doneError = 0x02
	doneCount = 0x10
	doneAttn  = 0x20
)

// curCmdSelect is the DONE CurCmd of a statement that returned rows.
const curCmdSelect = 0xC1

// ENVCHANGE types the server sends.
const (
	envDatabase        = 1
	envLanguage        = 2
	envPacketSize      = 4
	envCollation       = 7
	envBeginTran       = 8
	envCommitTran      = 9
	envRollbackTran    = 10
	envMirrorPartner   = 13
	envResetConnection = 18
)

// tdsVersion74 is the TDS version the server acknowledges.
const tdsVersion74 = 0x74000004

// writeDone appends DONE, DONEPROC or DONEINPROC.
func writeDone(e *encoder, token byte, status, curCmd uint16, count uint64) {
	e.u8(token)
	e.u16(status)
	e.u16(curCmd)
	e.u64(count)
}

// writeMessageToken appends an ERROR or INFO token.
func writeMessageToken(e *encoder, token byte, m *sqltype.Error, server string) {
	e.u8(token)
	at := len(e.b)
	e.u16(0)
	e.u32(uint32(m.Number))
	e.u8(m.State)
	e.u8(m.Class)
	e.usVarChar(m.Message)
	if m.ServerName != "" {
		server = m.ServerName
	}
	e.bVarChar(server)
	e.bVarChar(m.ProcName)
	e.u32(uint32(m.LineNo))
	e.patchU16(at, uint16(len(e.b)-at-2))
}

// writeEnvChange appends an ENVCHANGE whose new and old values are
// B_VARCHAR strings (types 1, 2, 4, 13).
func writeEnvChange(e *encoder, typ byte, newValue, oldValue string) {
	e.u8(tokenEnvChange)
	at := len(e.b)
	e.u16(0)
	e.u8(typ)
	e.bVarChar(newValue)
	e.bVarChar(oldValue)
	e.patchU16(at, uint16(len(e.b)-at-2))
}

// writeEnvBytes appends an ENVCHANGE whose values are B_VARBYTE (types 7,
// 8, 9, 10, 18).
func writeEnvBytes(e *encoder, typ byte, newValue, oldValue []byte) {
	e.u8(tokenEnvChange)
	e.u16(uint16(3 + len(newValue) + len(oldValue)))
	e.u8(typ)
	e.u8(byte(len(newValue)))
	e.raw(newValue)
	e.u8(byte(len(oldValue)))
	e.raw(oldValue)
}

// writePacketSize announces the negotiated packet size.
func writePacketSize(e *encoder, size, old int) {
	writeEnvChange(e, envPacketSize, strconv.Itoa(size), strconv.Itoa(old))
}

// writeLoginAck appends LOGINACK for TDS 7.4.
func writeLoginAck(e *encoder, progName string, version uint32) {
	e.u8(tokenLoginAck)
	at := len(e.b)
	e.u16(0)
	e.u8(1) // SQL_TSQL
	e.raw([]byte{0x74, 0x00, 0x00, 0x04})
	e.bVarChar(progName)
	e.raw([]byte{byte(version >> 24), byte(version >> 16), byte(version >> 8), byte(version)})
	e.patchU16(at, uint16(len(e.b)-at-2))
}

// writeColMetadata appends COLMETADATA for cols with their wire types.
func writeColMetadata(e *encoder, cols []sqltype.Column, types []typeInfo) {
	e.u8(tokenColMetadata)
	e.u16(uint16(len(cols)))
	for i, c := range cols {
		e.u32(0) // UserType
		e.u16(columnFlags(c))
		writeTypeInfo(e, types[i])
		e.bVarChar(c.Name)
	}
}

// columnFlags returns the COLMETADATA flags: nullable, updateable unknown.
func columnFlags(c sqltype.Column) uint16 {
	if c.Nullable {
		return 0x0001 | 0x0008
	}
	return 0x0008
}

// writeRow appends a ROW token.
func writeRow(e *encoder, types []typeInfo, values []any) error {
	e.u8(tokenRow)
	for i, t := range types {
		if err := writeValue(e, t, values[i]); err != nil {
			return err
		}
	}
	return nil
}

// writeReturnValue appends RETURNVALUE for an OUTPUT parameter.
func writeReturnValue(e *encoder, ordinal int, p Param, t typeInfo) error {
	e.u8(tokenReturnValue)
	e.u16(uint16(ordinal))
	e.bVarChar(p.Name)
	e.u8(0x01) // output parameter
	e.u32(0)   // UserType
	e.u16(0x0001)
	writeTypeInfo(e, t)
	return writeValue(e, t, p.Value)
}

// writeReturnStatus appends RETURNSTATUS.
func writeReturnStatus(e *encoder, status int32) {
	e.u8(tokenReturnStatus)
	e.u32(uint32(status))
}
