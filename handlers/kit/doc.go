// Package kit is what every room of the bot shares: the Request a handler
// receives, the Env it runs in (the Telegram sender, the store, Redis, the
// conversation engine, the clock and the logger), reply, edit and
// remove-buttons helpers, keyboards, the flow helpers that turn parsers
// into steps, and the Indonesian wording of dates, numbers, statuses and
// places.
//
// A capability (registration, reports, events, …) is a package of its own
// beside this one. It imports kit, never another capability; what one
// capability offers another goes through a small exported entry point that
// the handlers package wires in.
package kit
