package kit

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/redis/go-redis/v9"

	"pilarbot/bot"
	"pilarbot/conversations"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// Sender is the part of the Telegram client that handlers use.
type Sender interface {
	Send(ctx context.Context, c tgbotapi.Chattable) (tgbotapi.Message, error)
	Request(ctx context.Context, c tgbotapi.Chattable) (json.RawMessage, error)
}

var _ Sender = (*bot.Client)(nil)

// Env is what every room runs in. It holds services, not capability state:
// each capability keeps its own settings in its own struct.
type Env struct {
	Send    Sender
	Store   *storage.Store
	Redis   redis.UniversalClient
	Prefix  string // of every Redis key the handlers write
	Engine  *conversations.Engine
	Admins  map[int64]bool
	BotName string // the bot's @username, without "@"
	Now     func() time.Time
	Log     *slog.Logger

	// background tracks notices sent after a reply, so shutdown can wait
	// for them.
	background sync.WaitGroup
}

// Go runs f in the background with a context that outlives the update's
// by up to a minute: notices to coordinators must not delay the reply, and
// must not be cut off when the update is done.
func (e *Env) Go(ctx context.Context, f func(ctx context.Context)) {
	e.background.Add(1)
	go func() {
		defer e.background.Done()
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		defer cancel()
		f(ctx)
	}()
}

// Wait blocks until the background work started with Go is done.
func (e *Env) Wait() { e.background.Wait() }

// RoleOf returns the sender's role, looked up once per request.
func (e *Env) RoleOf(ctx context.Context, r *Request) (domain.Role, error) {
	if r.role != "" {
		return r.role, nil
	}
	role, scope, err := e.roleAndScope(ctx, r.From.ID)
	if err != nil {
		return "", err
	}
	r.role, r.scope = role, scope
	return role, nil
}

// ScopeOf returns the area the sender works in, looked up with the role:
// the whole city for an admin and for a coordinator without a scope. A
// volunteer has no area; rooms ask only after the router checked the
// role. The store checks the scope again when a decision commits.
func (e *Env) ScopeOf(ctx context.Context, r *Request) (storage.Scope, error) {
	if _, err := e.RoleOf(ctx, r); err != nil {
		return storage.Scope{}, err
	}
	return r.scope, nil
}

// UserRole looks up the role of a Telegram user now: admin from the
// configuration, coordinator from the store, otherwise volunteer.
func (e *Env) UserRole(ctx context.Context, userID int64) (domain.Role, error) {
	role, _, err := e.roleAndScope(ctx, userID)
	return role, err
}

func (e *Env) roleAndScope(ctx context.Context, userID int64) (domain.Role, storage.Scope, error) {
	if e.Admins[userID] {
		return domain.RoleAdmin, storage.Scope{}, nil
	}
	c, err := e.Store.CoordinatorByID(ctx, userID)
	if errors.Is(err, storage.ErrNotFound) {
		return domain.RoleVolunteer, storage.Scope{}, nil
	}
	if err != nil {
		return "", storage.Scope{}, err
	}
	scope, err := c.Scope()
	return domain.RoleCoordinator, scope, err
}

// Holds reports whether userID holds role need now: the check the
// conversation engine makes before each answer to a flow that needs a
// role.
func (e *Env) Holds(ctx context.Context, userID int64, need domain.Role) (bool, error) {
	role, err := e.UserRole(ctx, userID)
	return Allows(role, need), err
}

// Actor is userID as the store's decisions take it: the store checks the
// coordinators itself when the decision commits, but the admins come from
// the configuration, so the room says who is one.
func (e *Env) Actor(userID int64) storage.Actor {
	return storage.Actor{ID: userID, Admin: e.Admins[userID]}
}

// VolunteerOf returns the sender's registration, or nil.
func (e *Env) VolunteerOf(ctx context.Context, r *Request) (*storage.Volunteer, error) {
	if r.loadedVol {
		return r.volunteer, nil
	}
	v, err := e.Store.VolunteerByTelegramID(ctx, r.From.ID)
	if errors.Is(err, storage.ErrNotFound) {
		v, err = nil, nil
	}
	if err != nil {
		return nil, err
	}
	r.volunteer, r.loadedVol = v, true
	return v, nil
}

// CoordinatorIDs lists the admins and coordinators, each once.
func (e *Env) CoordinatorIDs(ctx context.Context) ([]int64, error) {
	return e.coordinatorsWhere(ctx, func(storage.Scope) bool { return true })
}

// CoordinatorsCovering lists, each once, the admins, the city-wide
// coordinators and the coordinators whose scope covers a volunteer of
// pilar living in kelurahanCode: who is told of that volunteer's
// registration or report.
func (e *Env) CoordinatorsCovering(ctx context.Context, pilar, kelurahanCode string) ([]int64, error) {
	return e.coordinatorsWhere(ctx, func(g storage.Scope) bool { return g.Covers(pilar, kelurahanCode) })
}

func (e *Env) coordinatorsWhere(ctx context.Context, keep func(storage.Scope) bool) ([]int64, error) {
	cs, err := e.Store.Coordinators(ctx)
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	var ids []int64
	for id := range e.Admins {
		seen[id] = true
		ids = append(ids, id)
	}
	for _, c := range cs {
		if seen[c.TelegramID] {
			continue
		}
		g, err := c.Scope()
		if err != nil {
			e.Log.Warn("a coordinator's scope is unreadable; they are left out", "coordinator", c.TelegramID, "error", err)
			continue
		}
		if keep(g) {
			seen[c.TelegramID] = true
			ids = append(ids, c.TelegramID)
		}
	}
	return ids, nil
}
