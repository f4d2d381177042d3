// Package disk is the lab's file system as an instance sees it: the
// files behind the paths BACKUP … TO DISK, RESTORE … FROM DISK and the
// log shipping jobs name (UNC shares included), under the lab's faults
// (a full disk, a share across a cut link) and the confinement of a
// service account, and the one way the lab replaces a file: write a
// temporary file next to it, fsync, rename into place, fsync the
// directory (WriteAtomic).
package disk
