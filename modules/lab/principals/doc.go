// Package principals keeps a lab instance's server-level security catalog:
// the logins CREATE LOGIN adds (Windows logins FROM WINDOWS and SQL logins
// WITH PASSWORD) and the CONNECT permissions granted on the database
// mirroring endpoint. It serves them as sys.server_principals and
// sys.server_permissions and keeps them in server_principals.json in the
// instance's data directory, as the mirroring server keeps its endpoint:
// the engine has no server catalog of its own.
//
// The catalog is metadata only. Connections still authenticate as sa; a
// SQL login's password is checked for presence and then discarded (never
// stored or logged), and a Windows login's domain is not verified. The
// executor (modules/lab/exec) parses the statements and raises SQL
// Server's errors; this package reports ErrExists and ErrNotFound.
package principals
