package storage

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/lib/pq"
	"github.com/lib/pq/pqerror"
)

var (
	// ErrNotFound means the requested row does not exist.
	ErrNotFound = errors.New("storage: not found")
	// ErrDuplicateNIK means the NIK is already registered to another
	// Telegram account.
	ErrDuplicateNIK = errors.New("storage: NIK already registered to another account")
	// ErrAlreadyDecided means a coordinator tried to verify or reject a
	// volunteer that is not pending anymore.
	ErrAlreadyDecided = errors.New("storage: volunteer already decided")
)

// Unavailable reports whether err means the database cannot be reached
// (connection refused or reset, a closed pool, a timeout, the server
// shutting down or refusing connections), as opposed to a bug or a
// constraint violation. Callers answer such errors with "sistem sedang
// gangguan" and may retry later.
func Unavailable(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, sql.ErrConnDone) ||
		errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.EPIPE) {
		return true
	}
	if pqErr := pq.As(err); pqErr != nil {
		switch pqErr.Code {
		case pqerror.AdminShutdown, pqerror.CrashShutdown, pqerror.CannotConnectNow,
			pqerror.TooManyConnections, pqerror.QueryCanceled:
			return true
		}
		return pqErr.Code.Class() == pqerror.ClassConnectionException
	}
	// Dial, DNS and socket errors. (Not any net.Error: *url.Error is one,
	// and a malformed URL is a configuration error.)
	var opErr *net.OpError
	var dnsErr *net.DNSError
	if errors.As(err, &opErr) || errors.As(err, &dnsErr) {
		return true
	}
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		return true
	}
	// database/sql does not export the error of a closed *sql.DB.
	return strings.Contains(err.Error(), "sql: database is closed")
}
