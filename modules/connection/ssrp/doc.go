// Package ssrp is the SQL Server Resolution Protocol ([MC-SQLR]), what
// the SQL Server Browser service answers on UDP 1434: the client
// requests (CLNT_BCAST_EX 0x02, CLNT_UCAST_EX 0x03, CLNT_UCAST_INST 0x04,
// CLNT_UCAST_DAC 0x0F), the server's SVR_RESP 0x05 reply, a Lookup that
// turns host\INSTANCE into a TCP port (pcsh's connections), and a
// Responder that answers for the lab's named instances.
package ssrp

// Port is the UDP port the SQL Server Browser listens on.
const Port = 1434

// The message types of [MC-SQLR] section 2.2.
const (
	BroadcastEx  byte = 0x02 // CLNT_BCAST_EX: every instance (broadcast)
	UnicastEx    byte = 0x03 // CLNT_UCAST_EX: every instance of one machine
	UnicastInst  byte = 0x04 // CLNT_UCAST_INST: one named instance
	ServerResp   byte = 0x05 // SVR_RESP
	UnicastDAC   byte = 0x0F // CLNT_UCAST_DAC: the dedicated admin connection's port
	dacProtocol  byte = 0x01 // CLNT_UCAST_DAC's PROTOCOLVERSION
	maxInstName       = 32   // INSTANCENAME bytes, without the terminator
	maxInstReply      = 1024 // RESP_DATA bytes answering CLNT_UCAST_INST
	maxExReply        = 65535
)
