// Package handlers assembles what PilarBot does from its rooms, one package
// per capability (volunteers, reports, events, broadcast, siaga, data, admin),
// and routes every update to them: routes.go is the one table of commands
// and buttons with the role each needs, router.go checks that role and
// hands messages to the user's flow, group.go keeps the bot quiet in
// groups. What the rooms share is in kit; a room never imports another.
package handlers

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"

	"pilarbot/conversations"
	adminroom "pilarbot/handlers/admin"
	"pilarbot/handlers/broadcast"
	"pilarbot/handlers/data"
	"pilarbot/handlers/events"
	"pilarbot/handlers/kit"
	"pilarbot/handlers/reports"
	"pilarbot/handlers/siaga"
	"pilarbot/handlers/volunteers"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// Deps are what the handlers need; every field is required. Settings come
// from the configuration, which owns their defaults.
type Deps struct {
	Sender      kit.Sender
	Store       *storage.Store
	Redis       redis.UniversalClient
	RedisPrefix string
	Engine      *conversations.Engine
	Admins      []int64
	BotUsername string
	Broadcasts  *broadcast.Runner // delivers what /umumkan starts
	// PurgeInbox removes the received updates of a user not yet handled
	// (the bot's inbox); /hapusdata erases them with the rest.
	PurgeInbox func(ctx context.Context, userID int64) (int, error)
	Now        func() time.Time
	Logger     *slog.Logger
	// UserBurst is how many updates a user may send in UserWindow before
	// the rest is dropped (flood.go).
	UserBurst  int
	UserWindow time.Duration
	// ReportMaxAgeDays is how many days back an activity date may lie.
	ReportMaxAgeDays int
	// ReportBBox is where a report's map pin may lie.
	ReportBBox domain.BBox
	// CheckinRadius is how near the event's pin a check-in counts, in
	// metres.
	CheckinRadius float64
}

// Handlers answers updates.
type Handlers struct {
	*kit.Env

	// The rooms, one capability each.
	volunteers *volunteers.Room
	reports    *reports.Room
	events     *events.Room
	broadcast  *broadcast.Room
	data       *data.Room
	admin      *adminroom.Room
	siaga      *siaga.Room

	commands  map[string]kit.Command
	callbacks map[string]kit.Callback
	budget    *budget
}

// New wires the handlers and registers their flows with the engine. It
// fails when a flow's entry command is not in the routes table.
func New(d Deps) (*Handlers, error) {
	env := &kit.Env{
		Send:    d.Sender,
		Store:   d.Store,
		Redis:   d.Redis,
		Prefix:  d.RedisPrefix,
		Engine:  d.Engine,
		Admins:  map[int64]bool{},
		BotName: d.BotUsername,
		Now:     d.Now,
		Log:     d.Logger,
	}
	for _, id := range d.Admins {
		env.Admins[id] = true
	}
	// The rooms; a room that needs another's work gets it as a function
	// here, so rooms never import each other.
	h := &Handlers{Env: env, budget: &budget{rdb: d.Redis, prefix: d.RedisPrefix, burst: d.UserBurst, window: d.UserWindow, now: d.Now}}
	h.volunteers = volunteers.New(env, volunteers.Deps{PurgeInbox: d.PurgeInbox})
	h.reports = reports.New(env, reports.Config{MaxAgeDays: d.ReportMaxAgeDays, BBox: d.ReportBBox})
	h.broadcast = broadcast.New(env, d.Broadcasts)
	h.events = events.New(env, events.Config{CheckinRadius: d.CheckinRadius}, events.Deps{Announce: h.broadcast.Prefill})
	h.data = data.New(env, data.Deps{Card: h.volunteers.Card, RecentReports: h.reports.RecentReports})
	h.admin = adminroom.New(env, h) // the command menus are the router's
	h.siaga = siaga.New(env, siaga.Deps{Kick: d.Broadcasts.Kick})
	if err := h.routes(); err != nil {
		return nil, err
	}
	// Flows that need a role ask for it at every answer and press.
	h.Engine.Authorize = env.Holds
	// Each room's conversations, one line a room.
	flows := [][]*conversations.Flow{
		h.volunteers.Flows(),
		h.reports.Flows(),
		h.events.Flows(),
		h.admin.Flows(),
		h.broadcast.Flows(),
		h.siaga.Flows(),
	}
	for _, fs := range flows {
		if err := h.Engine.Register(fs...); err != nil {
			return nil, err
		}
	}
	for _, f := range h.Engine.Flows() {
		cmd, ok := h.commands[f.Entry]
		if !ok {
			return nil, fmt.Errorf("handlers: flow %q enters through /%s, which is not a command", f.Name, f.Entry)
		}
		// A flow must keep checking the role that let its user in.
		if !kit.Allows(f.Role, cmd.Role) {
			return nil, fmt.Errorf("handlers: flow %q needs role %q, less than its command /%s", f.Name, f.Role, f.Entry)
		}
	}
	return h, nil
}
