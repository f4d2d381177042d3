package sqldb

import "pcsh/modules/lab/bincode"

// File is one file of a database (sys.master_files, RESTORE
// FILELISTONLY).
type File struct {
	FileID       int32
	LogicalName  string
	PhysicalName string
	Type         byte // 'D' data, 'L' log
}

// AppendFiles appends the encoding of a database's file list, as the
// engine's catalog, log and checkpoints and a backup set header store it.
func AppendFiles(dst []byte, files []File) []byte {
	dst = bincode.AppendUvarint(dst, uint64(len(files)))
	for _, f := range files {
		dst = bincode.AppendVarint(dst, int64(f.FileID))
		dst = bincode.AppendString(dst, f.LogicalName)
		dst = bincode.AppendString(dst, f.PhysicalName)
		dst = append(dst, f.Type)
	}
	return dst
}

// ReadFiles reads what AppendFiles wrote from r (nil for an empty list);
// a malformed list fails r.
func ReadFiles(r *bincode.Reader) []File {
	var out []File
	for range r.Count(4) {
		out = append(out, File{FileID: int32(r.Varint()), LogicalName: r.Str(), PhysicalName: r.Str(), Type: r.U8()})
	}
	return out
}
