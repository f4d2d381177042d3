package sqldb

import (
	"math/big"
	"strconv"

	"pcsh/modules/lab/sqltype"
)

// LSN is a log sequence number in the decimal form SQL Server shows in
// backupset.first_lsn, RESTORE HEADERONLY and sys.database_mirroring: the
// numeric(25,0) value VLF*10^15 + block*10^5 + slot. For example
// 34000000012300001 is VLF 34, log block 123, slot 1. Zero means "none".
type LSN uint64

const (
	lsnVLFUnit   = 1_000_000_000_000_000 // 10^15
	lsnBlockUnit = 100_000               // 10^5
	// firstVLF is where a new database's log starts; SQL Server's first VLF
	// sequence numbers on a fresh database are small two-digit numbers.
	firstVLF = 34
	// blocksPerVLF bounds the block number before the log moves on to the
	// next virtual log file.
	blocksPerVLF = 20_000
	// slotsPerBlock bounds the records packed into one log block.
	slotsPerBlock = 64
)

// MakeLSN packs a VLF sequence number, block offset and slot.
func MakeLSN(vlf, block, slot uint64) LSN {
	return LSN(vlf*lsnVLFUnit + block*lsnBlockUnit + slot)
}

// VLF returns the virtual log file sequence number.
func (l LSN) VLF() uint64 { return uint64(l) / lsnVLFUnit }

// Block returns the log block offset within the VLF.
func (l LSN) Block() uint64 { return uint64(l) % lsnVLFUnit / lsnBlockUnit }

// Slot returns the slot number within the block.
func (l LSN) Slot() uint64 { return uint64(l) % lsnBlockUnit }

// String returns the decimal numeric(25,0) form.
func (l LSN) String() string { return strconv.FormatUint(uint64(l), 10) }

// Decimal returns the numeric(25,0) value for a result row; zero is NULL.
func (l LSN) Decimal() any {
	if l == 0 {
		return nil
	}
	return sqltype.Decimal{Unscaled: new(big.Int).SetUint64(uint64(l)), Scale: 0}
}

// Next returns the LSN of the record after l: the next slot, spilling into
// the next block and VLF.
func (l LSN) Next() LSN {
	if l == 0 {
		return MakeLSN(firstVLF, 16, 1)
	}
	vlf, block, slot := l.VLF(), l.Block(), l.Slot()+1
	if slot > slotsPerBlock {
		block, slot = block+8, 1
	}
	if block >= blocksPerVLF {
		vlf, block = vlf+1, 16
	}
	return MakeLSN(vlf, block, slot)
}

// NextBlock returns the first LSN of a fresh log block after l, as a
// checkpoint or a log backup boundary starts one.
func (l LSN) NextBlock() LSN {
	if l == 0 {
		return l.Next()
	}
	vlf, block := l.VLF(), l.Block()+8
	if block >= blocksPerVLF {
		vlf, block = vlf+1, 16
	}
	return MakeLSN(vlf, block, 1)
}
