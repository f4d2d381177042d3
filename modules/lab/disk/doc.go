// Package disk is the lab's file system as an instance sees it: the
// files behind the paths BACKUP … TO DISK, RESTORE … FROM DISK and the
// log shipping jobs name (UNC shares included), under the lab's faults
// (a full disk, a share across a cut link) and the confinement of a
// service account. Files are replaced the one way pcsh replaces a file,
// runtime/atomicfile's (WriteAtomic), with the lab's faults and
// confinement checked first (FS.WriteAtomic).
package disk
