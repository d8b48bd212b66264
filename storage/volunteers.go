package storage

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"

	"pilarbot/storage/domain"
)

// Audit actions and subject type for volunteers.
const (
	SubjectVolunteer      = "volunteer"
	ActionVolunteerVerify = "volunteer.verify"
	ActionVolunteerReject = "volunteer.reject"
)

// defaultPendingPageSize is the PendingVolunteers limit used for limit <= 0.
const defaultPendingPageSize = 50

// Volunteer is a registered relawan. NIK and Phone are personal data: the
// String and LogValue methods leave them out, and so must every log line.
type Volunteer struct {
	ID            int64         `db:"id"`
	TelegramID    int64         `db:"telegram_id"`
	ChatID        int64         `db:"chat_id"`
	Username      string        `db:"username"`
	FullName      string        `db:"full_name"`
	Pilar         string        `db:"pilar"`          // psm, tagana, tksk, pkh, karang_taruna, karang_werda, lksa
	KelurahanCode string        `db:"kelurahan_code"` // e.g. 35.75.04.1006
	Phone         string        `db:"phone"`          // E.164, e.g. +6281234567890
	NIK           string        `db:"nik"`            // 16 digits, or "" if not given
	Status        domain.Status `db:"status"`
	StatusNote    string        `db:"status_note"` // rejection reason
	DecidedBy     *int64        `db:"decided_by"`
	DecidedAt     *time.Time    `db:"decided_at"`
	Unreachable   bool          `db:"unreachable"` // blocked the bot (403)
	CreatedAt     time.Time     `db:"created_at"`
	UpdatedAt     time.Time     `db:"updated_at"`
}

// LogValue implements slog.LogValuer. It leaves out the NIK, the phone
// number and the name.
func (v Volunteer) LogValue() slog.Value {
	return slog.GroupValue(
		slog.Int64("id", v.ID),
		slog.Int64("telegram_id", v.TelegramID),
		slog.Int64("chat_id", v.ChatID),
		slog.String("pilar", v.Pilar),
		slog.String("kelurahan_code", v.KelurahanCode),
		slog.String("status", string(v.Status)),
		slog.Bool("unreachable", v.Unreachable),
	)
}

// String implements fmt.Stringer without the NIK, the phone number and the
// name.
func (v Volunteer) String() string {
	return fmt.Sprintf("Volunteer{id=%d telegram_id=%d chat_id=%d pilar=%s kelurahan_code=%s status=%s unreachable=%t}",
		v.ID, v.TelegramID, v.ChatID, v.Pilar, v.KelurahanCode, v.Status, v.Unreachable)
}

// GoString keeps %#v from printing the personal data String leaves out.
func (v Volunteer) GoString() string { return v.String() }

// volunteerColumns lists the columns in Volunteer order; a missing NIK is
// stored as NULL (so it does not collide with other missing NIKs) and read
// as "".
const volunteerColumns = `id, telegram_id, chat_id, username, full_name, pilar, kelurahan_code,
	phone, COALESCE(nik, '') AS nik, status, status_note, decided_by, decided_at, unreachable,
	created_at, updated_at`

const volunteerNIKConstraint = "volunteers_nik_key"

var volunteerByTelegramIDSQL = hot(`SELECT ` + volunteerColumns + ` FROM volunteers WHERE telegram_id = $1`)

// VolunteerByTelegramID returns the volunteer registered by a Telegram
// account, or ErrNotFound.
func (s *Store) VolunteerByTelegramID(ctx context.Context, telegramID int64) (*Volunteer, error) {
	var v Volunteer
	err := s.getPrepared(ctx, nil, &v, volunteerByTelegramIDSQL, telegramID)
	if err != nil {
		return nil, fmt.Errorf("storage: volunteer by telegram id: %w", notFound(err))
	}
	return &v, nil
}

// VolunteerByID returns a volunteer by id, or ErrNotFound.
func (s *Store) VolunteerByID(ctx context.Context, id int64) (*Volunteer, error) {
	var v Volunteer
	err := s.db.GetContext(ctx, &v, `SELECT `+volunteerColumns+` FROM volunteers WHERE id = $1`, id)
	if err != nil {
		return nil, fmt.Errorf("storage: volunteer by id: %w", notFound(err))
	}
	return &v, nil
}

// A registration goes back to pending when it was rejected (it is being
// corrected) or when who the person is changed: the pilar, the name or the
// NIK. A coordinator verified that person for that role; a new phone
// number or kelurahan keeps the verification.
const (
	reverifyOnUpsert = `(volunteers.status = 'rejected' OR volunteers.pilar <> EXCLUDED.pilar
		OR volunteers.full_name <> EXCLUDED.full_name OR volunteers.nik IS DISTINCT FROM EXCLUDED.nik)`
	reverifyOnUpdate = `(status = 'rejected' OR pilar <> $5 OR full_name <> $4 OR nik IS DISTINCT FROM NULLIF($8, ''))`
)

// CreateVolunteer registers v and fills it from the stored row. A new
// volunteer is pending. If v.TelegramID is already registered, that row is
// updated instead: a rejected volunteer, or one whose pilar, name or NIK
// changed, goes back to pending; otherwise the status stays, so calling
// CreateVolunteer twice with the same data changes nothing. The account
// becomes reachable again. A NIK registered to another account gives
// ErrDuplicateNIK.
func (s *Store) CreateVolunteer(ctx context.Context, v *Volunteer) error {
	now := s.now()
	err := s.db.GetContext(ctx, v, `
		INSERT INTO volunteers (telegram_id, chat_id, username, full_name, pilar, kelurahan_code,
			phone, nik, status, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, NULLIF($8, ''), 'pending', $9, $9)
		ON CONFLICT (telegram_id) DO UPDATE SET
			chat_id = EXCLUDED.chat_id,
			username = EXCLUDED.username,
			full_name = EXCLUDED.full_name,
			pilar = EXCLUDED.pilar,
			kelurahan_code = EXCLUDED.kelurahan_code,
			phone = EXCLUDED.phone,
			nik = EXCLUDED.nik,
			status = CASE WHEN `+reverifyOnUpsert+` THEN 'pending' ELSE volunteers.status END,
			status_note = CASE WHEN `+reverifyOnUpsert+` THEN '' ELSE volunteers.status_note END,
			decided_by = CASE WHEN `+reverifyOnUpsert+` THEN NULL ELSE volunteers.decided_by END,
			decided_at = CASE WHEN `+reverifyOnUpsert+` THEN NULL ELSE volunteers.decided_at END,
			unreachable = false,
			updated_at = EXCLUDED.updated_at
		RETURNING `+volunteerColumns,
		v.TelegramID, v.ChatID, v.Username, v.FullName, v.Pilar, v.KelurahanCode,
		v.Phone, v.NIK, now)
	if isUniqueViolation(err, volunteerNIKConstraint) {
		err = ErrDuplicateNIK
	}
	if err != nil {
		return fmt.Errorf("storage: create volunteer: %w", err)
	}
	return nil
}

// UpdateVolunteerProfile stores the profile fields of the volunteer v.ID
// (chat, username, name, pilar, kelurahan, phone, NIK) and fills v from the
// stored row. A rejected registration, or a change of pilar, name or NIK,
// goes back to pending for verification. It returns ErrNotFound for an unknown id and
// ErrDuplicateNIK for a NIK registered to another account.
func (s *Store) UpdateVolunteerProfile(ctx context.Context, v *Volunteer) error {
	err := s.db.GetContext(ctx, v, `
		UPDATE volunteers SET
			chat_id = $2,
			username = $3,
			full_name = $4,
			pilar = $5,
			kelurahan_code = $6,
			phone = $7,
			nik = NULLIF($8, ''),
			status = CASE WHEN `+reverifyOnUpdate+` THEN 'pending' ELSE status END,
			status_note = CASE WHEN `+reverifyOnUpdate+` THEN '' ELSE status_note END,
			decided_by = CASE WHEN `+reverifyOnUpdate+` THEN NULL ELSE decided_by END,
			decided_at = CASE WHEN `+reverifyOnUpdate+` THEN NULL ELSE decided_at END,
			updated_at = $9
		WHERE id = $1
		RETURNING `+volunteerColumns,
		v.ID, v.ChatID, v.Username, v.FullName, v.Pilar, v.KelurahanCode, v.Phone, v.NIK, s.now())
	if isUniqueViolation(err, volunteerNIKConstraint) {
		err = ErrDuplicateNIK
	}
	if err != nil {
		return fmt.Errorf("storage: update volunteer profile: %w", notFound(err))
	}
	return nil
}

// PendingVolunteers returns up to limit volunteers inside scope waiting
// for verification, oldest first. A limit of zero or less means 50.
func (s *Store) PendingVolunteers(ctx context.Context, scope Scope, limit int) ([]Volunteer, error) {
	if limit <= 0 {
		limit = defaultPendingPageSize
	}
	vs := []Volunteer{}
	args := []any{limit}
	err := s.db.SelectContext(ctx, &vs, `
		SELECT `+volunteerColumns+` FROM volunteers v
		WHERE status = 'pending' AND `+scope.where("v", &args)+`
		ORDER BY created_at, id
		LIMIT $1`, args...)
	if err != nil {
		return nil, fmt.Errorf("storage: pending volunteers: %w", err)
	}
	return vs, nil
}

// CountPendingVolunteers returns how many volunteers inside scope wait for
// verification.
func (s *Store) CountPendingVolunteers(ctx context.Context, scope Scope) (int, error) {
	var n int
	var args []any
	err := s.db.GetContext(ctx, &n, `SELECT count(*) FROM volunteers v
		WHERE status = 'pending' AND `+scope.where("v", &args), args...)
	if err != nil {
		return 0, fmt.Errorf("storage: count pending volunteers: %w", err)
	}
	return n, nil
}

// DecideVolunteer verifies (approve) or rejects the pending volunteer id on
// behalf of the coordinator by, records the decision in the audit log and
// returns the updated volunteer. note is the rejection reason; it is kept
// in the audit log for approvals too. If the volunteer is not pending
// anymore it returns the current row with ErrAlreadyDecided, so of two
// coordinators deciding at once exactly one wins. It refuses with
// ErrNotCoordinator when by is no longer a coordinator, and with
// ErrOwnCase when by is the volunteer, and with ErrOutOfScope when the
// volunteer lives outside by's scope: these are checked in the
// transaction, whatever the caller checked before. A volunteer who erased
// their data is ErrNotFound: a reason typed after the erasure (it often
// quotes the name or number) is never stored.
func (s *Store) DecideVolunteer(ctx context.Context, id int64, by Actor, approve bool, note string) (*Volunteer, error) {
	status, action, statusNote := domain.StatusRejected, ActionVolunteerReject, note
	if approve {
		status, action, statusNote = domain.StatusVerified, ActionVolunteerVerify, ""
	}
	var v Volunteer
	err := s.withTx(ctx, func(tx *sqlx.Tx) error {
		scope, err := checkActor(ctx, tx, by)
		if err != nil {
			return err
		}
		err = tx.GetContext(ctx, &v,
			`SELECT `+volunteerColumns+` FROM volunteers WHERE id = $1 FOR UPDATE`, id)
		if err != nil {
			return notFound(err)
		}
		if v.Status == domain.StatusErased {
			return ErrNotFound
		}
		if v.Status != domain.StatusPending {
			return ErrAlreadyDecided
		}
		if v.TelegramID == by.ID {
			return ErrOwnCase
		}
		if !scope.Covers(v.Pilar, v.KelurahanCode) {
			return ErrOutOfScope
		}
		now := s.now()
		err = tx.GetContext(ctx, &v, `
			UPDATE volunteers SET status = $2, status_note = $3, decided_by = $4, decided_at = $5,
				updated_at = $5
			WHERE id = $1
			RETURNING `+volunteerColumns,
			id, status, statusNote, by.ID, now)
		if err != nil {
			return err
		}
		return s.insertAudit(ctx, tx, AuditEntry{
			ActorID:     by.ID,
			Action:      action,
			SubjectType: SubjectVolunteer,
			SubjectID:   strconv.FormatInt(id, 10),
			Before:      string(domain.StatusPending),
			After:       string(status),
			Note:        note,
			CreatedAt:   now,
		})
	})
	switch {
	case errors.Is(err, ErrAlreadyDecided):
		return &v, fmt.Errorf("storage: decide volunteer: %w", err)
	case err != nil:
		return nil, fmt.Errorf("storage: decide volunteer: %w", err)
	}
	return &v, nil
}

// MarkUnreachable records whether the volunteers of chatID blocked the bot
// (Telegram answered 403), so broadcasts skip them. A chat without a
// volunteer is not an error.
func (s *Store) MarkUnreachable(ctx context.Context, chatID int64, unreachable bool) error {
	_, err := s.db.ExecContext(ctx, `
		UPDATE volunteers SET unreachable = $2, updated_at = $3
		WHERE chat_id = $1 AND unreachable <> $2`,
		chatID, unreachable, s.now())
	if err != nil {
		return fmt.Errorf("storage: mark unreachable: %w", err)
	}
	return nil
}
