// Package backupmedia is the lab's backup file format, the media BACKUP
// … TO DISK writes and RESTORE … FROM DISK reads, with no engine state:
//
//	"PCSHBAK1"                           magic
//	frame(media header)                  [len u32][crc32c u32][payload]
//	set*:
//	  "SET1"
//	  frame(backup set header)
//	  [payload length u64] payload [crc32c of payload u32]
//
// The media header is the media label (RESTORE LABELONLY); a set header
// is a BackupHeader, the set's RESTORE HEADERONLY fields (EncodeHeader,
// DecodeHeader); a payload is the engine's encoding of the set's data (a
// database image or log records), opaque here. A file is written through
// a Device atomically, so a crash leaves either the old file or the
// complete new one.
package backupmedia
